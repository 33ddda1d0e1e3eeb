import { useTranslation } from 'react-i18next'
import { ErrorAdvice } from '../../components/ErrorAdvice'
import { errorText } from '../../i18n'
import { useAppStore } from '../../store'
import { ChatHeader } from './ChatHeader'
import { Composer } from './Composer'
import { MessageList } from './MessageList'

/** The centre of the app: the open conversation (or an empty new chat) and the composer. */
export function ChatView() {
  const { t } = useTranslation()
  const activeId = useAppStore((s) => s.activeId)
  const loading = useAppStore((s) => (s.activeId ? s.threads[s.activeId]?.loading === true : false))
  const error = useAppStore((s) => (s.activeId ? (s.threads[s.activeId]?.error ?? null) : null))

  let body
  if (!activeId) {
    body = (
      <div className="chat-empty">
        <h2>{t('chat.emptyTitle')}</h2>
        <p>{t('chat.emptyBody')}</p>
      </div>
    )
  } else if (error) {
    body = (
      <div className="chat-empty" role="alert">
        <p>{errorText(error)}</p>
        <ErrorAdvice
          error={error}
          on={{ retry: () => void useAppStore.getState().loadThread(activeId) }}
        />
      </div>
    )
  } else if (loading) {
    body = (
      <div className="chat-empty" role="status" aria-live="polite">
        <p>{t('chat.loading')}</p>
      </div>
    )
  } else {
    // Keyed: a new virtualizer per conversation starts at its end with fresh measurements.
    body = <MessageList key={activeId} conversationId={activeId} />
  }

  return (
    <section className="chat" aria-labelledby="chat-title">
      <ChatHeader />
      {body}
      <Composer />
    </section>
  )
}

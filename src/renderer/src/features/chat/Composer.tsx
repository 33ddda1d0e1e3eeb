/**
 * The message box. Enter sends, Shift+Enter adds a line, Enter during an IME composition only
 * commits the composition (see useImeGuard). Esc stops a streaming reply (App's shortcut), ArrowUp
 * in an empty box edits the last message. The text lives in the store per conversation, and is
 * cleared only once main has stored the message: a failed send keeps it, with the reason.
 */
import { useEffect, useId, useRef, type FormEvent, type KeyboardEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { errorText } from '../../i18n'
import { useImeGuard } from '../../hooks/useImeGuard'
import { useAppStore } from '../../store'
import { selectActiveStreaming, selectActiveThreadLoading, selectComposerKey } from '../../store/selectors'
import { CheckConnectionButton } from '../connection/CheckConnectionButton'
import { isConnectionError } from '../connection/connectionErrors'

export const COMPOSER_ID = 'composer'

export function Composer() {
  const { t } = useTranslation()
  const key = useAppStore(selectComposerKey)
  const draft = useAppStore((s) => s.drafts[key] ?? '')
  const error = useAppStore((s) => s.sendErrors[key] ?? null)
  const pending = useAppStore((s) => s.pending[key] === true)
  const streaming = useAppStore(selectActiveStreaming)
  const loading = useAppStore(selectActiveThreadLoading)
  const ime = useImeGuard()
  const ref = useRef<HTMLTextAreaElement>(null)
  const errorId = useId()

  // Switching conversation puts the cursor where the user will type next.
  useEffect(() => {
    ref.current?.focus()
  }, [key])

  const canSend = draft.trim() !== '' && !pending && !streaming && !loading

  const submit = () => {
    if (!canSend) return
    void useAppStore.getState().send(draft)
  }

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Enter' && !e.shiftKey) {
      if (ime.isImeKey(e)) return
      e.preventDefault()
      submit()
      return
    }
    if (e.key === 'ArrowUp' && draft === '' && !ime.isImeKey(e)) {
      const s = useAppStore.getState()
      const messages = s.activeId ? (s.threads[s.activeId]?.messages ?? []) : []
      const lastUser = [...messages].reverse().find((m) => m.role === 'user')
      if (s.activeId && lastUser && !streaming) {
        e.preventDefault()
        s.startEdit(s.activeId, lastUser.id)
      }
    }
  }

  const onSubmit = (e: FormEvent) => {
    e.preventDefault()
    submit()
  }

  return (
    <form className="composer" onSubmit={onSubmit}>
      {error && (
        <div className="composer-error" role="alert">
          <span id={errorId}>{t('chat.sendFailed', { reason: errorText(error) })}</span>
          {isConnectionError(error) && <CheckConnectionButton />}
        </div>
      )}
      <div className="composer-box">
        <label htmlFor={COMPOSER_ID} className="visually-hidden">
          {t('chat.messageLabel')}
        </label>
        <textarea
          id={COMPOSER_ID}
          ref={ref}
          className="composer-input"
          rows={1}
          value={draft}
          placeholder={t('chat.placeholder')}
          aria-describedby={error ? errorId : undefined}
          aria-invalid={error ? true : undefined}
          onChange={(e) => useAppStore.getState().setDraft(key, e.target.value)}
          onKeyDown={onKeyDown}
          {...ime.handlers}
        />
        {streaming ? (
          <button type="button" className="btn btn-stop" onClick={() => void stopActive()}>
            {t('chat.stop')}
          </button>
        ) : (
          <button type="submit" className="btn btn-primary" disabled={!canSend}>
            {t('chat.send')}
          </button>
        )}
      </div>
    </form>
  )
}

export function stopActive(): Promise<void> {
  const s = useAppStore.getState()
  return s.activeId ? s.stop(s.activeId) : Promise.resolve()
}

/** Inline editor of an earlier user message: resending replaces everything after it, after asking. */
import { useState, type FormEvent, type KeyboardEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { Message } from '@shared/conversation'
import { ConfirmDialog } from '../../components/Dialog'
import { useImeGuard } from '../../hooks/useImeGuard'
import { useAppStore } from '../../store'
import { COMPOSER_ID } from './Composer'

export function MessageEditor({
  conversationId,
  message,
  hasFollowing
}: {
  conversationId: string
  message: Message
  hasFollowing: boolean
}) {
  const { t } = useTranslation()
  const [text, setText] = useState(message.text)
  const [confirming, setConfirming] = useState(false)
  const ime = useImeGuard()

  /** Close the editor and put the cursor back in the message box, where the user types next. */
  const close = () => {
    useAppStore.getState().cancelEdit()
    requestAnimationFrame(() => document.getElementById(COMPOSER_ID)?.focus())
  }
  const resend = () => {
    setConfirming(false)
    void useAppStore.getState().edit(conversationId, message.id, text)
  }
  const submit = () => {
    if (!text.trim()) return
    if (hasFollowing) setConfirming(true)
    else resend()
  }
  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Escape') {
      // Esc here closes the editor; it must not also stop a reply elsewhere.
      e.stopPropagation()
      e.nativeEvent.stopImmediatePropagation()
      close()
      return
    }
    if (e.key === 'Enter' && !e.shiftKey && !ime.isImeKey(e)) {
      e.preventDefault()
      submit()
    }
  }

  return (
    <form
      className="message-editor"
      onSubmit={(e: FormEvent) => {
        e.preventDefault()
        submit()
      }}
    >
      <textarea
        className="message-editor-input"
        aria-label={t('chat.editLabel')}
        value={text}
        autoFocus
        onChange={(e) => setText(e.target.value)}
        onKeyDown={onKeyDown}
        {...ime.handlers}
      />
      <div className="message-editor-actions">
        <button type="button" className="btn" onClick={close}>
          {t('chat.cancelEdit')}
        </button>
        <button type="submit" className="btn btn-primary" disabled={!text.trim()}>
          {t('chat.saveEdit')}
        </button>
      </div>
      {confirming && (
        <ConfirmDialog
          title={t('chat.confirmEditTitle')}
          body={t('chat.confirmEditBody')}
          confirmLabel={t('chat.confirmEditAction')}
          cancelLabel={t('common.cancel')}
          onConfirm={resend}
          onCancel={() => setConfirming(false)}
        />
      )}
    </form>
  )
}

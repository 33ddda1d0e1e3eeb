/**
 * The message box. Enter sends, Shift+Enter adds a line, Enter during an IME composition only
 * commits the composition (see useImeGuard). Esc stops a streaming reply (App's shortcut), ArrowUp
 * in an empty box edits the last message. The text lives in the store per conversation, and is
 * cleared only once main has stored the message: a failed send keeps it, with the reason.
 */
import { useEffect, useId, useRef, useState, type ClipboardEvent, type DragEvent, type FormEvent, type KeyboardEvent } from 'react'
import { acceptedExtensions } from '@shared/attachments'
import { Icon } from '../../components/Icon'
import { useTranslation } from 'react-i18next'
import { errorSummary, errorText } from '../../i18n'
import { ErrorDetails } from '../../components/ErrorDetails'
import { useImeGuard } from '../../hooks/useImeGuard'
import { useAppStore } from '../../store'
import { selectActiveStreaming, selectActiveThreadLoading, selectComposerKey } from '../../store/selectors'
import { CheckConnectionButton } from '../connection/CheckConnectionButton'
import { isConnectionError } from '../connection/connectionErrors'
import type { ComposerFile } from '../../store/types'
import { ComposerChips } from './AttachmentChips'
import { HistoryNotice } from './HistoryNotice'

export const COMPOSER_ID = 'composer'
const noFiles: ComposerFile[] = []

function hasFiles(e: DragEvent): boolean {
  return Array.from(e.dataTransfer?.types ?? []).includes('Files')
}

export function Composer() {
  const { t } = useTranslation()
  const key = useAppStore(selectComposerKey)
  const draft = useAppStore((s) => s.drafts[key] ?? '')
  const error = useAppStore((s) => s.sendErrors[key] ?? null)
  const pending = useAppStore((s) => s.pending[key] === true)
  const streaming = useAppStore(selectActiveStreaming)
  const loading = useAppStore(selectActiveThreadLoading)
  const files = useAppStore((s) => s.composerFiles[key] ?? noFiles)
  const attachError = useAppStore((s) => s.attachErrors[key] ?? null)
  const [dragging, setDragging] = useState(false)
  const ime = useImeGuard()
  const ref = useRef<HTMLTextAreaElement>(null)
  const picker = useRef<HTMLInputElement>(null)
  const errorId = useId()
  const attachErrorId = useId()

  // Switching conversation puts the cursor where the user will type next.
  useEffect(() => {
    ref.current?.focus()
  }, [key])

  const reading = files.some((f) => !f.attachment)
  const canSend = (draft.trim() !== '' || files.length > 0) && !reading && !pending && !streaming && !loading
  const attach = (list: FileList | File[] | null | undefined) => {
    const chosen = Array.from(list ?? [])
    if (chosen.length > 0) void useAppStore.getState().attachFiles(key, chosen)
  }
  const onDrop = (e: DragEvent<HTMLFormElement>) => {
    if (!hasFiles(e)) return
    e.preventDefault()
    setDragging(false)
    attach(e.dataTransfer.files)
  }
  const onPaste = (e: ClipboardEvent<HTMLTextAreaElement>) => {
    // A pasted file (a screenshot, a file copied in the file manager) is attached; pasted text stays text.
    if (e.clipboardData.files.length === 0) return
    e.preventDefault()
    attach(e.clipboardData.files)
  }

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
    <form
      className={`composer${dragging ? ' composer-dragging' : ''}`}
      onSubmit={onSubmit}
      onDragOver={(e) => {
        if (!hasFiles(e)) return
        e.preventDefault()
        setDragging(true)
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
    >
      {error && (
        <div className="composer-error" role="alert">
          <span id={errorId}>{t('chat.sendFailed', { reason: errorSummary(error) })}</span>
          {isConnectionError(error) && <CheckConnectionButton />}
          <ErrorDetails error={error} />
        </div>
      )}
      {attachError && (
        <div className="composer-error" role="alert">
          <span id={attachErrorId}>{errorText(attachError)}</span>
        </div>
      )}
      <ComposerChips files={files} onRemove={(id) => useAppStore.getState().removeFile(key, id)} />
      <div className="composer-box">
        <input
          ref={picker}
          type="file"
          multiple
          hidden
          accept={acceptedExtensions}
          data-testid="attach-input"
          onChange={(e) => {
            attach(e.currentTarget.files)
            e.currentTarget.value = ''
          }}
        />
        <button type="button" className="btn-ghost btn-icon composer-attach" aria-label={t('attachments.add')} title={t('attachments.addHint')} onClick={() => picker.current?.click()}>
          <Icon name="paperclip" />
        </button>
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
          aria-describedby={[error ? errorId : '', attachError ? attachErrorId : ''].filter(Boolean).join(' ') || undefined}
          aria-invalid={error ? true : undefined}
          onChange={(e) => useAppStore.getState().setDraft(key, e.target.value)}
          onKeyDown={onKeyDown}
          onPaste={onPaste}
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
      <HistoryNotice />
    </form>
  )
}

export function stopActive(): Promise<void> {
  const s = useAppStore.getState()
  return s.activeId ? s.stop(s.activeId) : Promise.resolve()
}

/**
 * The message box. Enter sends, Shift+Enter adds a line, Enter during an IME composition only
 * commits the composition (see useImeGuard). Esc stops a streaming reply (App's shortcut), ArrowUp
 * in an empty box edits the last message. The text lives in the store per conversation, and is
 * cleared only once main has stored the message: a failed send keeps it, with the reason.
 */
import {
  useEffect,
  useId,
  useRef,
  useState,
  type ClipboardEvent,
  type DragEvent,
  type FormEvent,
  type KeyboardEvent
} from 'react'
import { acceptedExtensions } from '@shared/attachments'
import { promptVariables, searchPrompts, type Prompt } from '@shared/prompts'
import { PromptFillDialog, PromptList, PromptSearchPopover } from '../prompts/PromptMenu'
import { Icon } from '../../components/Icon'
import { useTranslation } from 'react-i18next'
import { errorSummary, errorText } from '../../i18n'
import { ErrorDetails } from '../../components/ErrorDetails'
import { ErrorAdvice } from '../../components/ErrorAdvice'
import { useImeGuard } from '../../hooks/useImeGuard'
import { useAppStore } from '../../store'
import {
  selectActiveStreaming,
  selectActiveThreadLoading,
  selectComposerKey
} from '../../store/selectors'
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
  const promptListId = useId()
  const prompts = useAppStore((s) => s.prompts)
  // `/` at the start of the box opens the prompt menu, filtered by what follows; Esc closes it for this text.
  const slash = /^\/([^\n]*)$/.exec(draft)?.[1]
  const [slashClosedFor, setSlashClosedFor] = useState<string | null>(null)
  const [active, setActive] = useState(0)
  const [popover, setPopover] = useState(false)
  const [filling, setFilling] = useState<{ prompt: Prompt; replace: boolean } | null>(null)
  const slashOpen = slash !== undefined && slashClosedFor !== draft
  const slashShown = slashOpen ? searchPrompts(prompts, slash) : []
  useEffect(() => {
    if (slash !== undefined || popover) void useAppStore.getState().loadPrompts()
  }, [slash, popover])

  /** Put a prompt's text in the box: in place of the `/query`, or after what is typed (the menu button). */
  const insertText = (text: string, replace: boolean) => {
    const current = useAppStore.getState().drafts[key] ?? ''
    useAppStore
      .getState()
      .setDraft(key, replace || current.trim() === '' ? text : `${current}\n${text}`)
    ref.current?.focus()
  }
  const pick = (prompt: Prompt, replace: boolean) => {
    setPopover(false)
    if (promptVariables(prompt.text).length > 0) setFilling({ prompt, replace })
    else insertText(prompt.text, replace)
  }

  // Switching conversation puts the cursor where the user will type next.
  useEffect(() => {
    ref.current?.focus()
  }, [key])

  const reading = files.some((f) => !f.attachment)
  const canSend =
    (draft.trim() !== '' || files.length > 0) && !reading && !pending && !streaming && !loading
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
    if (slashOpen && !ime.isImeKey(e)) {
      if (e.key === 'Escape') {
        // Closes the menu only: not the app's Esc (stop a reply).
        e.preventDefault()
        e.stopPropagation()
        setSlashClosedFor(draft)
        return
      }
      if (slashShown.length > 0) {
        if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
          e.preventDefault()
          setActive((a) =>
            e.key === 'ArrowDown' ? Math.min(a + 1, slashShown.length - 1) : Math.max(a - 1, 0)
          )
          return
        }
        if ((e.key === 'Enter' && !e.shiftKey) || e.key === 'Tab') {
          e.preventDefault()
          pick(slashShown[Math.min(active, slashShown.length - 1)]!, true)
          return
        }
      }
    }
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
          {/* Send is the retry; Check connection sits next to a connection error. */}
          <ErrorAdvice error={error} on={{ checkConnection: false }} />
          {isConnectionError(error) && <CheckConnectionButton />}
          <ErrorDetails error={error} />
        </div>
      )}
      {attachError && (
        <div className="composer-error" role="alert">
          <span id={attachErrorId}>{errorText(attachError)}</span>
          <ErrorAdvice error={attachError} />
        </div>
      )}
      <ComposerChips files={files} onRemove={(id) => useAppStore.getState().removeFile(key, id)} />
      {slashOpen && (
        <div className="prompt-popover">
          <PromptList
            id={promptListId}
            prompts={slashShown}
            active={active}
            onPick={(p) => pick(p, true)}
            onHover={setActive}
          />
        </div>
      )}
      {popover && (
        <PromptSearchPopover
          prompts={(q) => searchPrompts(prompts, q)}
          onPick={(p) => pick(p, false)}
          onClose={() => setPopover(false)}
        />
      )}
      {filling && (
        <PromptFillDialog
          prompt={filling.prompt}
          onCancel={() => setFilling(null)}
          onInsert={(text) => {
            insertText(text, filling.replace)
            setFilling(null)
          }}
        />
      )}
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
        <button
          type="button"
          className="btn-ghost btn-icon composer-attach"
          aria-label={t('attachments.add')}
          title={t('attachments.addHint')}
          onClick={() => picker.current?.click()}
        >
          <Icon name="paperclip" />
        </button>
        <button
          type="button"
          className="btn-ghost btn-icon composer-attach"
          aria-label={t('prompts.open')}
          title={t('prompts.openHint')}
          aria-expanded={popover}
          onMouseDown={(e) => e.preventDefault()}
          onClick={() => setPopover((open) => !open)}
        >
          <Icon name="bookmark" />
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
          aria-describedby={
            [error ? errorId : '', attachError ? attachErrorId : ''].filter(Boolean).join(' ') ||
            undefined
          }
          aria-invalid={error ? true : undefined}
          onChange={(e) => {
            setActive(0)
            useAppStore.getState().setDraft(key, e.target.value)
          }}
          onKeyDown={onKeyDown}
          onPaste={onPaste}
          aria-controls={slashOpen ? promptListId : undefined}
          aria-activedescendant={
            slashOpen && slashShown.length > 0
              ? `${promptListId}-${Math.min(active, slashShown.length - 1)}`
              : undefined
          }
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

/**
 * One conversation in the sidebar: open it, pin it, rename it in place (the pencil or F2), or
 * delete it (the bin or Delete; with undo). The list (ConversationList) moves focus between rows.
 */
import { memo, useRef, useState, type KeyboardEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { ConversationSummary } from '@shared/conversation'
import { Icon } from '../../components/Icon'
import { useAppStore } from '../../store'

export const ConversationItem = memo(function ConversationItem({
  summary,
  active
}: {
  summary: ConversationSummary
  active: boolean
}) {
  const { t } = useTranslation()
  const renaming = useAppStore((s) => s.renamingId === summary.id)
  const shown = summary.title || t('sidebar.untitled')

  if (renaming) return <RenameField summary={summary} />

  return (
    <div className={`conv-item${active ? ' is-active' : ''}`}>
      <button
        type="button"
        className="conv-open"
        data-conv-id={summary.id}
        aria-current={active ? 'page' : undefined}
        // The full title, also when the row cuts it short.
        title={shown}
        onClick={() => void useAppStore.getState().openConversation(summary.id)}
      >
        {summary.pinned && (
          <span className="conv-pin-mark" aria-hidden="true">
            <Icon name="pin" size={12} />
          </span>
        )}
        {shown}
      </button>
      <span className="conv-actions">
        <button
          type="button"
          className="icon-btn"
          aria-label={summary.pinned ? t('sidebar.unpin') : t('sidebar.pin')}
          aria-pressed={summary.pinned === true}
          title={summary.pinned ? t('sidebar.unpin') : t('sidebar.pin')}
          onClick={() => void useAppStore.getState().pinConversation(summary.id, !summary.pinned)}
        >
          <Icon name="pin" />
        </button>
        <button
          type="button"
          className="icon-btn"
          aria-label={t('sidebar.rename')}
          title={`${t('sidebar.rename')} (F2)`}
          onClick={() => useAppStore.getState().startRename(summary.id)}
        >
          <Icon name="pencil" />
        </button>
        <button
          type="button"
          className="icon-btn"
          aria-label={t('sidebar.delete')}
          title={`${t('sidebar.delete')} (Delete)`}
          onClick={() => void useAppStore.getState().removeConversation(summary.id)}
        >
          <Icon name="trash" />
        </button>
      </span>
    </div>
  )
})

function RenameField({ summary }: { summary: ConversationSummary }) {
  const { t } = useTranslation()
  const [title, setTitle] = useState(summary.title)
  // Enter commits, then the input's blur would commit again: once is enough.
  const closed = useRef(false)

  /** Back to the row, with the keyboard on it (F2 → type → Enter, then arrows go on). */
  const close = () => {
    if (closed.current) return
    closed.current = true
    useAppStore.getState().endRename()
    requestAnimationFrame(() =>
      document.querySelector<HTMLElement>(`[data-conv-id="${CSS.escape(summary.id)}"]`)?.focus()
    )
  }
  const commit = async () => {
    const next = title.trim()
    close()
    if (next && next !== summary.title)
      await useAppStore.getState().renameConversation(summary.id, next)
  }
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter' && !e.nativeEvent.isComposing && e.keyCode !== 229) {
      e.preventDefault()
      void commit()
    } else if (e.key === 'Escape') {
      e.stopPropagation()
      close()
    }
  }
  return (
    <div className="conv-item conv-item-renaming">
      <input
        className="conv-rename"
        aria-label={t('sidebar.renameLabel')}
        value={title}
        autoFocus
        maxLength={200}
        onChange={(e) => setTitle(e.target.value)}
        onKeyDown={onKeyDown}
        onBlur={() => void commit()}
      />
    </div>
  )
}

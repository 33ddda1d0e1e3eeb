/** One conversation in the sidebar: open it, rename it in place, or delete it (with undo). */
import { memo, useState, type KeyboardEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { ConversationSummary } from '@shared/conversation'
import { Icon } from '../../components/Icon'
import { useAppStore } from '../../store'

export const ConversationItem = memo(function ConversationItem({ summary, active }: { summary: ConversationSummary; active: boolean }) {
  const { t } = useTranslation()
  const [renaming, setRenaming] = useState(false)
  const [title, setTitle] = useState(summary.title)
  const shown = summary.title || t('sidebar.untitled')

  const startRename = () => {
    setTitle(summary.title)
    setRenaming(true)
  }
  const commit = async () => {
    if (!renaming) return
    setRenaming(false)
    if (title.trim() && title.trim() !== summary.title) await useAppStore.getState().renameConversation(summary.id, title)
  }
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter' && !e.nativeEvent.isComposing && e.keyCode !== 229) {
      e.preventDefault()
      void commit()
    } else if (e.key === 'Escape') {
      e.stopPropagation()
      setRenaming(false)
    }
  }

  if (renaming) {
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

  return (
    <div className={`conv-item${active ? ' is-active' : ''}`}>
      <button
        type="button"
        className="conv-open"
        aria-current={active ? 'page' : undefined}
        title={shown}
        onClick={() => void useAppStore.getState().openConversation(summary.id)}
      >
        {shown}
      </button>
      <span className="conv-actions">
        <button type="button" className="icon-btn" aria-label={t('sidebar.rename')} title={t('sidebar.rename')} onClick={startRename}>
          <Icon name="pencil" />
        </button>
        <button
          type="button"
          className="icon-btn"
          aria-label={t('sidebar.delete')}
          title={t('sidebar.delete')}
          onClick={() => void useAppStore.getState().removeConversation(summary.id)}
        >
          <Icon name="trash" />
        </button>
      </span>
    </div>
  )
})

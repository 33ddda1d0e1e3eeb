import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { useAppStore } from '../../store'
import { selectActiveSummary, selectSidebarVisible } from '../../store/selectors'
import { Icon } from '../../components/Icon'
import { HeaderPickers } from '../connection/HeaderPickers'
import { SIDEBAR_ID } from '../sidebar/Sidebar'

/** Shows the folded sidebar (Ctrl+B does the same); absent while the sidebar shows. */
export function SidebarToggle() {
  const { t } = useTranslation()
  const visible = useAppStore(selectSidebarVisible)
  if (visible) return null
  return (
    <button
      type="button"
      className="icon-btn sidebar-toggle"
      aria-label={t('sidebar.show')}
      title={`${t('sidebar.show')} (Ctrl/⌘+B)`}
      aria-expanded="false"
      aria-controls={SIDEBAR_ID}
      onClick={() => useAppStore.getState().setSidebarOpen(true)}
    >
      <Icon name="sidebar" />
    </button>
  )
}

/** The open conversation's title and its export actions. */
export function ChatHeader() {
  const { t } = useTranslation()
  const activeId = useAppStore((s) => s.activeId)
  const title = useAppStore((s) => selectActiveSummary(s)?.title ?? '')
  const shown = title || t('chat.newConversation')
  // The window (and task bar) says which conversation is open.
  useEffect(() => {
    document.title = `${shown} — ${t('app.name')}`
  }, [shown, t])
  const exportAs = (format: 'markdown' | 'json') => {
    if (activeId) void useAppStore.getState().exportConversation(activeId, format)
  }
  return (
    <header className="chat-header">
      <SidebarToggle />
      <h1 className="chat-title" id="chat-title">
        {shown}
      </h1>
      <HeaderPickers />
      {activeId && (
        <div className="chat-header-actions">
          <button
            type="button"
            className="btn-ghost btn-small"
            onClick={() => exportAs('markdown')}
          >
            {t('chat.exportMarkdown')}
          </button>
          <button type="button" className="btn-ghost btn-small" onClick={() => exportAs('json')}>
            {t('chat.exportJson')}
          </button>
        </div>
      )}
    </header>
  )
}

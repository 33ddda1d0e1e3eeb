import { useTranslation } from 'react-i18next'
import { Icon } from '../../components/Icon'
import { useAppStore } from '../../store'
import { ConnectionPanel } from '../connection/ConnectionPanel'
import { ConversationList } from './ConversationList'
import { SearchResults } from './SearchResults'

export const SEARCH_ID = 'conversation-search'
export const SIDEBAR_ID = 'sidebar'

/** Left column: new chat, search, the conversations, and the connection and settings at the bottom. */
export function Sidebar() {
  const { t } = useTranslation()
  const query = useAppStore((s) => s.query)
  const view = useAppStore((s) => s.view)
  return (
    <aside className="sidebar" id={SIDEBAR_ID}>
      <div className="sidebar-top">
        <div className="sidebar-brand">
          <span className="brand">{t('app.name')}</span>
          <button
            type="button"
            className="icon-btn"
            aria-label={t('sidebar.hide')}
            title={`${t('sidebar.hide')} (Ctrl/⌘+B)`}
            aria-expanded="true"
            aria-controls={SIDEBAR_ID}
            onClick={() => useAppStore.getState().setSidebarOpen(false)}
          >
            <Icon name="sidebar" />
          </button>
        </div>
        <button
          type="button"
          className="btn btn-primary btn-block"
          onClick={() => useAppStore.getState().newChat()}
          title="Ctrl/⌘+N"
        >
          <Icon name="plus" />
          {t('sidebar.newChat')}
        </button>
        <input
          id={SEARCH_ID}
          type="search"
          className="search-input"
          aria-label={t('sidebar.search')}
          placeholder={t('sidebar.searchPlaceholder')}
          value={query}
          title="Ctrl/⌘+K"
          onChange={(e) => useAppStore.getState().setQuery(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape' && query) {
              e.stopPropagation()
              useAppStore.getState().setQuery('')
            }
          }}
        />
      </div>
      <nav className="sidebar-list" aria-label={t('sidebar.label')}>
        {query.trim() ? <SearchResults /> : <ConversationList />}
      </nav>
      <div className="sidebar-bottom">
        <ConnectionPanel />
        <button
          type="button"
          className={`btn-ghost btn-block${view === 'settings' ? ' is-active' : ''}`}
          aria-pressed={view === 'settings'}
          onClick={() => useAppStore.getState().setView(view === 'settings' ? 'chat' : 'settings')}
        >
          <Icon name="gear" />
          {t('sidebar.settings')}
        </button>
      </div>
    </aside>
  )
}

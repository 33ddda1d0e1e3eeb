import { useTranslation } from 'react-i18next'
import { useAppStore } from '../../store'

/** Hits over titles and message text; a click opens the conversation at the matching message. */
export function SearchResults() {
  const { t } = useTranslation()
  const results = useAppStore((s) => s.searchResults)
  const searching = useAppStore((s) => s.searching)
  return (
    <div className="conv-scroll">
      <p className="sidebar-hint" role="status" aria-live="polite">
        {searching ? t('sidebar.searching') : results && results.length === 0 ? t('sidebar.noResults') : ''}
      </p>
      {results && results.length > 0 && (
        <ul className="search-results" aria-label={t('sidebar.results')}>
          {results.map((hit) => (
            <li key={`${hit.conversationId}:${hit.messageId ?? ''}`}>
              <button type="button" className="search-hit" onClick={() => void useAppStore.getState().openConversation(hit.conversationId, hit.messageId)}>
                <span className="search-hit-title">{hit.title || t('sidebar.untitled')}</span>
                {hit.messageId && <span className="search-hit-snippet">{hit.snippet}</span>}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}

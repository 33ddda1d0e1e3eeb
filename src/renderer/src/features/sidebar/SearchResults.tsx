import { useTranslation } from 'react-i18next'
import { useAppStore } from '../../store'
import { plainSnippet } from './snippet'

/**
 * Hits over titles and message text, each with a plain-text snippet and the conversation's date;
 * a click opens the conversation at the matching message, with the searched words highlighted.
 */
export function SearchResults() {
  const { t, i18n } = useTranslation()
  const results = useAppStore((s) => s.searchResults)
  const searching = useAppStore((s) => s.searching)
  const summaries = useAppStore((s) => s.summaries)
  const dates = new Map(summaries.map((c) => [c.id, c.updatedAt]))
  const format = new Intl.DateTimeFormat(i18n.language, {
    year: 'numeric',
    month: 'short',
    day: 'numeric'
  })
  return (
    <div className="conv-scroll">
      <p className="sidebar-hint" role="status" aria-live="polite">
        {searching
          ? t('sidebar.searching')
          : results && results.length === 0
            ? t('sidebar.noResults')
            : ''}
      </p>
      {results && results.length > 0 && (
        <ul className="search-results" aria-label={t('sidebar.results')}>
          {results.map((hit) => {
            const at = dates.get(hit.conversationId)
            return (
              <li key={`${hit.conversationId}:${hit.messageId ?? ''}`}>
                <button
                  type="button"
                  className="search-hit"
                  onClick={() =>
                    void useAppStore.getState().openConversation(hit.conversationId, hit.messageId)
                  }
                >
                  <span className="search-hit-head">
                    <span className="search-hit-title">{hit.title || t('sidebar.untitled')}</span>
                    {at !== undefined && (
                      <time className="search-hit-date" dateTime={new Date(at).toISOString()}>
                        {format.format(at)}
                      </time>
                    )}
                  </span>
                  {hit.messageId && (
                    <span className="search-hit-snippet">{plainSnippet(hit.snippet)}</span>
                  )}
                </button>
              </li>
            )
          })}
        </ul>
      )}
    </div>
  )
}

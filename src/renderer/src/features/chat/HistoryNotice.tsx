/**
 * One line under the message box when the selected profile sends no earlier turns: a follow-up
 * question would otherwise lose its context without a word (issue 17 item 3). Where the contract
 * can carry them, one click turns the last N turns on; the original GET call cannot, and says so.
 */
import { useTranslation } from 'react-i18next'
import { DEFAULT_HISTORY_TURNS, historySupport } from '@shared/history'
import { useAppStore } from '../../store'
import { selectActiveProfile } from '../../store/selectors'

export function HistoryNotice() {
  const { t } = useTranslation()
  const support = useAppStore((s) => {
    const profile = selectActiveProfile(s)
    return profile ? historySupport(profile.contract) : 'sends'
  })
  const path = useAppStore((s) => selectActiveProfile(s)?.contract.path ?? '')
  if (support === 'sends') return null
  return (
    <p className="history-notice" role="note">
      <span>
        {support === 'off' ? t('chat.history.off') : t('chat.history.unsupported', { path })}
      </span>
      {support === 'off' ? (
        <button
          type="button"
          className="btn-link"
          onClick={() => void useAppStore.getState().turnOnHistory()}
        >
          {t('chat.history.turnOn', { turns: String(DEFAULT_HISTORY_TURNS) })}
        </button>
      ) : (
        <button
          type="button"
          className="btn-link"
          onClick={() => useAppStore.getState().setView('settings')}
        >
          {t('chat.history.openSettings')}
        </button>
      )}
    </p>
  )
}

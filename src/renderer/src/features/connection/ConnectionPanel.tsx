/**
 * The connection indicator and its two actions. The indicator is a `role="status"` region named
 * "Connection: <state>"; the reconnect countdown sits outside it so a screen reader is not told
 * the time every second.
 */
import { useTranslation } from 'react-i18next'
import { errorText } from '../../i18n'
import { useCountdown } from '../../hooks/useCountdown'
import { useAppStore } from '../../store'

export function ConnectionPanel() {
  const { t } = useTranslation()
  const connection = useAppStore((s) => s.connection)
  const health = useAppStore((s) => s.health)
  const profileName = useAppStore((s) => s.profiles.find((p) => p.id === s.activeProfileId)?.name ?? null)
  const seconds = useCountdown(connection.status === 'reconnecting' ? connection.nextRetryAt : undefined)
  const status = t(`connection.status.${connection.status}`)
  const showReason = (connection.status === 'failed' || connection.status === 'reconnecting') && connection.error

  return (
    <div className="connection">
      <div className={`conn-indicator conn-${connection.status}`} role="status" aria-label={t('connection.label', { status })}>
        <span className="conn-dot" aria-hidden="true" />
        <span className="conn-text">
          <span className="conn-status">{status}</span>
          {profileName && (
            <span className="conn-profile">
              {profileName}
              {connection.mode ? ` · ${t(connection.mode === 'tunnel' ? 'settings.modeTunnel' : 'settings.modeDirect')}` : ''}
            </span>
          )}
          {showReason && <span className="conn-reason">{errorText(connection.error!)}</span>}
        </span>
      </div>
      {connection.status === 'reconnecting' && (
        <p className="conn-retry">
          {connection.attempt ? t('connection.attempt', { attempt: String(connection.attempt) }) : ''}
          {seconds !== null ? ` · ${t('connection.nextTry', { seconds: String(seconds) })}` : ''}
        </p>
      )}
      <div className="conn-actions">
        <button type="button" className="btn btn-small" disabled={health.pending || !profileName} onClick={() => void useAppStore.getState().checkConnection()}>
          {health.pending ? t('connection.checking') : t('connection.check')}
        </button>
        <button type="button" className="btn btn-small" disabled={!profileName} onClick={() => void useAppStore.getState().reconnect()}>
          {t('connection.reconnect')}
        </button>
      </div>
      <p className="conn-check" aria-live="polite">
        {health.result?.ok && t('connection.checkOk', { ms: String(Math.round(health.result.ms)) })}
        {health.result && !health.result.ok && t('connection.checkFailed', { reason: health.result.error ? errorText(health.result.error) : `HTTP ${health.result.status ?? '?'}` })}
        {health.error && t('connection.checkFailed', { reason: errorText(health.error) })}
      </p>
    </div>
  )
}

/**
 * The connection indicator and its two actions. The indicator is a `role="status"` region named
 * "Connection: <state>"; the reconnect countdown sits outside it so a screen reader is not told
 * the time every second. "Check connection" opens the step-by-step check (DoctorDialog).
 */
import { useTranslation } from 'react-i18next'
import type { ConnectionState } from '@shared/connection'
import { errorText, i18n } from '../../i18n'
import { ErrorAdvice } from '../../components/ErrorAdvice'
import { useCountdown } from '../../hooks/useCountdown'
import { useAppStore } from '../../store'
import { selectActiveProfile } from '../../store/selectors'
import { CheckConnectionButton } from './CheckConnectionButton'

export function ConnectionPanel() {
  const { t } = useTranslation()
  const connection = useAppStore((s) => s.connection)
  const profileName = useAppStore((s) => selectActiveProfile(s)?.name ?? null)
  const seconds = useCountdown(
    connection.status === 'reconnecting' ? connection.nextRetryAt : undefined
  )
  const waiting = waitingFor(connection)
  const shown = waiting ? 'waiting' : connection.status
  const status = t(`connection.status.${shown}`)
  const showReason =
    !waiting &&
    (connection.status === 'failed' || connection.status === 'reconnecting') &&
    connection.error

  return (
    <div className="connection">
      <div
        className={`conn-indicator conn-${shown}`}
        role="status"
        aria-label={t('connection.label', { status })}
      >
        <span className="conn-dot" aria-hidden="true" />
        <span className="conn-text">
          <span className="conn-status">{status}</span>
          {profileName && (
            <span className="conn-profile">
              {profileName}
              {connection.mode
                ? ` · ${t(connection.mode === 'tunnel' ? 'settings.modeTunnel' : 'settings.modeDirect')}`
                : ''}
            </span>
          )}
          {showReason && <span className="conn-reason">{errorText(connection.error!)}</span>}
          {waiting && <span className="conn-reason">{waiting.text}</span>}
        </span>
      </div>
      {showReason && (
        // Check connection and Reconnect (the retry) are the buttons below.
        <ErrorAdvice
          error={connection.error!}
          profileId={connection.profileId}
          on={{ checkConnection: false, retry: false }}
          className="error-advice conn-advice"
        />
      )}
      {waiting && (
        <div className="conn-actions">
          <button
            type="button"
            className="btn btn-small btn-primary"
            onClick={() => useAppStore.getState().reopenPrompt()}
          >
            {waiting.button}
          </button>
        </div>
      )}
      {connection.status === 'reconnecting' && (
        <p className="conn-retry">
          {connection.attempt
            ? t('connection.attempt', { attempt: String(connection.attempt) })
            : ''}
          {seconds !== null ? ` · ${t('connection.nextTry', { seconds: String(seconds) })}` : ''}
        </p>
      )}
      <ConnectionDetails detail={connection.detail} />
      <div className="conn-actions">
        <CheckConnectionButton
          className={`btn btn-small${connection.status === 'failed' && !waiting ? ' btn-primary' : ''}`}
          disabled={!profileName}
        />
        <button
          type="button"
          className="btn btn-small"
          disabled={!profileName}
          onClick={() => void useAppStore.getState().reconnect()}
        >
          {t('connection.reconnect')}
        </button>
      </div>
    </div>
  )
}

/**
 * A tunnel that waits for the user (a password, a passphrase, a new host key to confirm) is not a
 * failure: it is its own amber state, with the button that asks again. A changed host key is not
 * this: that stays a red warning.
 */
function waitingFor(c: ConnectionState): { text: string; button: string } | null {
  if (c.hostKeyPrompt && !c.hostKeyPrompt.changed) {
    return {
      text: i18n.t('connection.waitingFor.hostKey', { host: c.hostKeyPrompt.host }),
      button: i18n.t('connection.confirmKey')
    }
  }
  if (c.secretPrompt) {
    const passphrase =
      c.secretPrompt.kind === 'passphrase' || c.secretPrompt.kind === 'jumpPassphrase'
    return {
      text: i18n.t(`connection.waitingFor.${c.secretPrompt.kind}`, { host: c.secretPrompt.host }),
      button: i18n.t(passphrase ? 'connection.enterPassphrase' : 'connection.enterSecret')
    }
  }
  return null
}

/** Facts for developers (the negotiated cipher, the exposed local port, the forward target), when main reports them. */
function ConnectionDetails({ detail }: { detail: ConnectionState['detail'] }) {
  const { t } = useTranslation()
  if (!detail) return null
  const items: string[] = []
  if (detail.cipher !== undefined)
    items.push(t('connection.cipher', { cipher: String(detail.cipher) }))
  if (detail.localPort !== undefined)
    items.push(t('connection.localPort', { port: String(detail.localPort) }))
  if (detail.target !== undefined)
    items.push(t('connection.target', { target: String(detail.target) }))
  if (items.length === 0) return null
  return (
    <ul className="conn-details" aria-label={t('connection.details')}>
      {items.map((item) => (
        <li key={item}>{item}</li>
      ))}
    </ul>
  )
}

/**
 * What the tunnel may ask of the user: to trust an unknown SSH host key (never a changed one: that
 * is shown as a warning only), or a password / key passphrase that is not stored.
 */
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { HostKeyPrompt, SecretPrompt } from '@shared/connection'
import { Dialog } from '../../components/Dialog'
import { ErrorAdvice } from '../../components/ErrorAdvice'
import { errorText } from '../../i18n'
import { useAppStore } from '../../store'
import { promptKey } from '../../store/connectionSlice'

export function ConnectionPrompts() {
  const connection = useAppStore((s) => s.connection)
  const dismissed = useAppStore((s) => s.dismissedPrompt)
  const key = promptKey(connection)
  if (!key || key === dismissed) return null
  const dismiss = () => useAppStore.getState().dismissPrompt(key)
  if (connection.hostKeyPrompt)
    return <HostKeyDialog prompt={connection.hostKeyPrompt} onClose={dismiss} />
  if (connection.secretPrompt)
    return <SecretDialog key={key} prompt={connection.secretPrompt} onClose={dismiss} />
  return null
}

function HostKeyDialog({ prompt, onClose }: { prompt: HostKeyPrompt; onClose: () => void }) {
  const { t } = useTranslation()
  return (
    <Dialog
      title={prompt.changed ? t('connection.hostKey.changedTitle') : t('connection.hostKey.title')}
      tone={prompt.changed ? 'danger' : 'normal'}
      onCancel={onClose}
      actions={
        <>
          <button type="button" className="btn" onClick={onClose} data-autofocus>
            {t('connection.hostKey.cancel')}
          </button>
          {!prompt.changed && (
            <button
              type="button"
              className="btn btn-primary"
              onClick={() => void useAppStore.getState().trustHostKey(prompt.fingerprint)}
            >
              {t('connection.hostKey.trust')}
            </button>
          )}
        </>
      }
    >
      <p className={prompt.changed ? 'warning-text' : undefined}>
        {prompt.changed ? t('connection.hostKey.changedBody') : t('connection.hostKey.body')}
      </p>
      {prompt.changed && prompt.forgetCommand && (
        // Replacing a key is deliberately not a button: it is done outside the app, like ssh-keygen -R.
        <p>
          {t('connection.hostKey.forgetHint')}
          <br />
          <code className="command" data-testid="hostkey-forget-command">
            {prompt.forgetCommand}
          </code>
        </p>
      )}
      <dl className="facts">
        <dt>{t('connection.hostKey.host')}</dt>
        <dd>
          {prompt.host}:{prompt.port}
        </dd>
        <dt>{t('connection.hostKey.keyType')}</dt>
        <dd>{prompt.keyType}</dd>
        <dt>{t('connection.hostKey.fingerprint')}</dt>
        <dd>
          <code className="fingerprint">{prompt.fingerprint}</code>
        </dd>
      </dl>
    </Dialog>
  )
}

function SecretDialog({ prompt, onClose }: { prompt: SecretPrompt; onClose: () => void }) {
  const { t } = useTranslation()
  const persistent = useAppStore((s) => s.appInfo?.persistentSecrets ?? false)
  const error = useAppStore((s) => s.secretError)
  const [value, setValue] = useState('')
  const [remember, setRemember] = useState(false)
  const [busy, setBusy] = useState(false)
  const submit = async (e: FormEvent) => {
    e.preventDefault()
    setBusy(true)
    const ok = await useAppStore.getState().provideSecret(value, remember)
    setBusy(false)
    if (ok) setValue('')
  }
  const formId = 'secret-form'
  return (
    <Dialog
      title={t(`connection.secret.title.${prompt.kind}`, { host: prompt.host })}
      onCancel={onClose}
      actions={
        <>
          <button type="button" className="btn" onClick={onClose}>
            {t('connection.secret.cancel')}
          </button>
          <button type="submit" form={formId} className="btn btn-primary" disabled={busy || !value}>
            {t('connection.secret.submit')}
          </button>
        </>
      }
    >
      <form id={formId} onSubmit={(e) => void submit(e)} className="form-stack">
        {prompt.retry && (
          <p className="field-error" role="alert">
            {t('connection.secret.retry')}
          </p>
        )}
        {error && (
          <p className="field-error" role="alert">
            {errorText(error)}
            {/* This dialog is where the secret is entered. */}
            <ErrorAdvice error={error} on={{ enterSecret: false }} />
          </p>
        )}
        <label className="field">
          <span className="field-label">{t(`connection.secret.field.${prompt.kind}`)}</span>
          <input
            type="password"
            autoComplete="off"
            value={value}
            onChange={(e) => setValue(e.target.value)}
            data-autofocus
          />
        </label>
        <label className="check">
          <input
            type="checkbox"
            checked={remember}
            onChange={(e) => setRemember(e.target.checked)}
          />
          <span>
            {persistent ? t('connection.secret.remember') : t('connection.secret.rememberSession')}
          </span>
        </label>
      </form>
    </Dialog>
  )
}

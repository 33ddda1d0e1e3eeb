/**
 * What a person must give for a connection, above "Advanced settings": direct or SSH tunnel, then
 * the server address, or the SSH host, user, login (the key file only for key login) and the
 * target as the SSH server sees it. At first start a password login is typed here once.
 */
import { useTranslation } from 'react-i18next'
import { Fieldset, SecretField, SelectField, TextField } from '../fields'
import type { EndpointForm } from '../profileDraft'
import { useAuthOptions, type SectionProps } from './section'

export function ConnectionSection({
  form,
  patch,
  sshPassword
}: SectionProps & {
  /** First start with password login: the password, typed once for the check and the tunnel. */
  sshPassword?: { value: string; onChange: (value: string) => void }
}) {
  const { t } = useTranslation()
  const authOptions = useAuthOptions()
  const setSsh = (key: keyof EndpointForm, value: string) =>
    patch({ ssh: { ...form.ssh, [key]: value } })
  return (
    <>
      <fieldset className="fieldset fieldset-inline">
        <legend>{t('profile.mode')}</legend>
        <label className="radio">
          <input
            type="radio"
            name="profile-mode"
            value="direct"
            checked={form.kind === 'direct'}
            onChange={() => patch({ kind: 'direct' })}
          />
          <span>{t('profile.direct')}</span>
        </label>
        <label className="radio">
          <input
            type="radio"
            name="profile-mode"
            value="tunnel"
            checked={form.kind === 'tunnel'}
            onChange={() => patch({ kind: 'tunnel' })}
          />
          <span>{t('profile.tunnel')}</span>
        </label>
      </fieldset>

      {form.kind === 'direct' ? (
        <TextField
          path="connection.url"
          label={t('profile.url')}
          type="url"
          inputMode="url"
          value={form.url}
          hint={t('profile.urlHint')}
          onChange={(v) => patch({ url: v })}
        />
      ) : (
        <>
          <Fieldset legend={t('profile.sshServer')} className="grid-2">
            <TextField
              path="connection.ssh.host"
              label={t('profile.sshHost')}
              value={form.ssh.host}
              onChange={(v) => setSsh('host', v)}
            />
            <TextField
              path="connection.ssh.username"
              label={t('profile.sshUser')}
              value={form.ssh.username}
              onChange={(v) => setSsh('username', v)}
            />
            <SelectField
              path="connection.ssh.auth"
              label={t('profile.auth')}
              value={form.ssh.auth}
              options={authOptions}
              onChange={(v) => setSsh('auth', v)}
            />
            {/* A key file means something only for key login. */}
            {form.ssh.auth === 'key' && (
              <TextField
                path="connection.ssh.keyPath"
                label={t('profile.keyPath')}
                value={form.ssh.keyPath}
                onChange={(v) => setSsh('keyPath', v)}
              />
            )}
            {sshPassword && (
              <SecretField
                id="profile-ssh-password"
                label={t('setup.sshPassword')}
                value={sshPassword.value}
                hint={t('setup.sshPasswordHint')}
                onChange={sshPassword.onChange}
              />
            )}
          </Fieldset>
          <Fieldset legend={t('profile.target')} className="grid-2">
            <TextField
              path="connection.target.host"
              label={t('profile.targetHost')}
              value={form.targetHost}
              onChange={(v) => patch({ targetHost: v })}
            />
            <TextField
              path="connection.target.port"
              label={t('profile.targetPort')}
              type="number"
              value={form.targetPort}
              onChange={(v) => patch({ targetPort: v })}
            />
          </Fieldset>
        </>
      )}
    </>
  )
}

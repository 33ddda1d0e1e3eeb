/**
 * The tunnel's advanced part: the SSH port, the scheme behind the tunnel, the local port, the
 * keepalive (60 s / 5 by default, as the hand-run `ssh -o ServerAliveInterval…` did), known hosts,
 * the legacy-algorithm switch with its warning, and the jump host.
 */
import { useTranslation } from 'react-i18next'
import { CheckField, Fieldset, SelectField, TextField } from '../fields'
import type { EndpointForm } from '../profileDraft'
import { TextFields, useAuthOptions, type SectionProps, type TextFieldSpec } from './section'

const keepaliveFields: readonly TextFieldSpec[] = [
  ['localPort', 'connection.localPort', 'profile.localPort'],
  ['keepaliveIntervalSec', 'connection.keepaliveIntervalSec', 'profile.keepaliveInterval'],
  ['keepaliveCountMax', 'connection.keepaliveCountMax', 'profile.keepaliveCount']
]

export function TunnelSection({ form, patch }: SectionProps) {
  const { t } = useTranslation()
  const authOptions = useAuthOptions()
  const setEndpoint = (which: 'ssh' | 'jump', key: keyof EndpointForm, value: string) =>
    patch({ [which]: { ...form[which], [key]: value } })
  return (
    <>
      <Fieldset legend={t('profile.sshServer')} className="grid-2">
        <TextField
          path="connection.ssh.port"
          label={t('profile.sshPort')}
          type="number"
          value={form.ssh.port}
          onChange={(v) => setEndpoint('ssh', 'port', v)}
        />
        <SelectField
          path="connection.scheme"
          label={t('profile.scheme')}
          value={form.scheme}
          options={[
            { value: 'http', label: 'http' },
            { value: 'https', label: 'https' }
          ]}
          onChange={(v) => patch({ scheme: v })}
        />
        <TextFields form={form} patch={patch} fields={keepaliveFields} type="number" />
        <TextField
          path="connection.knownHostsPath"
          label={t('profile.knownHosts')}
          value={form.knownHostsPath}
          className="span-2"
          onChange={(v) => patch({ knownHostsPath: v })}
        />
        <CheckField
          label={t('profile.allowLegacyAlgorithms')}
          checked={form.allowLegacyAlgorithms}
          className="span-2"
          onChange={(v) => patch({ allowLegacyAlgorithms: v })}
        />
        {form.allowLegacyAlgorithms && (
          <p className="warning-text span-2" role="note" data-testid="legacy-algorithms-warning">
            {t('profile.legacyAlgorithmsWarning')}
          </p>
        )}
      </Fieldset>

      <CheckField
        label={t('profile.useJump')}
        checked={form.useJump}
        onChange={(v) => patch({ useJump: v })}
      />
      {form.useJump && (
        <Fieldset legend={t('profile.jump')} className="grid-2">
          <TextField
            path="connection.jump.host"
            label={t('profile.jumpHost')}
            value={form.jump.host}
            onChange={(v) => setEndpoint('jump', 'host', v)}
          />
          <TextField
            path="connection.jump.port"
            label={t('profile.jumpPort')}
            type="number"
            value={form.jump.port}
            onChange={(v) => setEndpoint('jump', 'port', v)}
          />
          <TextField
            path="connection.jump.username"
            label={t('profile.jumpUser')}
            value={form.jump.username}
            onChange={(v) => setEndpoint('jump', 'username', v)}
          />
          <SelectField
            path="connection.jump.auth"
            label={t('profile.jumpAuth')}
            value={form.jump.auth}
            options={authOptions}
            onChange={(v) => setEndpoint('jump', 'auth', v)}
          />
          {form.jump.auth === 'key' && (
            <TextField
              path="connection.jump.keyPath"
              label={t('profile.jumpKeyPath')}
              value={form.jump.keyPath}
              className="span-2"
              onChange={(v) => setEndpoint('jump', 'keyPath', v)}
            />
          )}
        </Fieldset>
      )}
    </>
  )
}

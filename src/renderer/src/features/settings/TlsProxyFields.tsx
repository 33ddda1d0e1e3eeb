/**
 * The profile form's "HTTPS and proxy" part: the company CA file, the certificates trusted for
 * this profile (removable here; added by "trust this certificate" or the CLI's --pin), and the
 * proxy (none, the system's, or a manual http://host:port with a user; its password goes to the
 * secret store through `profiles:setProxyPassword` when the form is saved, never into the profile).
 */
import { useTranslation } from 'react-i18next'
import { useAppStore } from '../../store'
import { Fieldset, SecretField, SelectField, TextField } from './fields'
import type { NetworkForm } from './profileDraft'

export function TlsProxyFields({
  value,
  onChange,
  profileId,
  proxyPassword,
  onProxyPassword
}: {
  value: NetworkForm
  onChange: (patch: Partial<NetworkForm>) => void
  profileId: string | undefined
  /** The password typed (not yet saved). */
  proxyPassword: string
  onProxyPassword: (value: string) => void
}) {
  const { t } = useTranslation()
  const stored = useAppStore((s) =>
    profileId ? s.profilesWithProxyPassword.includes(profileId) : false
  )
  const forget = () => {
    if (profileId) void useAppStore.getState().setProxyPassword(profileId, '')
  }

  return (
    <Fieldset legend={t('network.legend')} className="grid-2">
      <TextField
        path="tls.caFile"
        label={t('network.caFile')}
        value={value.caFile}
        hint={t('network.caFileHint')}
        className="span-2"
        onChange={(v) => onChange({ caFile: v })}
      />
      {value.pinnedCertificates.length > 0 && (
        <div className="field span-2">
          <span className="field-label">{t('network.pinned')}</span>
          <ul className="pinned-list">
            {value.pinnedCertificates.map((fp) => (
              <li key={fp}>
                <code className="fingerprint">{fp}</code>
                <button
                  type="button"
                  className="btn-ghost btn-small"
                  aria-label={t('network.removePin', { fingerprint: fp })}
                  onClick={() =>
                    onChange({
                      pinnedCertificates: value.pinnedCertificates.filter((p) => p !== fp)
                    })
                  }
                >
                  {t('common.delete')}
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
      <SelectField
        path="proxy.mode"
        label={t('network.proxyMode')}
        value={value.proxyMode}
        options={[
          { value: 'none' as const, label: t('network.proxyNone') },
          { value: 'system' as const, label: t('network.proxySystem') },
          { value: 'manual' as const, label: t('network.proxyManual') }
        ]}
        onChange={(v) => onChange({ proxyMode: v })}
      />
      {value.proxyMode === 'manual' && (
        <>
          <TextField
            path="proxy.url"
            label={t('network.proxyUrl')}
            type="url"
            inputMode="url"
            placeholder={t('network.proxyUrlHint')}
            value={value.proxyUrl}
            onChange={(v) => onChange({ proxyUrl: v })}
          />
          <TextField
            path="proxy.username"
            label={t('network.proxyUser')}
            value={value.proxyUser}
            onChange={(v) => onChange({ proxyUser: v })}
          />
          <SecretField
            id="profile-proxy-password"
            label={t('network.proxyPassword')}
            value={proxyPassword}
            onChange={onProxyPassword}
            hint={t('network.proxyPasswordHint')}
            {...(stored
              ? {
                  storedHint: t('network.proxyPasswordStored'),
                  forgetLabel: t('network.forgetProxyPassword'),
                  onForget: forget
                }
              : {})}
          />
        </>
      )}
      {value.proxyMode !== 'none' && (
        <TextField
          path="proxy.bypass"
          label={t('network.proxyBypass')}
          value={value.proxyBypass}
          hint={t('network.proxyBypassHint')}
          className="span-2"
          onChange={(v) => onChange({ proxyBypass: v })}
        />
      )}
    </Fieldset>
  )
}

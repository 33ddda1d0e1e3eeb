import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Profile } from '@shared/profile'
import { ConfirmDialog } from '../../components/Dialog'
import { useAppStore } from '../../store'
import { CheckConnectionButton } from '../connection/CheckConnectionButton'

function where(p: Profile, via: (host: string) => string): string {
  const c = p.connection
  if (c.kind === 'direct') return c.url
  const jump = c.jump ? ` (${via(`${c.jump.username}@${c.jump.host}`)})` : ''
  return `${c.ssh.username}@${c.ssh.host}:${c.ssh.port}${jump} → ${c.target.host}:${c.target.port}`
}

/**
 * Profiles in profiles.json that this version cannot use: kept in the file (the store writes them
 * back untouched), so the person is told they exist rather than wondering where they went.
 */
function UnusableProfiles() {
  const { t } = useTranslation()
  const names = useAppStore((s) => s.unusableProfiles)
  if (names.length === 0) return null
  return (
    <p className="muted" role="note">
      {t('settings.unusableProfiles', { names: names.map((n) => `“${n}”`).join(', ') })}
    </p>
  )
}

/** The profiles, the active one marked; select switches at once (no restart). */
export function ProfileList({ onEdit }: { onEdit: (profile: Profile) => void }) {
  const { t } = useTranslation()
  const profiles = useAppStore((s) => s.profiles)
  const activeId = useAppStore((s) => s.activeProfileId)
  const [deleting, setDeleting] = useState<Profile | null>(null)

  if (profiles.length === 0)
    return (
      <>
        <p className="muted">{t('settings.noProfiles')}</p>
        <UnusableProfiles />
      </>
    )
  return (
    <>
      <UnusableProfiles />
      <ul className="profile-list">
        {profiles.map((p) => {
          const active = p.id === activeId
          return (
            <li
              key={p.id}
              className={`profile-card${active ? ' is-active' : ''}`}
              aria-current={active ? 'true' : undefined}
            >
              <div className="profile-info">
                <span className="profile-name">{p.name}</span>
                {active && <span className="badge badge-accent">{t('settings.active')}</span>}
                <span className="profile-where">
                  {t(
                    p.connection.kind === 'tunnel' ? 'settings.modeTunnel' : 'settings.modeDirect'
                  )}{' '}
                  · <code>{where(p, (host) => t('settings.via', { host }))}</code>
                </span>
              </div>
              <div className="profile-actions">
                {!active && (
                  <button
                    type="button"
                    className="btn btn-small"
                    aria-label={t('settings.selectProfile', { name: p.name })}
                    onClick={() => void useAppStore.getState().selectProfile(p.id)}
                  >
                    {t('settings.select')}
                  </button>
                )}
                <CheckConnectionButton profileId={p.id} profileName={p.name} />
                <button
                  type="button"
                  className="btn btn-small"
                  aria-label={t('settings.editProfile', { name: p.name })}
                  onClick={() => onEdit(p)}
                >
                  {t('common.edit')}
                </button>
                <button
                  type="button"
                  className="btn btn-small btn-danger-ghost"
                  aria-label={t('settings.deleteProfile', { name: p.name })}
                  onClick={() => setDeleting(p)}
                >
                  {t('common.delete')}
                </button>
              </div>
            </li>
          )
        })}
      </ul>
      {deleting && (
        <ConfirmDialog
          title={t('settings.confirmDeleteTitle')}
          body={t('settings.confirmDeleteBody', { name: deleting.name })}
          confirmLabel={t('common.delete')}
          cancelLabel={t('common.cancel')}
          onConfirm={() => {
            const id = deleting.id
            setDeleting(null)
            void useAppStore.getState().removeProfile(id)
          }}
          onCancel={() => setDeleting(null)}
        />
      )}
    </>
  )
}

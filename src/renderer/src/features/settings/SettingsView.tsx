import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Profile } from '@shared/profile'
import { useAppStore } from '../../store'
import { Preferences } from './Preferences'
import { ProfileForm } from './ProfileForm'
import { ProfileList } from './ProfileList'
import type { ProfileFormState } from './profileForm'
import { useProfileFormLoader } from './useProfileFormLoader'

/** Settings: appearance, and the connection profiles (list, or the form for one of them). */
export function SettingsView() {
  const { t } = useTranslation()
  const loadForm = useProfileFormLoader()
  const [editing, setEditing] = useState<{ form: ProfileFormState; isNew: boolean } | null>(null)

  const open = async (profile?: Profile) => {
    const form = await loadForm(profile)
    if (form) setEditing({ form, isNew: !profile })
  }
  const saved = () => {
    setEditing(null)
    useAppStore.getState().notify({ tone: 'info', key: 'settings.saved' })
  }

  return (
    <section className="settings" aria-labelledby="settings-title">
      <header className="settings-header">
        <h1 id="settings-title">{t('settings.title')}</h1>
        <button type="button" className="btn" onClick={() => useAppStore.getState().setView('chat')}>
          {t('common.back')}
        </button>
      </header>
      <div className="settings-body">
        <section className="card" aria-labelledby="settings-appearance">
          <h2 id="settings-appearance">{t('settings.appearance')}</h2>
          <Preferences />
        </section>
        <section className="card" aria-labelledby="settings-profiles">
          <div className="card-header">
            <h2 id="settings-profiles">{t('settings.profiles')}</h2>
            {!editing && (
              <button type="button" className="btn btn-primary btn-small" onClick={() => void open()}>
                {t('settings.newProfile')}
              </button>
            )}
          </div>
          {editing ? (
            <ProfileForm
              // A fresh form per profile: its state starts from that profile.
              key={editing.form.id ?? 'new'}
              initial={editing.form}
              title={editing.isNew ? t('profile.newTitle') : t('profile.editTitle')}
              onSaved={saved}
              onCancel={() => setEditing(null)}
            />
          ) : (
            <ProfileList onEdit={(p) => void open(p)} />
          )}
        </section>
      </div>
    </section>
  )
}

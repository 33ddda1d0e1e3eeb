import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Preferences } from './Preferences'
import { ImportProfilesButton } from './ProfileFileButtons'
import { ProfileForm } from './ProfileForm'
import type { ProfileFormState } from './profileDraft'
import { useProfileFormLoader } from './useProfileFormLoader'

/**
 * First start (no profile): a name (a Korean one in Korean) and the server address, or a profile
 * file from IT. Connect checks the server and finds out its type before anything is saved (the
 * other fields wait under "Advanced settings"); the first profile becomes the active one, and the
 * app moves on to the chat by itself.
 */
export function WelcomeView() {
  const { t, i18n } = useTranslation()
  const loadForm = useProfileFormLoader()
  const [form, setForm] = useState<ProfileFormState | null>(null)
  useEffect(() => {
    let live = true
    void loadForm().then((f) => {
      if (live && f) setForm({ ...f, name: i18n.t('setup.defaultName') })
    })
    return () => {
      live = false
    }
  }, [loadForm, i18n])

  return (
    <section className="welcome" aria-labelledby="welcome-title">
      <div className="welcome-inner">
        <h1 id="welcome-title">{t('welcome.title')}</h1>
        <p className="welcome-body">{t('welcome.body')}</p>
        <div className="card">
          {form ? (
            <ProfileForm
              initial={form}
              title={t('welcome.create')}
              verify
              onSaved={() => undefined}
            />
          ) : (
            <p>{t('app.loading')}</p>
          )}
        </div>
        <p className="welcome-import">
          {t('welcome.haveFile')} <ImportProfilesButton />
        </p>
        <details className="welcome-prefs">
          <summary>{t('settings.appearance')}</summary>
          <Preferences />
        </details>
      </div>
    </section>
  )
}

import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Preferences } from './Preferences'
import { ProfileForm } from './ProfileForm'
import type { ProfileFormState } from './profileForm'
import { useProfileFormLoader } from './useProfileFormLoader'

/**
 * First start (no profile): explain in one paragraph and show the profile form, prefilled with
 * main's direct template (the reference backend at http://127.0.0.1:8030). Saving the first
 * profile makes it active, and the app moves on to the chat by itself.
 */
export function WelcomeView() {
  const { t } = useTranslation()
  const loadForm = useProfileFormLoader()
  const [form, setForm] = useState<ProfileFormState | null>(null)
  useEffect(() => {
    let live = true
    void loadForm().then((f) => {
      if (live) setForm(f)
    })
    return () => {
      live = false
    }
  }, [loadForm])

  return (
    <section className="welcome" aria-labelledby="welcome-title">
      <div className="welcome-inner">
        <h1 id="welcome-title">{t('welcome.title')}</h1>
        <p className="welcome-body">{t('welcome.body')}</p>
        <div className="card">{form ? <ProfileForm initial={form} title={t('welcome.create')} onSaved={() => undefined} /> : <p>{t('app.loading')}</p>}</div>
        <details className="welcome-prefs">
          <summary>{t('settings.appearance')}</summary>
          <Preferences />
        </details>
      </div>
    </section>
  )
}

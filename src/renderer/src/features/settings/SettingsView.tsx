import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Profile, ProfileDraft } from '@shared/profile'
import { ErrorAdvice, focusFirst } from '../../components/ErrorAdvice'
import { errorText } from '../../i18n'
import { useAppStore } from '../../store'
import { CheckConnectionButton } from '../connection/CheckConnectionButton'
import { CopyDiagnosticsButton, useCopyDiagnostics } from '../connection/CopyDiagnostics'
import { SidebarToggle } from '../chat/ChatHeader'
import { ShortcutList } from '../shortcuts/ShortcutList'
import { PromptLibrary } from '../prompts/PromptLibrary'
import { BackupCard } from './BackupCard'
import { Preferences } from './Preferences'
import { ExportProfilesButton, ImportProfilesButton } from './ProfileFileButtons'
import { ProfileForm } from './ProfileForm'
import { ProfileList } from './ProfileList'
import { fieldId, formFromDraft, type ProfileFormState } from './profileDraft'
import { SshImportDialog } from './SshImportDialog'
import { useProfileFormLoader } from './useProfileFormLoader'

/** Settings: appearance, the connection profiles (list, or the form for one of them), troubleshooting. */
export function SettingsView() {
  const { t } = useTranslation()
  const loadForm = useProfileFormLoader()
  const [editing, setEditing] = useState<{
    form: ProfileFormState
    isNew: boolean
    /** Element ids to put the cursor in (the first on screen), once the form shows. */
    focus?: string[]
  } | null>(null)
  const [importing, setImporting] = useState(false)
  const target = useAppStore((s) => s.settingsTarget)

  // An error's "Open profile settings" (ErrorAdvice): that profile's form, the cursor on its field.
  useEffect(() => {
    if (!target) return
    useAppStore.getState().clearSettingsTarget()
    const profile = useAppStore.getState().profiles.find((p) => p.id === target.profileId)
    if (!profile) return
    void loadForm(profile).then((form) => {
      if (form) setEditing({ form, isNew: false, focus: [...target.focus, fieldId('name')] })
    })
  }, [target, loadForm])
  useEffect(() => {
    if (editing?.focus) focusFirst(editing.focus)
  }, [editing])

  const open = async (profile?: Profile) => {
    const form = await loadForm(profile)
    if (form) setEditing({ form, isNew: !profile })
  }
  /** A host from ~/.ssh/config: a new profile, prefilled, saved only by Save. */
  const openImported = (draft: ProfileDraft) => {
    setImporting(false)
    // The dialog's opener is gone with the list: put the cursor in the form instead.
    setEditing({ form: formFromDraft(draft), isNew: true, focus: [fieldId('name')] })
  }
  const saved = () => {
    setEditing(null)
    useAppStore.getState().notify({ tone: 'info', key: 'settings.saved' })
  }

  return (
    <section className="settings" aria-labelledby="settings-title">
      <header className="settings-header">
        <SidebarToggle />
        <h1 id="settings-title">{t('settings.title')}</h1>
        <button
          type="button"
          className="btn"
          onClick={() => useAppStore.getState().setView('chat')}
        >
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
              <div className="card-actions">
                <ImportProfilesButton />
                <ExportProfilesButton />
                <button type="button" className="btn btn-small" onClick={() => setImporting(true)}>
                  {t('sshImport.open')}
                </button>
                <button
                  type="button"
                  className="btn btn-primary btn-small"
                  onClick={() => void open()}
                >
                  {t('settings.newProfile')}
                </button>
              </div>
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
              advancedOpen={!editing.isNew}
              checkBeforeSave
            />
          ) : (
            <ProfileList onEdit={(p) => void open(p)} />
          )}
        </section>
        <BackupCard />
        <Troubleshooting />
        <section className="card" aria-labelledby="settings-prompts">
          <h2 id="settings-prompts">{t('prompts.library')}</h2>
          <PromptLibrary />
        </section>
        <section className="card" aria-labelledby="settings-shortcuts">
          <h2 id="settings-shortcuts">{t('shortcuts.title')}</h2>
          <ShortcutList />
        </section>
      </div>
      {importing && <SshImportDialog onImport={openImported} onClose={() => setImporting(false)} />}
    </section>
  )
}

/** The connection check of the selected profile, and the diagnostics block for support. */
function Troubleshooting() {
  const { t } = useTranslation()
  const hasSelected = useAppStore((s) => s.activeProfileId !== null)
  const copy = useCopyDiagnostics()
  return (
    <section className="card" aria-labelledby="settings-troubleshooting">
      <h2 id="settings-troubleshooting">{t('doctor.section')}</h2>
      <p className="muted card-text">{t('doctor.sectionBody')}</p>
      <div className="card-actions">
        <CheckConnectionButton className="btn" disabled={!hasSelected} />
        <CopyDiagnosticsButton copy={copy} />
      </div>
      {copy.error && (
        <p className="field-error" role="alert">
          {errorText(copy.error)}
          <ErrorAdvice error={copy.error} />
        </p>
      )}
    </section>
  )
}

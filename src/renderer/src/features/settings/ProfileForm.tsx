/**
 * Create or edit a connection profile. On top, what a person must know: a name and the server
 * address (or the SSH host, user, login and target); every other field of the profile schema sits
 * under "Advanced settings". Main validates; its field errors are shown next to their inputs (the
 * advanced part opens when one is there) and the form keeps what was typed.
 *
 * With `verify` (first start), Connect first checks the draft end to end in main and finds out the
 * server type, fills the contract from the matching preset, and saves only when the check passed;
 * when it fails the form stays, saying which step failed, why, and what to do, with "Save
 * anyway". While the check runs, each step shows as it finishes, and Stop ends it. With
 * `checkBeforeSave` (Settings) Save does the same for a new profile, and for an edited one whose
 * connection changed (checked as it is, its contract kept).
 *
 * While it is open the form follows its stored profile (useFollowedProfile): a change made
 * elsewhere comes in where the person changed nothing, a field both changed is theirs to settle,
 * and a profile removed elsewhere is saved as a new one. Save never silently undoes such a change.
 */
import { useEffect, useMemo, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { DoctorReport } from '@shared/doctor'
import type { AppError, FieldError } from '@shared/errors'
import type { Profile } from '@shared/profile'
import {
  ErrorAdvice,
  focusFirst,
  secretFieldIds,
  type AdviceHandlers
} from '../../components/ErrorAdvice'
import { errorText, fieldErrorText } from '../../i18n'
import { useAppStore } from '../../store'
import { FieldErrorsContext, TextField } from './fields'
import { CheckFailure } from './CheckFailure'
import { CheckProgress } from './CheckProgress'
import { basicPaths, visiblePaths } from './formPaths'
import { TlsProxyFields } from './TlsProxyFields'
import {
  applyContractPreset,
  connectionChanged,
  draftFromForm,
  fieldId,
  type ProfileFormState
} from './profileDraft'
import { ProfileChanges } from './ProfileChanges'
import { ConnectionSection } from './sections/ConnectionSection'
import { ContractSection } from './sections/ContractSection'
import { HistorySection } from './sections/HistorySection'
import { LimitsSection } from './sections/LimitsSection'
import { RowsSection } from './sections/RowsSection'
import { TunnelSection } from './sections/TunnelSection'
import { useFollowedProfile } from './useFollowedProfile'

export function ProfileForm({
  initial,
  title,
  onSaved,
  onCancel,
  verify = false,
  checkBeforeSave = false,
  advancedOpen = false
}: {
  initial: ProfileFormState
  title: string
  onSaved: (profile: Profile) => void
  onCancel?: () => void
  /** Check the connection (and find out the server type) before saving; stay on failure. */
  verify?: boolean
  /** The same check when Save is pressed on a new profile or a changed connection. */
  checkBeforeSave?: boolean
  /** Show the advanced part open at first (editing a profile). */
  advancedOpen?: boolean
}) {
  const { t } = useTranslation()
  const [saving, setSaving] = useState(false)
  // The stored profile as this form last took it in (`base`), and the person's values over it. A
  // certificate trusted while the form is open (the connection check opens over Settings) comes in
  // here too, or Save would drop it again.
  const followed = useFollowedProfile(initial)
  const { form, base, setForm } = followed
  const [errors, setErrors] = useState<Record<string, FieldError>>({})
  const [formError, setFormError] = useState<AppError | null>(null)
  const [apiKey, setApiKey] = useState('')
  const [proxyPassword, setProxyPassword] = useState('')
  /** First start, password login: typed once, used by the check and then by the tunnel. */
  const [sshPassword, setSshPassword] = useState('')
  const checks = verify || (checkBeforeSave && (!form.id || connectionChanged(base, form)))
  const asksSshPassword = checks && form.kind === 'tunnel' && form.ssh.auth === 'password'
  // The tunnel of the selected profile starts as soon as it is saved: it takes the password typed
  // here instead of asking again (at first start the new profile becomes the selected one).
  const startsTunnel = useAppStore((s) => verify || (!!form.id && form.id === s.activeProfileId))
  const [advanced, setAdvanced] = useState(advancedOpen)
  const [checking, setChecking] = useState(false)
  const [report, setReport] = useState<DoctorReport | null>(null)
  // A check nobody watches any more (the form was cancelled or left) is stopped, not left to its timeouts.
  useEffect(() => () => void useAppStore.getState().stopDraftCheck(), [])
  // The models of the profile as it is on screen (saved or not), with the key typed here.
  const loadModels = () =>
    useAppStore.getState().listModels({ draft: draftFromForm(form), ...(apiKey ? { apiKey } : {}) })

  const patch = (values: Partial<ProfileFormState>) => setForm((f) => ({ ...f, ...values }))
  /** Row errors are by index: after a removal they would point at the wrong row. */
  const dropRowErrors = (list: 'headers' | 'extraParams') =>
    setErrors((e) =>
      Object.fromEntries(
        Object.entries(e).filter(([path]) => !path.startsWith(`contract.${list}.`))
      )
    )

  const ctx = useMemo(
    () => ({
      errors,
      clear: (path: string) =>
        setErrors((e) => {
          if (!(path in e)) return e
          const next = { ...e }
          delete next[path]
          return next
        })
    }),
    [errors]
  )

  /** Field errors from main: next to their inputs, the advanced part opened if one is there, the cursor on the first. */
  const showFieldErrors = (error: AppError) => {
    setFormError(error)
    const fields = error.fields ?? []
    setErrors(Object.fromEntries(fields.map((f) => [f.field, f])))
    if (fields.some((f) => !basicPaths(form).has(f.field))) setAdvanced(true)
    // The cursor on the first problem on screen (once React has rendered the error next to it).
    focusFirst(fields.map((f) => fieldId(f.field)))
  }

  const save = async (values: ProfileFormState) => {
    setSaving(true)
    setFormError(null)
    // The tunnel starts as soon as the profile is saved and asks for its password: have it ready.
    if (asksSshPassword && sshPassword && startsTunnel)
      useAppStore.getState().queuePassword(sshPassword)
    // Saved only over the stored profile this form last took in: if it changed elsewhere since
    // (not yet here), main refuses and sends it, and the form takes it in for another look.
    const res = await useAppStore
      .getState()
      .saveProfile(draftFromForm(values), values.id ? base.original : undefined)
    if (!res.ok) useAppStore.getState().queuePassword(null)
    setSaving(false)
    if (res.ok) {
      setErrors({})
      // The key is stored apart from the profile, once the profile (and so its id) exists.
      if (apiKey) await useAppStore.getState().setApiKey(res.data.id, apiKey)
      setApiKey('')
      if (proxyPassword) await useAppStore.getState().setProxyPassword(res.data.id, proxyPassword)
      setProxyPassword('')
      onSaved(res.data)
      return
    }
    if (res.error.code === 'profile.changed') followed.saveRefused()
    showFieldErrors(res.error)
  }

  /**
   * Check the draft, then save. A new profile whose contract was not set by hand also finds out
   * the server type; a saved one is checked with the contract it has.
   */
  const checkThenSave = async () => {
    setChecking(true)
    setFormError(null)
    setReport(null)
    const contractSetByHand =
      JSON.stringify(draftFromForm(form).contract) !== JSON.stringify(draftFromForm(base).contract)
    const res = await useAppStore.getState().checkDraft(draftFromForm(form), {
      // A profile removed elsewhere and saved again as new keeps the contract it had.
      detect: !contractSetByHand && !form.id && !followed.removed,
      ...(apiKey ? { apiKey } : {}),
      ...(asksSshPassword && sshPassword ? { sshPassword } : {})
    })
    setChecking(false)
    if (!res.ok) {
      showFieldErrors(res.error)
      return
    }
    const detected = res.data.detected
    // What was found goes into the form even when a later step failed: the API key field of an
    // OpenAI-compatible server then shows, and "Save anyway" saves what was found.
    const next = detected ? applyContractPreset(form, detected.contract) : form
    if (detected) setForm(() => next)
    if (!res.data.ok) {
      setReport(res.data)
      if (
        res.data.steps.some(
          (st) => st.status === 'failed' && st.error?.code === 'backend.unauthorized'
        )
      )
        setAdvanced(true)
      return
    }
    // The profile changed elsewhere while the check ran: the form has taken that in (and asks
    // about any conflict), so it stays for the person to look and press Save again, instead of
    // saving the values it had when Save was pressed over the other change.
    if (followed.movedOn()) return
    if (detected)
      useAppStore.getState().notify({
        tone: 'info',
        key: 'setup.connected',
        params: { preset: t(`setup.kinds.${detected.preset}`) }
      })
    await save(next)
  }

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    if (checks) await checkThenSave()
    else await save(form)
  }

  /** The advice's buttons act on this form: no trip to Settings or the check from inside it. */
  const inForm = (error: AppError): AdviceHandlers => ({
    editProfile: false,
    checkConnection: false,
    retry: false,
    enterSecret: () => {
      setAdvanced(true)
      focusFirst(secretFieldIds(error))
    }
  })

  const visible = visiblePaths(form)
  const otherErrors = Object.values(errors).filter((f) => !visible.has(f.field))

  return (
    <FieldErrorsContext.Provider value={ctx}>
      <form
        className="profile-form"
        onSubmit={(e) => void submit(e)}
        noValidate
        aria-labelledby="profile-form-title"
      >
        <h2 id="profile-form-title">{title}</h2>
        {formError && (
          <div className="form-error" role="alert">
            <p>
              {formError.code === 'profile.invalid' ? t('profile.invalid') : errorText(formError)}
              <ErrorAdvice error={formError} on={inForm(formError)} />
            </p>
            {otherErrors.length > 0 && (
              <ul aria-label={t('profile.otherErrors')}>
                {otherErrors.map((f) => (
                  <li key={f.field}>
                    <code>{f.field}</code>: {fieldErrorText(f)}
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}

        <ProfileChanges
          name={initial.name}
          form={form}
          theirs={base}
          conflicts={followed.conflicts}
          removed={followed.removed}
          onKeepMine={followed.keepMine}
          onTakeTheirs={followed.takeTheirs}
        />

        <TextField
          path="name"
          label={t('profile.name')}
          value={form.name}
          onChange={(v) => patch({ name: v })}
        />
        <ConnectionSection
          form={form}
          patch={patch}
          {...(asksSshPassword
            ? { sshPassword: { value: sshPassword, onChange: setSshPassword } }
            : {})}
        />

        {checking && <CheckProgress />}
        {report && (
          <CheckFailure
            report={report}
            busy={checking || saving}
            onRetry={() => void checkThenSave()}
            onSaveAnyway={() => void save(form)}
            advice={inForm}
          />
        )}

        <details
          className="advanced"
          open={advanced}
          onToggle={(e) => setAdvanced(e.currentTarget.open)}
        >
          <summary>{t('setup.advanced')}</summary>
          <p className="field-hint">{t('setup.advancedHint')}</p>
          {form.kind === 'tunnel' && <TunnelSection form={form} patch={patch} />}
          <ContractSection
            form={form}
            patch={patch}
            apiKey={apiKey}
            onApiKey={setApiKey}
            loadModels={loadModels}
            advice={inForm}
          />
          <HistorySection form={form} patch={patch} />
          <RowsSection form={form} patch={patch} onRowRemoved={dropRowErrors} />
          <TlsProxyFields
            value={form}
            onChange={patch}
            profileId={form.id}
            proxyPassword={proxyPassword}
            onProxyPassword={setProxyPassword}
          />
          <LimitsSection form={form} patch={patch} />
        </details>

        <div className="form-actions">
          {onCancel && (
            <button type="button" className="btn" onClick={onCancel}>
              {t('profile.cancel')}
            </button>
          )}
          <button type="submit" className="btn btn-primary" disabled={saving || checking}>
            {checking
              ? t('setup.checking')
              : saving
                ? t('profile.saving')
                : verify
                  ? t('setup.connect')
                  : followed.removed
                    ? t('profileMerge.saveAsNew')
                    : t('profile.save')}
          </button>
        </div>
      </form>
    </FieldErrorsContext.Provider>
  )
}

/**
 * Create or edit a connection profile. On top, what a person must know: a name and the server
 * address (or the SSH host, user, login and target); every other field of the profile schema sits
 * under "Advanced settings". Main validates; its field errors are shown next to their inputs (the
 * advanced part opens when one is there) and the form keeps what was typed.
 *
 * With `verify` (first start), Connect first checks the draft end to end in main and finds out the
 * server type, fills the contract from the matching preset, and saves only when the check passed;
 * when it fails the form stays, saying which step failed, why, and what to do.
 */
import { useContext, useMemo, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { DoctorReport } from '@shared/doctor'
import type { AppError, FieldError } from '@shared/errors'
import { isSecretHeaderName } from '@shared/credentials'
import type { Profile } from '@shared/profile'
import { presetIds, presets, type PresetId } from '@shared/presets'
import {
  ErrorAdvice,
  focusFirst,
  secretFieldIds,
  type AdviceHandlers
} from '../../components/ErrorAdvice'
import { errorText, fieldErrorText } from '../../i18n'
import { useAppStore } from '../../store'
import { FieldErrorsContext, Fieldset, SelectField, TextField } from './fields'
import { CheckFailure } from './CheckFailure'
import { ModelField } from './ModelField'
import { TlsProxyFields } from './TlsProxyFields'
import {
  applyContractPreset,
  draftFromForm,
  fieldId,
  type EndpointForm,
  type ParamRow,
  type ProfileFormState
} from './profileDraft'

export function ProfileForm({
  initial,
  title,
  onSaved,
  onCancel,
  verify = false,
  advancedOpen = false
}: {
  initial: ProfileFormState
  title: string
  onSaved: (profile: Profile) => void
  onCancel?: () => void
  /** Check the connection (and find out the server type) before saving; stay on failure. */
  verify?: boolean
  /** Show the advanced part open at first (editing a profile). */
  advancedOpen?: boolean
}) {
  const { t } = useTranslation()
  const [form, setForm] = useState(initial)
  const [errors, setErrors] = useState<Record<string, FieldError>>({})
  const [formError, setFormError] = useState<AppError | null>(null)
  const [saving, setSaving] = useState(false)
  const [apiKey, setApiKey] = useState('')
  const [proxyPassword, setProxyPassword] = useState('')
  /** First start, password login: typed once, used by the check and then by the tunnel. */
  const [sshPassword, setSshPassword] = useState('')
  const asksSshPassword = verify && form.kind === 'tunnel' && form.ssh.auth === 'password'
  const [preset, setPreset] = useState<PresetId | ''>('')
  const [advanced, setAdvanced] = useState(advancedOpen)
  const [checking, setChecking] = useState(false)
  const [report, setReport] = useState<DoctorReport | null>(null)
  const hasStoredKey = useAppStore((s) =>
    form.id ? s.profilesWithApiKey.includes(form.id) : false
  )
  const storedHeaders = useAppStore((s) => (form.id ? s.profilesHeaderSecrets[form.id] : undefined))
  // "Load models" asks main through the saved profile: it helps only when the form shows that
  // profile as saved (the model itself may differ; that is what is being picked).
  // The models of the profile as it is on screen (saved or not), with the key typed here.
  const loadModels = () =>
    useAppStore.getState().listModels({ draft: draftFromForm(form), ...(apiKey ? { apiKey } : {}) })

  const set = <K extends keyof ProfileFormState>(key: K, value: ProfileFormState[K]) =>
    setForm((f) => ({ ...f, [key]: value }))
  const setEndpoint = (which: 'ssh' | 'jump', key: keyof EndpointForm, value: string) =>
    setForm((f) => ({ ...f, [which]: { ...f[which], [key]: value } }))
  const setRow = (
    list: 'headers' | 'extraParams',
    index: number,
    key: keyof ParamRow,
    value: string | boolean
  ) =>
    setForm((f) => ({
      ...f,
      [list]: f[list].map((r, i) => (i === index ? { ...r, [key]: value } : r))
    }))
  const addRow = (list: 'headers' | 'extraParams') =>
    setForm((f) => ({
      ...f,
      [list]: [
        ...f[list],
        list === 'headers' ? { name: '', value: '' } : { name: '', value: '', json: false }
      ]
    }))
  const removeRow = (list: 'headers' | 'extraParams', index: number) => {
    setForm((f) => ({ ...f, [list]: f[list].filter((_, i) => i !== index) }))
    // Row errors are by index: after a removal they would point at the wrong row.
    setErrors((e) =>
      Object.fromEntries(
        Object.entries(e).filter(([path]) => !path.startsWith(`contract.${list}.`))
      )
    )
  }

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
    // Put the cursor on the first problem (after React has rendered the error next to it).
    requestAnimationFrame(() => {
      const first = fields.find((f) => document.getElementById(fieldId(f.field)))
      if (first) document.getElementById(fieldId(first.field))?.focus()
    })
  }

  const save = async (values: ProfileFormState) => {
    setSaving(true)
    setFormError(null)
    // The tunnel starts as soon as the profile is saved and asks for its password: have it ready.
    if (asksSshPassword && sshPassword) useAppStore.getState().queuePassword(sshPassword)
    const res = await useAppStore.getState().saveProfile(draftFromForm(values))
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
    showFieldErrors(res.error)
  }

  /** First start: check the draft (finding out the server type unless the contract was set by hand), then save. */
  const checkThenSave = async () => {
    setChecking(true)
    setFormError(null)
    setReport(null)
    const contractSetByHand =
      JSON.stringify(draftFromForm(form).contract) !==
      JSON.stringify(draftFromForm(initial).contract)
    const res = await useAppStore.getState().checkDraft(draftFromForm(form), {
      detect: !contractSetByHand,
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
    if (detected) setForm(next)
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
    if (verify) await checkThenSave()
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
  const authOptions = [
    { value: 'key' as const, label: t('profile.authKey') },
    { value: 'agent' as const, label: t('profile.authAgent') },
    { value: 'password' as const, label: t('profile.authPassword') }
  ]

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

        <TextField
          path="name"
          label={t('profile.name')}
          value={form.name}
          onChange={(v) => set('name', v)}
        />

        <fieldset className="fieldset fieldset-inline">
          <legend>{t('profile.mode')}</legend>
          <label className="radio">
            <input
              type="radio"
              name="profile-mode"
              value="direct"
              checked={form.kind === 'direct'}
              onChange={() => set('kind', 'direct')}
            />
            <span>{t('profile.direct')}</span>
          </label>
          <label className="radio">
            <input
              type="radio"
              name="profile-mode"
              value="tunnel"
              checked={form.kind === 'tunnel'}
              onChange={() => set('kind', 'tunnel')}
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
            onChange={(v) => set('url', v)}
          />
        ) : (
          <>
            <Fieldset legend={t('profile.sshServer')} className="grid-2">
              <TextField
                path="connection.ssh.host"
                label={t('profile.sshHost')}
                value={form.ssh.host}
                onChange={(v) => setEndpoint('ssh', 'host', v)}
              />
              <TextField
                path="connection.ssh.username"
                label={t('profile.sshUser')}
                value={form.ssh.username}
                onChange={(v) => setEndpoint('ssh', 'username', v)}
              />
              <SelectField
                path="connection.ssh.auth"
                label={t('profile.auth')}
                value={form.ssh.auth}
                options={authOptions}
                onChange={(v) => setEndpoint('ssh', 'auth', v)}
              />
              {/* A key file means something only for key login. */}
              {form.ssh.auth === 'key' && (
                <TextField
                  path="connection.ssh.keyPath"
                  label={t('profile.keyPath')}
                  value={form.ssh.keyPath}
                  onChange={(v) => setEndpoint('ssh', 'keyPath', v)}
                />
              )}
              {asksSshPassword && (
                <div className="field">
                  <label htmlFor="profile-ssh-password" className="field-label">
                    {t('setup.sshPassword')}
                  </label>
                  <input
                    id="profile-ssh-password"
                    type="password"
                    autoComplete="off"
                    value={sshPassword}
                    aria-describedby="profile-ssh-password-hint"
                    onChange={(e) => setSshPassword(e.target.value)}
                  />
                  <p id="profile-ssh-password-hint" className="field-hint">
                    {t('setup.sshPasswordHint')}
                  </p>
                </div>
              )}
            </Fieldset>
            <Fieldset legend={t('profile.target')} className="grid-2">
              <TextField
                path="connection.target.host"
                label={t('profile.targetHost')}
                value={form.targetHost}
                onChange={(v) => set('targetHost', v)}
              />
              <TextField
                path="connection.target.port"
                label={t('profile.targetPort')}
                type="number"
                value={form.targetPort}
                onChange={(v) => set('targetPort', v)}
              />
            </Fieldset>
          </>
        )}

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
          {form.kind === 'tunnel' && (
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
                  onChange={(v) => set('scheme', v)}
                />
                <TextField
                  path="connection.localPort"
                  label={t('profile.localPort')}
                  type="number"
                  value={form.localPort}
                  onChange={(v) => set('localPort', v)}
                />
                <TextField
                  path="connection.keepaliveIntervalSec"
                  label={t('profile.keepaliveInterval')}
                  type="number"
                  value={form.keepaliveIntervalSec}
                  onChange={(v) => set('keepaliveIntervalSec', v)}
                />
                <TextField
                  path="connection.keepaliveCountMax"
                  label={t('profile.keepaliveCount')}
                  type="number"
                  value={form.keepaliveCountMax}
                  onChange={(v) => set('keepaliveCountMax', v)}
                />
                <TextField
                  path="connection.knownHostsPath"
                  label={t('profile.knownHosts')}
                  value={form.knownHostsPath}
                  className="span-2"
                  onChange={(v) => set('knownHostsPath', v)}
                />
                <label className="check span-2">
                  <input
                    type="checkbox"
                    checked={form.allowLegacyAlgorithms}
                    onChange={(e) => set('allowLegacyAlgorithms', e.target.checked)}
                  />
                  <span>{t('profile.allowLegacyAlgorithms')}</span>
                </label>
                {form.allowLegacyAlgorithms && (
                  <p
                    className="warning-text span-2"
                    role="note"
                    data-testid="legacy-algorithms-warning"
                  >
                    {t('profile.legacyAlgorithmsWarning')}
                  </p>
                )}
              </Fieldset>

              <label className="check">
                <input
                  type="checkbox"
                  checked={form.useJump}
                  onChange={(e) => set('useJump', e.target.checked)}
                />
                <span>{t('profile.useJump')}</span>
              </label>
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
          )}

          <Fieldset legend={t('profile.contract')} className="grid-2">
            <div className="field span-2 preset-row">
              <label htmlFor="profile-preset" className="field-label">
                {t('profile.preset')}
              </label>
              <div className="inline">
                <select
                  id="profile-preset"
                  value={preset}
                  onChange={(e) => setPreset(e.target.value as PresetId | '')}
                >
                  <option value="">{t('profile.presetChoose')}</option>
                  {presetIds.map((id) => (
                    <option key={id} value={id}>
                      {t(presetLabels[id])}
                    </option>
                  ))}
                </select>
                <button
                  type="button"
                  className="btn btn-small"
                  disabled={!preset}
                  onClick={() => preset && setForm((f) => applyContractPreset(f, presets[preset]))}
                >
                  {t('profile.applyPreset')}
                </button>
              </div>
            </div>
            <SelectField
              path="contract.method"
              label={t('profile.method')}
              value={form.method}
              options={[
                { value: 'GET', label: 'GET' },
                { value: 'POST', label: 'POST' }
              ]}
              onChange={(v) => set('method', v)}
            />
            <TextField
              path="contract.path"
              label={t('profile.path')}
              value={form.path}
              onChange={(v) => set('path', v)}
            />
            <TextField
              path="contract.messageField"
              label={t('profile.messageField')}
              value={form.messageField}
              onChange={(v) => set('messageField', v)}
            />
            <SelectField
              path="contract.replyFormat"
              label={t('profile.replyFormat')}
              value={form.replyFormat}
              options={[
                { value: 'json', label: t('profile.formatJson') },
                { value: 'text', label: t('profile.formatText') },
                { value: 'sse', label: t('profile.formatSse') },
                { value: 'ndjson', label: t('profile.formatNdjson') }
              ]}
              onChange={(v) => set('replyFormat', v)}
            />
            <TextField
              path="contract.replyField"
              label={t('profile.replyField')}
              value={form.replyField}
              onChange={(v) => set('replyField', v)}
            />
            <TextField
              path="contract.healthPath"
              label={t('profile.healthPath')}
              value={form.healthPath}
              onChange={(v) => set('healthPath', v)}
            />
            <ModelField
              value={form.model}
              onChange={(v) => set('model', v)}
              load={loadModels}
              hint={t('profile.modelsHint')}
            />
            <SelectField
              path="contract.auth"
              label={t('profile.backendAuth')}
              value={form.auth}
              options={[
                { value: 'none', label: t('profile.backendAuthNone') },
                { value: 'bearer', label: t('profile.backendAuthBearer') }
              ]}
              onChange={(v) => set('auth', v)}
            />
            {form.auth === 'bearer' && (
              <div className="field span-2">
                <label htmlFor="profile-api-key" className="field-label">
                  {t('profile.apiKey')}
                </label>
                <input
                  id="profile-api-key"
                  type="password"
                  autoComplete="off"
                  value={apiKey}
                  aria-describedby="profile-api-key-hint"
                  onChange={(e) => setApiKey(e.target.value)}
                />
                <p id="profile-api-key-hint" className="field-hint">
                  {hasStoredKey ? `${t('profile.apiKeyStored')} ` : ''}
                  {t('profile.apiKeyHint')}
                </p>
                {hasStoredKey && form.id && (
                  <button
                    type="button"
                    className="btn btn-small btn-danger-ghost"
                    onClick={() => void useAppStore.getState().setApiKey(form.id!, '')}
                  >
                    {t('profile.forgetApiKey')}
                  </button>
                )}
              </div>
            )}
            <div className="field span-2">
              <label htmlFor={fieldId('contract.systemPrompt')} className="field-label">
                {t('profile.systemPrompt')}
              </label>
              <SystemPrompt value={form.systemPrompt} onChange={(v) => set('systemPrompt', v)} />
            </div>
            <TextField
              path="contract.attachmentLimit"
              label={t('profile.attachmentLimit')}
              type="number"
              inputMode="numeric"
              hint={t('profile.attachmentLimitHint')}
              value={form.attachmentLimit}
              onChange={(v) => set('attachmentLimit', v)}
            />
            <label className="check">
              <input
                type="checkbox"
                checked={form.images}
                onChange={(e) => set('images', e.target.checked)}
              />
              <span>{t('profile.images')}</span>
            </label>
          </Fieldset>

          <Fieldset legend={t('profile.history')} className="grid-2">
            <SelectField
              path="contract.history.mode"
              label={t('profile.historyMode')}
              value={form.historyMode}
              options={[
                { value: 'none', label: t('profile.historyNone') },
                { value: 'lastN', label: t('profile.historyLastN') },
                { value: 'all', label: t('profile.historyAll') }
              ]}
              onChange={(v) => set('historyMode', v)}
            />
            <TextField
              path="contract.history.turns"
              label={t('profile.historyTurns')}
              type="number"
              value={form.historyTurns}
              onChange={(v) => set('historyTurns', v)}
            />
            <TextField
              path="contract.history.field"
              label={t('profile.historyField')}
              value={form.historyField}
              onChange={(v) => set('historyField', v)}
            />
            <label className="check span-2">
              <input
                type="checkbox"
                checked={form.historyIncludeCurrent}
                onChange={(e) => set('historyIncludeCurrent', e.target.checked)}
              />
              <span>{t('profile.historyIncludeCurrent')}</span>
            </label>
            <TextField
              path="contract.history.roleField"
              label={t('profile.roleField')}
              value={form.roleField}
              onChange={(v) => set('roleField', v)}
            />
            <TextField
              path="contract.history.contentField"
              label={t('profile.contentField')}
              value={form.contentField}
              onChange={(v) => set('contentField', v)}
            />
            <TextField
              path="contract.history.userRole"
              label={t('profile.userRole')}
              value={form.userRole}
              onChange={(v) => set('userRole', v)}
            />
            <TextField
              path="contract.history.assistantRole"
              label={t('profile.assistantRole')}
              value={form.assistantRole}
              onChange={(v) => set('assistantRole', v)}
            />
            <TextField
              path="contract.history.systemRole"
              label={t('profile.systemRole')}
              value={form.systemRole}
              onChange={(v) => set('systemRole', v)}
            />
          </Fieldset>

          <RowsEditor
            list="headers"
            legend={t('profile.headers')}
            rows={form.headers}
            nameLabel={(n) => t('profile.headerName', { n: String(n) })}
            valueLabel={(n) => t('profile.headerValue', { n: String(n) })}
            removeLabel={(n) => t('profile.removeHeader', { n: String(n) })}
            addLabel={t('profile.addHeader')}
            // Credential headers: the value is kept in main's secret store for this backend, never
            // shown; an empty field keeps it. Missing means it was given for another address.
            secretValue={(row) =>
              isSecretHeaderName(row.name)
                ? {
                    placeholder: storedHeaders?.includes(row.name)
                      ? t('profile.headerSecretStored')
                      : t('profile.headerSecretMissing')
                  }
                : undefined
            }
            onChange={(i, key, v) => setRow('headers', i, key, v)}
            onAdd={() => addRow('headers')}
            onRemove={(i) => removeRow('headers', i)}
          />
          <RowsEditor
            list="extraParams"
            legend={t('profile.params')}
            rows={form.extraParams}
            nameLabel={(n) => t('profile.paramName', { n: String(n) })}
            valueLabel={(n) => t('profile.paramValue', { n: String(n) })}
            removeLabel={(n) => t('profile.removeParam', { n: String(n) })}
            addLabel={t('profile.addParam')}
            jsonLabel={(n) => t('profile.paramJson', { n: String(n) })}
            onChange={(i, key, v) => setRow('extraParams', i, key, v)}
            onAdd={() => addRow('extraParams')}
            onRemove={(i) => removeRow('extraParams', i)}
          />

          <TlsProxyFields
            value={form}
            onChange={(patch) => setForm((f) => ({ ...f, ...patch }))}
            profileId={form.id}
            proxyPassword={proxyPassword}
            onProxyPassword={setProxyPassword}
          />

          <Fieldset legend={t('profile.timeouts')} className="grid-2">
            <TextField
              path="timeouts.connectSec"
              label={t('profile.connectTimeout')}
              type="number"
              value={form.connectSec}
              onChange={(v) => set('connectSec', v)}
            />
            <TextField
              path="timeouts.idleSec"
              label={t('profile.idleTimeout')}
              type="number"
              value={form.idleSec}
              onChange={(v) => set('idleSec', v)}
            />
            <TextField
              path="limits.replyKiB"
              label={t('profile.replyKiB')}
              type="number"
              value={form.replyKiB}
              onChange={(v) => set('replyKiB', v)}
            />
            <TextField
              path="limits.eventKiB"
              label={t('profile.eventKiB')}
              type="number"
              value={form.eventKiB}
              onChange={(v) => set('eventKiB', v)}
            />
          </Fieldset>
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
                  : t('profile.save')}
          </button>
        </div>
      </form>
    </FieldErrorsContext.Provider>
  )
}

function RowsEditor(props: {
  list: 'headers' | 'extraParams'
  legend: string
  rows: Array<{ name: string; value: string; json?: boolean }>
  nameLabel: (n: number) => string
  valueLabel: (n: number) => string
  removeLabel: (n: number) => string
  /** Only for extra parameters: send the value as a JSON literal. */
  jsonLabel?: (n: number) => string
  /** Only for headers: a credential's value is typed hidden, with what is stored as its placeholder. */
  secretValue?: (row: { name: string; value: string }) => { placeholder: string } | undefined
  addLabel: string
  onChange: (index: number, key: keyof ParamRow, value: string | boolean) => void
  onAdd: () => void
  onRemove: (index: number) => void
}) {
  return (
    <Fieldset legend={props.legend} className="rows">
      {props.rows.map((row, i) => (
        <div className={`row-pair${props.jsonLabel ? ' with-json' : ''}`} key={i}>
          <TextField
            path={`contract.${props.list}.${i}.name`}
            label={props.nameLabel(i + 1)}
            value={row.name}
            onChange={(v) => props.onChange(i, 'name', v)}
          />
          {(() => {
            const secret = props.secretValue?.(row)
            return (
              <TextField
                path={`contract.${props.list}.${i}.value`}
                label={props.valueLabel(i + 1)}
                value={row.value}
                {...(secret ? { type: 'password' as const, placeholder: secret.placeholder } : {})}
                onChange={(v) => props.onChange(i, 'value', v)}
              />
            )
          })()}
          {props.jsonLabel && (
            <label className="check row-json" title={props.jsonLabel(i + 1)}>
              <input
                type="checkbox"
                checked={row.json === true}
                aria-label={props.jsonLabel(i + 1)}
                onChange={(e) => props.onChange(i, 'json', e.target.checked)}
              />
              <span aria-hidden="true">JSON</span>
            </label>
          )}
          <button
            type="button"
            className="btn-ghost btn-small row-remove"
            onClick={() => props.onRemove(i)}
          >
            {props.removeLabel(i + 1)}
          </button>
        </div>
      ))}
      <button type="button" className="btn btn-small" onClick={props.onAdd}>
        {props.addLabel}
      </button>
    </Fieldset>
  )
}

const presetLabels = {
  kha_get: 'profile.presetKhaGet',
  kha_stream: 'profile.presetKhaStream',
  openai: 'profile.presetOpenai'
} as const satisfies Record<PresetId, string>

/** A textarea that reports errors like the other fields (its path is contract.systemPrompt). */
function SystemPrompt({ value, onChange }: { value: string; onChange: (v: string) => void }) {
  const { errors, clear } = useContext(FieldErrorsContext)
  const error = errors['contract.systemPrompt']
  const id = fieldId('contract.systemPrompt')
  return (
    <>
      <textarea
        id={id}
        className="system-prompt"
        rows={3}
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(e) => {
          clear('contract.systemPrompt')
          onChange(e.target.value)
        }}
      />
      {error && (
        <p id={`${id}-error`} className="field-error">
          {fieldErrorText(error)}
        </p>
      )}
    </>
  )
}

/** Error paths that have an input on screen now; others are listed at the top of the form. */
function visiblePaths(f: ProfileFormState): Set<string> {
  const paths = [
    'name',
    'contract.method',
    'contract.path',
    'contract.messageField',
    'contract.replyFormat',
    'contract.replyField',
    'contract.healthPath',
    'contract.model',
    'contract.auth',
    'contract.systemPrompt',
    'timeouts.connectSec',
    'timeouts.idleSec',
    'limits.replyKiB',
    'limits.eventKiB'
  ]
  paths.push(
    ...[
      'mode',
      'turns',
      'field',
      'roleField',
      'contentField',
      'userRole',
      'assistantRole',
      'systemRole'
    ].map((k) => `contract.history.${k}`)
  )
  if (f.kind === 'direct') paths.push('connection.url')
  else {
    const endpoint = (p: string) =>
      [
        'host',
        'port',
        'username',
        'auth',
        ...(p === 'connection.ssh'
          ? f.ssh.auth === 'key'
            ? ['keyPath']
            : []
          : f.jump.auth === 'key'
            ? ['keyPath']
            : [])
      ].map((k) => `${p}.${k}`)
    paths.push(
      ...endpoint('connection.ssh'),
      'connection.target.host',
      'connection.target.port',
      'connection.scheme',
      'connection.localPort',
      'connection.keepaliveIntervalSec',
      'connection.keepaliveCountMax',
      'connection.knownHostsPath'
    )
    if (f.useJump) paths.push(...endpoint('connection.jump'))
  }
  f.headers.forEach((_, i) =>
    paths.push(`contract.headers.${i}.name`, `contract.headers.${i}.value`)
  )
  f.extraParams.forEach((_, i) =>
    paths.push(`contract.extraParams.${i}.name`, `contract.extraParams.${i}.value`)
  )
  paths.push('tls.caFile', 'proxy.mode')
  if (f.proxyMode === 'manual') paths.push('proxy.url', 'proxy.username')
  if (f.proxyMode !== 'none') paths.push('proxy.bypass')
  return new Set(paths)
}

/** Error paths whose inputs are above "Advanced settings" (an error elsewhere opens it). */
function basicPaths(f: ProfileFormState): Set<string> {
  if (f.kind === 'direct') return new Set(['name', 'connection.url'])
  const paths = [
    'name',
    'connection.ssh.host',
    'connection.ssh.username',
    'connection.ssh.auth',
    'connection.target.host',
    'connection.target.port'
  ]
  if (f.ssh.auth === 'key') paths.push('connection.ssh.keyPath')
  return new Set(paths)
}

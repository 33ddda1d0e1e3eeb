/**
 * The Model field, with "Load models": the ids the selected profile's server lists (GET
 * /v1/models) turn the text input into a choice. The call goes through the *saved, selected*
 * profile (main owns the connection and the API key), so the button explains when it cannot help.
 */
import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { AppError } from '@shared/errors'
import { useAppStore } from '../../store'
import { errorText } from '../../i18n'
import { SelectField, TextField } from './fields'

export function ModelField({
  value,
  onChange,
  loadable,
  hint
}: {
  value: string
  onChange: (value: string) => void
  /** The form shows the selected profile, saved as it is on screen. */
  loadable: boolean
  /** Why the button is off, or what it does. */
  hint: string
}) {
  const { t } = useTranslation()
  const [models, setModels] = useState<string[] | null>(null)
  const [manual, setManual] = useState(false)
  const [loading, setLoading] = useState(false)
  const [error, setError] = useState<AppError | null>(null)
  const hintId = useId()

  const load = async () => {
    setLoading(true)
    setError(null)
    const res = await useAppStore.getState().listModels()
    setLoading(false)
    if (!res.ok) {
      setError(res.error)
      return
    }
    setModels(res.data)
    setManual(false)
  }

  const picking = models !== null && models.length > 0 && !manual
  const label = t('profile.model')
  let status = ''
  if (loading) status = t('profile.loadingModels')
  else if (models) status = models.length > 0 ? t('profile.modelsFound', { count: models.length }) : t('profile.modelsEmpty')

  return (
    <div className="span-2 model-field">
      {picking ? (
        <SelectField path="contract.model" label={label} value={value} options={modelOptions(models, value, t('profile.modelChoose'))} onChange={onChange} />
      ) : (
        <TextField path="contract.model" label={label} value={value} onChange={onChange} />
      )}
      <div className="inline">
        <button type="button" className="btn btn-small" disabled={!loadable || loading} aria-describedby={hintId} onClick={() => void load()}>
          {t('profile.loadModels')}
        </button>
        {picking && (
          <button type="button" className="btn-ghost btn-small" onClick={() => setManual(true)}>
            {t('profile.modelManual')}
          </button>
        )}
        <span className="field-hint" aria-live="polite">
          {status}
        </span>
      </div>
      <p id={hintId} className="field-hint">
        {hint}
      </p>
      {error && (
        <p className="field-error" role="alert">
          {t('profile.modelsFailed', { reason: errorText(error) })}
        </p>
      )}
    </div>
  )
}

/** The listed ids; the current value stays a choice even when the server does not list it. */
function modelOptions(models: string[], value: string, choose: string): Array<{ value: string; label: string }> {
  const options = models.map((m) => ({ value: m, label: m }))
  if (value === '') return [{ value: '', label: choose }, ...options]
  return models.includes(value) ? options : [{ value, label: value }, ...options]
}

/**
 * The Model field, with "Load models": the ids the server lists (GET /v1/models) turn the text
 * input into a choice. It works for the form as it is on screen, saved or not: main opens a
 * connection for the draft (with the API key typed in the form) when it is not the live one.
 */
import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { AppError, IpcResult } from '@shared/errors'
import { ErrorAdvice, type AdviceHandlers } from '../../components/ErrorAdvice'
import { errorText } from '../../i18n'
import { SelectField, TextField } from './fields'

export function ModelField({
  value,
  onChange,
  load,
  hint,
  advice
}: {
  value: string
  onChange: (value: string) => void
  /** Ask main for the models of the profile as the form shows it. */
  load: () => Promise<IpcResult<string[]>>
  /** What the button does. */
  hint: string
  /** What the advice's buttons do in the form that shows this. */
  advice: (error: AppError) => AdviceHandlers
}) {
  const { t } = useTranslation()
  const [models, setModels] = useState<string[] | null>(null)
  const [manual, setManual] = useState(false)
  const [loading, setLoading] = useState(false)
  const [error, setError] = useState<AppError | null>(null)
  const hintId = useId()

  const fetchModels = async () => {
    setLoading(true)
    setError(null)
    const res = await load()
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
  else if (models)
    status =
      models.length > 0
        ? t('profile.modelsFound', { count: models.length })
        : t('profile.modelsEmpty')

  return (
    <div className="span-2 model-field">
      {picking ? (
        <SelectField
          path="contract.model"
          label={label}
          value={value}
          options={modelOptions(models, value, t('profile.modelChoose'))}
          onChange={onChange}
        />
      ) : (
        <TextField path="contract.model" label={label} value={value} onChange={onChange} />
      )}
      <div className="inline">
        <button
          type="button"
          className="btn btn-small"
          disabled={loading}
          aria-describedby={hintId}
          onClick={() => void fetchModels()}
        >
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
          <ErrorAdvice error={error} on={advice(error)} />
        </p>
      )}
    </div>
  )
}

/** The listed ids; the current value stays a choice even when the server does not list it. */
function modelOptions(
  models: string[],
  value: string,
  choose: string
): Array<{ value: string; label: string }> {
  const options = models.map((m) => ({ value: m, label: m }))
  if (value === '') return [{ value: '', label: choose }, ...options]
  return models.includes(value) ? options : [{ value, label: value }, ...options]
}

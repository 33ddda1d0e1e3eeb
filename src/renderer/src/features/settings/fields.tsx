/**
 * Labelled form controls that show the error main reported for their path: the message sits next
 * to the input, linked by aria-describedby, and the input is aria-invalid.
 */
import { createContext, useContext, useId, type ReactNode } from 'react'
import type { FieldError } from '@shared/errors'
import { fieldErrorText } from '../../i18n'
import { fieldId } from './profileDraft'

export interface FieldErrors {
  errors: Record<string, FieldError>
  clear(path: string): void
}

export const FieldErrorsContext = createContext<FieldErrors>({ errors: {}, clear: () => undefined })

function useFieldError(path: string) {
  const ctx = useContext(FieldErrorsContext)
  const id = fieldId(path)
  const error = ctx.errors[path]
  return { id, error, errorId: `${id}-error`, clear: () => ctx.clear(path) }
}

function describedBy(...ids: Array<string | false | undefined>): string | undefined {
  const list = ids.filter(Boolean)
  return list.length ? list.join(' ') : undefined
}

function ErrorText({ id, error }: { id: string; error: FieldError | undefined }) {
  if (!error) return null
  return (
    <p id={id} className="field-error">
      {fieldErrorText(error)}
    </p>
  )
}

export function TextField({
  path,
  label,
  value,
  onChange,
  type = 'text',
  hint,
  inputMode,
  placeholder,
  className
}: {
  path: string
  label: string
  value: string
  onChange: (value: string) => void
  type?: 'text' | 'url' | 'number' | 'password'
  hint?: string
  inputMode?: 'numeric' | 'url' | 'text'
  placeholder?: string
  className?: string
}) {
  const f = useFieldError(path)
  const hintId = useId()
  return (
    <div className={`field ${className ?? ''}`}>
      <label htmlFor={f.id} className="field-label">
        {label}
      </label>
      <input
        id={f.id}
        // Numbers stay type="text": a number input would throw away what does not parse, and the
        // user must see exactly what was rejected.
        type={type === 'number' ? 'text' : type}
        inputMode={type === 'number' ? 'numeric' : inputMode}
        value={value}
        placeholder={placeholder}
        spellCheck={false}
        autoComplete="off"
        aria-invalid={f.error ? true : undefined}
        aria-describedby={describedBy(f.error && f.errorId, hint && hintId)}
        onChange={(e) => {
          f.clear()
          onChange(e.target.value)
        }}
      />
      {hint && (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      )}
      <ErrorText id={f.errorId} error={f.error} />
    </div>
  )
}

export function SelectField<V extends string>({
  path,
  label,
  value,
  options,
  onChange
}: {
  path: string
  label: string
  value: V
  options: Array<{ value: V; label: string }>
  onChange: (value: V) => void
}) {
  const f = useFieldError(path)
  return (
    <div className="field">
      <label htmlFor={f.id} className="field-label">
        {label}
      </label>
      <select
        id={f.id}
        value={value}
        aria-invalid={f.error ? true : undefined}
        aria-describedby={describedBy(f.error && f.errorId)}
        onChange={(e) => {
          f.clear()
          onChange(e.target.value as V)
        }}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <ErrorText id={f.errorId} error={f.error} />
    </div>
  )
}

export function Fieldset({
  legend,
  children,
  className
}: {
  legend: string
  children: ReactNode
  className?: string
}) {
  return (
    <fieldset className={`fieldset ${className ?? ''}`}>
      <legend>{legend}</legend>
      {children}
    </fieldset>
  )
}

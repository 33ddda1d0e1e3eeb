/**
 * Labelled form controls that show the error main reported for their path: the message sits next
 * to the input, linked by aria-describedby, and the input is aria-invalid. `FieldRow` is the one
 * row every control of the profile form sits in (label, control, hint, field error, the aria
 * wiring); the controls below are the shapes the form repeats.
 */
import { createContext, useContext, type ReactNode } from 'react'
import type { FieldError } from '@shared/errors'
import { fieldErrorText } from '../../i18n'
import { fieldId } from './profileDraft'

export interface FieldErrors {
  errors: Record<string, FieldError>
  clear(path: string): void
}

export const FieldErrorsContext = createContext<FieldErrors>({ errors: {}, clear: () => undefined })

/** What a row gives its control: its id and the aria attributes that point at the hint and the error. */
export interface ControlProps {
  id: string
  'aria-invalid'?: true
  'aria-describedby'?: string
}

function describedBy(...ids: Array<string | false | undefined>): string | undefined {
  const list = ids.filter(Boolean)
  return list.length ? list.join(' ') : undefined
}

/**
 * One labelled control. With `path` (the error path main reports) the row shows that field's
 * error and the control is given `clear` to call when the user edits it; without one, `id` names
 * the control (a value kept outside the profile, like a password).
 */
export function FieldRow({
  path,
  id: givenId,
  label,
  hint,
  after,
  className,
  children
}: {
  path?: string
  id?: string
  label: ReactNode
  hint?: ReactNode
  /** Shown under the hint (a button that acts on the field). */
  after?: ReactNode
  className?: string
  children: (control: ControlProps, clearError: () => void) => ReactNode
}) {
  const ctx = useContext(FieldErrorsContext)
  const id = givenId ?? fieldId(path ?? '')
  const error = path ? ctx.errors[path] : undefined
  const errorId = `${id}-error`
  const hintId = `${id}-hint`
  const control: ControlProps = {
    id,
    ...(error ? { 'aria-invalid': true as const } : {}),
    'aria-describedby': describedBy(error && errorId, Boolean(hint) && hintId)
  }
  return (
    <div className={className ? `field ${className}` : 'field'}>
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      {children(control, () => path && ctx.clear(path))}
      {hint && (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      )}
      {after}
      {error && (
        <p id={errorId} className="field-error">
          {fieldErrorText(error)}
        </p>
      )}
    </div>
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
  return (
    <FieldRow path={path} label={label} hint={hint} className={className}>
      {(control, clear) => (
        <input
          {...control}
          // Numbers stay type="text": a number input would throw away what does not parse, and the
          // user must see exactly what was rejected.
          type={type === 'number' ? 'text' : type}
          inputMode={type === 'number' ? 'numeric' : inputMode}
          value={value}
          placeholder={placeholder}
          spellCheck={false}
          autoComplete="off"
          onChange={(e) => {
            clear()
            onChange(e.target.value)
          }}
        />
      )}
    </FieldRow>
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
  return (
    <FieldRow path={path} label={label}>
      {(control, clear) => (
        <select
          {...control}
          value={value}
          onChange={(e) => {
            clear()
            onChange(e.target.value as V)
          }}
        >
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </FieldRow>
  )
}

/** A multi-line text (the system prompt) that reports errors like the other fields. */
export function TextAreaField({
  path,
  label,
  value,
  onChange,
  className,
  inputClassName,
  rows
}: {
  path: string
  label: string
  value: string
  onChange: (value: string) => void
  className?: string
  inputClassName?: string
  rows?: number
}) {
  return (
    <FieldRow path={path} label={label} className={className}>
      {(control, clear) => (
        <textarea
          {...control}
          className={inputClassName}
          rows={rows}
          value={value}
          onChange={(e) => {
            clear()
            onChange(e.target.value)
          }}
        />
      )}
    </FieldRow>
  )
}

/**
 * A secret typed here and kept apart from the profile (an API key, a proxy or SSH password): never
 * shown again; the hint says whether one is stored, and "forget" removes the stored one.
 */
export function SecretField({
  id,
  label,
  value,
  onChange,
  hint,
  storedHint,
  onForget,
  forgetLabel,
  className
}: {
  id: string
  label: string
  value: string
  onChange: (value: string) => void
  hint: string
  /** Said before the hint when a value is stored. */
  storedHint?: string
  /** Offered (with `forgetLabel`) when a value is stored. */
  onForget?: () => void
  forgetLabel?: string
  className?: string
}) {
  return (
    <FieldRow
      id={id}
      label={label}
      hint={storedHint ? `${storedHint} ${hint}` : hint}
      className={className}
      after={
        onForget && (
          <button type="button" className="btn btn-small btn-danger-ghost" onClick={onForget}>
            {forgetLabel}
          </button>
        )
      }
    >
      {(control) => (
        <input
          {...control}
          type="password"
          autoComplete="off"
          value={value}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </FieldRow>
  )
}

/** A checkbox with its label. */
export function CheckField({
  label,
  checked,
  onChange,
  className
}: {
  label: string
  checked: boolean
  onChange: (checked: boolean) => void
  className?: string
}) {
  return (
    <label className={className ? `check ${className}` : 'check'}>
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} />
      <span>{label}</span>
    </label>
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

/** What every section of the profile form gets, and the pieces they share. */
import type { ParseKeys } from 'i18next'
import { useTranslation } from 'react-i18next'
import { TextField } from '../fields'
import type { AuthMethod, ProfileFormState } from '../profileDraft'

export interface SectionProps {
  form: ProfileFormState
  /** Lay these values over the form. */
  patch: (values: Partial<ProfileFormState>) => void
}

/** The SSH login methods, for the SSH server and the jump host. */
export function useAuthOptions(): Array<{ value: AuthMethod; label: string }> {
  const { t } = useTranslation()
  return [
    { value: 'key', label: t('profile.authKey') },
    { value: 'agent', label: t('profile.authAgent') },
    { value: 'password', label: t('profile.authPassword') }
  ]
}

type TextKey = {
  [K in keyof ProfileFormState]-?: ProfileFormState[K] extends string ? K : never
}[keyof ProfileFormState]

/** One text field per entry: the form's key, the error path main reports, the label's i18n key. */
export type TextFieldSpec = readonly [key: TextKey, path: string, label: ParseKeys]

/** A run of plain text (or number) fields of the form, in order. */
export function TextFields({
  form,
  patch,
  fields,
  type
}: SectionProps & { fields: readonly TextFieldSpec[]; type?: 'number' }) {
  const { t } = useTranslation()
  return (
    <>
      {fields.map(([key, path, label]) => (
        <TextField
          key={key}
          path={path}
          label={t(label)}
          type={type}
          value={form[key]}
          onChange={(v) => patch({ [key]: v })}
        />
      ))}
    </>
  )
}

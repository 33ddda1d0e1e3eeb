/**
 * What the profile form says when its profile changed elsewhere while it was open (the merge is
 * profileMerge.ts, the state useFollowedProfile): the fields both sides changed, each with both
 * values, and Keep mine / Take theirs; or that the profile was removed and Save makes it a new one.
 * Always on screen, empty, so what appears in it is announced.
 */
import { useTranslation } from 'react-i18next'
import type { TFunction } from 'i18next'
import { isSecretHeaderName } from '@shared/credentials'
import type { ProfileFormState } from './profileDraft'
import { fieldLabelKey } from './mergeFieldLabels'
import { fieldValue, type MergeField } from './profileMerge'

/** A field's value as a person reads it; credential header values are never shown. */
function shown(form: ProfileFormState, field: MergeField, t: TFunction): string {
  const value = fieldValue(form, field)
  if (field === 'kind') return t(value === 'tunnel' ? 'profile.tunnel' : 'profile.direct')
  if (typeof value === 'boolean') return t(value ? 'profileMerge.on' : 'profileMerge.off')
  if (Array.isArray(value)) {
    if (value.length === 0) return t('profileMerge.empty')
    return value
      .map((v) =>
        typeof v === 'string'
          ? v
          : `${v.name}: ${isSecretHeaderName(v.name) && v.value ? '••••' : v.value}`
      )
      .join(', ')
  }
  return value === '' ? t('profileMerge.empty') : value
}

export function ProfileChanges({
  name,
  form,
  theirs,
  conflicts,
  removed,
  onKeepMine,
  onTakeTheirs
}: {
  /** The profile as the person knows it: its name when the form was opened (it may be renamed since). */
  name: string
  form: ProfileFormState
  theirs: ProfileFormState
  conflicts: MergeField[]
  removed: boolean
  onKeepMine: () => void
  onTakeTheirs: () => void
}) {
  const { t } = useTranslation()
  return (
    <div className="form-changes" aria-live="polite">
      {removed ? (
        <section className="form-conflict" aria-labelledby="pf-removed-title">
          <p id="pf-removed-title" className="form-conflict-title">
            {t('profileMerge.removedTitle')}
          </p>
          <p>{t('profileMerge.removed', { name })}</p>
        </section>
      ) : (
        conflicts.length > 0 && (
          <section className="form-conflict" aria-labelledby="pf-conflict-title">
            <p id="pf-conflict-title" className="form-conflict-title">
              {t('profileMerge.conflictTitle')}
            </p>
            <p>{t('profileMerge.conflictBody', { name })}</p>
            <ul>
              {conflicts.map((field) => (
                <li key={field}>
                  <strong>{t(fieldLabelKey(field))}</strong>
                  {' — '}
                  {t('profileMerge.yours', { value: shown(form, field, t) })}
                  {' · '}
                  {t('profileMerge.theirs', { value: shown(theirs, field, t) })}
                </li>
              ))}
            </ul>
            <p className="field-hint">{t('profileMerge.conflictHint')}</p>
            <div className="inline">
              <button type="button" className="btn btn-small" onClick={onKeepMine}>
                {t('profileMerge.keepMine')}
              </button>
              <button type="button" className="btn btn-small" onClick={onTakeTheirs}>
                {t('profileMerge.takeTheirs')}
              </button>
            </div>
          </section>
        )
      )}
    </div>
  )
}

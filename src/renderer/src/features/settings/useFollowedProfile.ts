import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useAppStore } from '../../store'
import { selectProfileById } from '../../store/selectors'
import type { ProfileFormState } from './profileDraft'
import { fieldLabelKey } from './mergeFieldLabels'
import {
  followStored,
  openConflicts,
  saveRefused,
  sameProfile,
  startFollowing,
  takeTheirs
} from './profileMerge'

/**
 * The profile form's values, following its stored profile while the form is open (profileMerge.ts):
 * changes made elsewhere come in where the person changed nothing, with a brief notice; fields both
 * changed are conflicts to settle; a removed profile becomes one to save as new.
 */
export function useFollowedProfile(initial: ProfileFormState) {
  const { t } = useTranslation()
  const stored = useAppStore(selectProfileById(initial.id))
  // A save of this window in flight for this profile: the change it brings is the form's own.
  const ownSave = useAppStore((s) => !!initial.id && s.savingProfileId === initial.id)
  const [state, setState] = useState(() => startFollowing(initial, stored))
  // Adjusted while rendering (React's pattern for state that follows a prop or the store): the
  // form never shows a frame with the old values under a new stored profile.
  const next = followStored(state, stored, ownSave)
  if (next !== state) setState(next)

  // One brief notice per change taken in (a change in the language is not a new one).
  const { updated } = next
  // Named as when the form was opened: a rename elsewhere is one of the changes it tells of.
  const name = initial.name
  const told = useRef(0)
  useEffect(() => {
    if (!updated || updated.seq === told.current) return
    told.current = updated.seq
    useAppStore.getState().notify({
      tone: 'info',
      key: 'profileMerge.updated',
      params: { name, fields: updated.fields.map((f) => t(fieldLabelKey(f))).join(', ') }
    })
  }, [updated, name, t])

  return {
    form: next.form,
    /** The stored profile's form as last taken in: what the person's edits are measured from. */
    base: next.base,
    /** Fields changed here and elsewhere, still different. */
    conflicts: openConflicts(next.form, next.base, next.conflicts),
    removed: next.removed,
    /**
     * The stored profile changed since this render (read when called, after an await): what the
     * form held then is not what it holds now.
     */
    movedOn: () =>
      !!initial.id &&
      !next.removed &&
      !sameProfile(selectProfileById(initial.id)(useAppStore.getState()), next.base),
    setForm(update: (form: ProfileFormState) => ProfileFormState) {
      setState((s) => ({ ...s, form: update(s.form) }))
    },
    /** Main refused the save, the profile having changed elsewhere: take that change in now. */
    saveRefused() {
      setState(saveRefused)
    },
    keepMine() {
      setState((s) => ({ ...s, conflicts: [] }))
    },
    takeTheirs() {
      setState((s) => ({ ...s, form: takeTheirs(s.form, s.base, s.conflicts), conflicts: [] }))
    }
  }
}

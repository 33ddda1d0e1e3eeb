/**
 * The profile form and a profile that changes elsewhere while it is open (another window's
 * Settings, `kha-desktop profiles edit`, a certificate trusted in the connection check): a
 * three-way merge over the form's fields, pure, so the form component only shows its outcome.
 *
 *   base   the form as the stored profile was when the form took it in (opened, or last merged)
 *   mine   the form as the person has it now
 *   theirs the form of the profile as it is stored now
 *
 * A field the person did not change takes theirs silently (`updated`); a field both changed, to
 * different values, keeps the person's and is a `conflict` they settle (keep mine / take theirs).
 * Nothing typed is ever dropped. Values are compared as the form holds them (typed strings), so
 * `10` stored and `10` shown are the same.
 *
 * SCOPE: secrets are not in the form's state (nor in the profiles state it is built from): an API
 * key or proxy password typed in the form is kept apart by the component and is not merged.
 */
import type { ProfileDraft } from '@shared/profile'
import {
  draftFromForm,
  followPins,
  formFromDraft,
  type EndpointForm,
  type ProfileFormState
} from './profileDraft'

type EndpointKey = `${'ssh' | 'jump'}.${keyof EndpointForm}`
type PlainKey = Exclude<keyof ProfileFormState, 'id' | 'original' | 'ssh' | 'jump'>
/** One field of the form: a top-level value, or one part of the SSH or jump endpoint. */
export type MergeField = PlainKey | EndpointKey

const endpointKeys: Array<keyof EndpointForm> = ['host', 'port', 'username', 'auth', 'keyPath']

/** Fields that matter only in one connection kind (the other kind's inputs are not on screen). */
const directOnly: MergeField[] = ['url']
const tunnelOnly: MergeField[] = [
  ...endpointKeys.map((k) => `ssh.${k}` as const),
  ...endpointKeys.map((k) => `jump.${k}` as const),
  'useJump',
  'targetHost',
  'targetPort',
  'scheme',
  'keepaliveIntervalSec',
  'keepaliveCountMax',
  'localPort',
  'knownHostsPath',
  'allowLegacyAlgorithms'
]

/** Every field of the form, in the order the form shows them. */
export const mergeFields: readonly MergeField[] = [
  'name',
  'kind',
  ...directOnly,
  ...tunnelOnly,
  'method',
  'path',
  'messageField',
  'replyFormat',
  'replyField',
  'healthPath',
  'auth',
  'model',
  'systemPrompt',
  'attachmentLimit',
  'images',
  'historyMode',
  'historyTurns',
  'historyField',
  'historyIncludeCurrent',
  'roleField',
  'contentField',
  'userRole',
  'assistantRole',
  'systemRole',
  'headers',
  'extraParams',
  'caFile',
  'pinnedCertificates',
  'proxyMode',
  'proxyUrl',
  'proxyUser',
  'proxyBypass',
  'connectSec',
  'idleSec',
  'replyKiB',
  'eventKiB'
]

type FieldValue = ProfileFormState[PlainKey] | EndpointForm[keyof EndpointForm]

export function fieldValue(form: ProfileFormState, field: MergeField): FieldValue {
  const [head, part] = field.split('.') as [keyof ProfileFormState, (keyof EndpointForm)?]
  if (part) return (form[head] as EndpointForm)[part]
  return form[head as PlainKey]
}

function withField(form: ProfileFormState, field: MergeField, value: FieldValue): ProfileFormState {
  const [head, part] = field.split('.') as [keyof ProfileFormState, (keyof EndpointForm)?]
  if (part) return { ...form, [head]: { ...(form[head] as EndpointForm), [part]: value } }
  return { ...form, [head]: value }
}

/** The field holds the same value in both forms (rows and lists compared as a whole). */
export function sameField(a: ProfileFormState, b: ProfileFormState, field: MergeField): boolean {
  return JSON.stringify(fieldValue(a, field)) === JSON.stringify(fieldValue(b, field))
}

export interface FormMerge {
  /** The form to show: theirs where the person changed nothing, theirs' fields unknown to the form. */
  form: ProfileFormState
  /** Changed elsewhere and taken into the form (the person had not changed them). */
  updated: MergeField[]
  /** Changed here and elsewhere to different values: the person's value is kept, for them to settle. */
  conflicts: MergeField[]
}

export function mergeProfileForm(
  base: ProfileFormState,
  mine: ProfileFormState,
  theirs: ProfileFormState
): FormMerge {
  let form: ProfileFormState = { ...mine, original: theirs.original }
  const updated: MergeField[] = []
  const conflicts: MergeField[] = []
  for (const field of mergeFields) {
    if (sameField(base, theirs, field)) continue
    if (field === 'pinnedCertificates') {
      // Pins are a set that only trust decisions add to: both sides' additions and removals apply.
      form = {
        ...form,
        pinnedCertificates: followPins(
          mine.pinnedCertificates,
          base.pinnedCertificates,
          theirs.pinnedCertificates
        )
      }
      updated.push(field)
    } else if (sameField(base, mine, field)) {
      form = withField(form, field, fieldValue(theirs, field))
      updated.push(field)
    } else if (!sameField(mine, theirs, field)) conflicts.push(field)
  }
  // The connection kind switched elsewhere while the person edited the other kind's fields: taking
  // the new kind silently would hide what they typed, so it is theirs to decide.
  if (updated.includes('kind')) {
    const typedHere = (base.kind === 'direct' ? directOnly : tunnelOnly).some(
      (field) => !sameField(base, mine, field)
    )
    if (typedHere) {
      form = { ...form, kind: mine.kind }
      updated.splice(updated.indexOf('kind'), 1)
      conflicts.unshift('kind')
    }
  }
  return { form, updated, conflicts }
}

/** The conflicts still open after the form moved on: a field the person set to theirs is settled. */
export function openConflicts(
  form: ProfileFormState,
  theirs: ProfileFormState,
  conflicts: readonly MergeField[]
): MergeField[] {
  return conflicts.filter((field) => !sameField(form, theirs, field))
}

/** "Take theirs": the conflicting fields get the stored profile's values. */
export function takeTheirs(
  form: ProfileFormState,
  theirs: ProfileFormState,
  fields: readonly MergeField[]
): ProfileFormState {
  return fields.reduce((f, field) => withField(f, field, fieldValue(theirs, field)), form)
}

/**
 * The form of a stored profile, built the way `base` was: the tunnel fields of a direct profile
 * come from the form's own (so they do not look changed elsewhere just because the defaults of a
 * template differ from the fallbacks of an empty one).
 */
export function theirsForm(stored: ProfileDraft, base: ProfileFormState): ProfileFormState {
  const tunnelDefaults = draftFromForm({ ...base, kind: 'tunnel' }).connection
  return formFromDraft(stored, tunnelDefaults as ProfileDraft['connection'])
}

/** The form saved as a new profile (its profile was removed elsewhere): no id, so main makes one. */
export function asNewProfile(form: ProfileFormState): ProfileFormState {
  const { id: _id, ...rest } = form
  const { id: _originalId, ...original } = form.original
  return { ...rest, original }
}

/** What the form knows of its stored profile while it is open (useFollowedProfile keeps it). */
export interface FollowState {
  form: ProfileFormState
  /** The stored profile's form as last taken in: what "changed here" and "elsewhere" are measured from. */
  base: ProfileFormState
  /** The stored profile last looked at (by identity: the store replaces it when anything changes). */
  stored: ProfileDraft | undefined
  /** The profile was in the store while the form was open (so its absence means it was removed). */
  seen: boolean
  conflicts: MergeField[]
  removed: boolean
  /** The last change taken in silently, for a brief notice; `seq` tells one change from the next. */
  updated: { fields: MergeField[]; seq: number } | null
  /** The base before a change taken in as this form's own save, until that save is answered. */
  beforeSave?: ProfileFormState
}

export function startFollowing(
  initial: ProfileFormState,
  stored: ProfileDraft | undefined
): FollowState {
  // Adopted as seen only when it is the profile the form was opened with: a newer one is merged.
  return {
    form: initial,
    base: initial,
    stored: undefined,
    seen: false,
    conflicts: [],
    removed: false,
    updated: null,
    ...(stored && sameProfile(stored, initial) ? { stored, seen: true } : {})
  }
}

/** The stored profile is the one the form was built from (content, not identity). */
export const sameProfile = (stored: ProfileDraft | undefined, form: ProfileFormState) =>
  JSON.stringify(stored) === JSON.stringify(form.original)

/**
 * The form after the stored profile became `stored`. `ownSave`: this form's save is in flight, and
 * a change now is most likely that save landing (its answer arrives before the form closes): it
 * becomes the base without a merge, the base before it kept in `beforeSave` in case main refuses
 * the save (`saveRefused`), when it was a change made elsewhere after all.
 */
export function followStored(
  s: FollowState,
  stored: ProfileDraft | undefined,
  ownSave = false
): FollowState {
  if (stored === s.stored || s.removed) return s
  if (!stored) {
    if (!s.seen) return { ...s, stored }
    // Removed elsewhere: everything typed stays, and Save makes it a new profile.
    return {
      ...s,
      stored,
      removed: true,
      conflicts: [],
      form: asNewProfile(s.form),
      base: asNewProfile(s.base)
    }
  }
  if (sameProfile(stored, s.base)) return { ...s, stored, seen: true }
  const theirs = theirsForm(stored, s.base)
  if (ownSave) return { ...s, stored, seen: true, base: theirs, beforeSave: s.beforeSave ?? s.base }
  return { ...mergeIn(s, s.base, theirs), stored, seen: true }
}

/**
 * Main refused this form's save (`profile.changed`): the change taken in while it was in flight
 * was made elsewhere, so it is merged now, as it would have been had no save been running.
 */
export function saveRefused(s: FollowState): FollowState {
  if (!s.beforeSave || s.removed) return s
  return mergeIn(s, s.beforeSave, s.base)
}

function mergeIn(s: FollowState, base: ProfileFormState, theirs: ProfileFormState): FollowState {
  const merged = mergeProfileForm(base, s.form, theirs)
  const conflicts = [
    ...openConflicts(merged.form, theirs, s.conflicts).filter((f) => !merged.conflicts.includes(f)),
    ...merged.conflicts
  ]
  return {
    ...s,
    base: theirs,
    beforeSave: undefined,
    form: merged.form,
    conflicts,
    // A certificate pinned alone is no news: the person trusted it themselves, in the connection
    // check over this form (it is also listed when it comes with other changes).
    updated: merged.updated.some((f) => f !== 'pinnedCertificates')
      ? { fields: merged.updated, seq: (s.updated?.seq ?? 0) + 1 }
      : s.updated
  }
}

import { describe, expect, it } from 'vitest'
import { defaultTunnelConnection, ProfileSchema, type Profile } from '@shared/profile'
import { directProfile } from '../../test/profiles'
import { formFromDraft, type ProfileFormState } from './profileDraft'
import {
  asNewProfile,
  followStored,
  mergeFields,
  mergeProfileForm,
  openConflicts,
  saveRefused,
  startFollowing,
  takeTheirs,
  theirsForm,
  type FollowState
} from './profileMerge'

const stored: Profile = directProfile
const pin = 'AA:'.repeat(31) + 'AA'
/** The profile as another process saved it: `patch` laid over the stored one, as the core stores it. */
const elsewhere = (patch: Record<string, unknown>): Profile =>
  ProfileSchema.parse({ ...stored, ...patch })
const base = formFromDraft(stored)
/** An SSH tunnel to `host` (main's tunnel defaults otherwise). */
const tunnelTo = (host: string) => ({
  ...defaultTunnelConnection(),
  ssh: { ...defaultTunnelConnection().ssh, host, username: 'dev' }
})
const edit = (values: Partial<ProfileFormState>) => ({ ...base, ...values })
/** The name and the URL, changed both in the form and elsewhere, each to its own value. */
const bothChanged = {
  mine: edit({ url: 'http://127.0.0.1:8031', name: 'Typed here' }),
  theirs: theirsForm(
    elsewhere({
      name: 'Renamed elsewhere',
      connection: { kind: 'direct', url: 'http://127.0.0.1:8032' }
    }),
    base
  )
}

describe('mergeProfileForm (base, mine, theirs)', () => {
  it('takes a field changed elsewhere that the person did not touch, and keeps what they typed', () => {
    const mine = edit({ name: 'Typed here' })
    const theirs = theirsForm(elsewhere({ timeouts: { connectSec: 3, idleSec: 42 } }), base)
    const merged = mergeProfileForm(base, mine, theirs)
    expect(merged.form).toMatchObject({ name: 'Typed here', connectSec: '3', idleSec: '42' })
    expect(merged.updated).toEqual(['connectSec', 'idleSec'])
    expect(merged.conflicts).toEqual([])
  })

  it('names a field changed here and elsewhere as a conflict and keeps the person’s value', () => {
    const { mine, theirs } = bothChanged
    const merged = mergeProfileForm(base, mine, theirs)
    expect(merged.conflicts).toEqual(['name', 'url'])
    expect(merged.updated).toEqual([])
    expect(merged.form).toMatchObject({ name: 'Typed here', url: 'http://127.0.0.1:8031' })
  })

  it('is no conflict when both sides made the same change', () => {
    const mine = edit({ idleSec: '42' })
    const theirs = theirsForm(elsewhere({ timeouts: { ...stored.timeouts, idleSec: 42 } }), base)
    expect(mergeProfileForm(base, mine, theirs)).toMatchObject({
      updated: [],
      conflicts: [],
      form: { idleSec: '42' }
    })
  })

  it('treats a header list as one field, and a field of the SSH endpoint as its own', () => {
    const tunnel = elsewhere({ connection: tunnelTo('b') })
    const b = formFromDraft(tunnel)
    const mine = {
      ...b,
      headers: [{ name: 'X-Team', value: 'mine' }],
      ssh: { ...b.ssh, port: '2222' }
    }
    const theirs = theirsForm(
      elsewhere({
        connection: tunnelTo('c'),
        contract: { ...tunnel.contract, headers: [{ name: 'X-Team', value: 'theirs' }] }
      }),
      b
    )
    const merged = mergeProfileForm(b, mine, theirs)
    expect(merged.updated).toEqual(['ssh.host'])
    expect(merged.conflicts).toEqual(['headers'])
    expect(merged.form.ssh).toMatchObject({ host: 'c', port: '2222' })
    expect(merged.form.headers).toEqual([{ name: 'X-Team', value: 'mine' }])
  })

  it('merges trusted certificates as a set: additions on both sides stay, never a conflict', () => {
    const b = edit({ pinnedCertificates: ['AA'] })
    const mine = { ...b, pinnedCertificates: [] }
    const theirs = { ...b, pinnedCertificates: ['AA', 'BB'] }
    expect(mergeProfileForm(b, mine, theirs)).toMatchObject({
      form: { pinnedCertificates: ['BB'] },
      updated: ['pinnedCertificates'],
      conflicts: []
    })
  })

  it('lets the person decide when the connection kind switched elsewhere while they edited the old kind’s fields', () => {
    const tunnel = elsewhere({ connection: tunnelTo('b') })
    const theirs = theirsForm(tunnel, base)
    // Untouched: the new kind and its fields come in silently.
    expect(mergeProfileForm(base, edit({ name: 'x' }), theirs)).toMatchObject({
      form: { kind: 'tunnel' },
      conflicts: []
    })
    // The URL was being edited: the form stays direct, with the kind as a conflict.
    const merged = mergeProfileForm(base, edit({ url: 'http://127.0.0.1:8031' }), theirs)
    expect(merged.form).toMatchObject({ kind: 'direct', url: 'http://127.0.0.1:8031' })
    expect(merged.conflicts).toEqual(['kind'])
    expect(merged.updated).not.toContain('kind')
  })

  it('takes the fields the form does not know from theirs (laid under the form on save)', () => {
    const theirs = theirsForm(
      { ...elsewhere({ name: 'x' }), futureField: 1 } as unknown as Profile,
      base
    )
    expect(mergeProfileForm(base, base, theirs).form.original).toMatchObject({ futureField: 1 })
  })

  it('sees no change in the tunnel fields of a direct profile whose form was built from a template', () => {
    const opened = formFromDraft(stored, {
      ...defaultTunnelConnection(),
      ssh: { ...defaultTunnelConnection().ssh, host: 'from the template' }
    })
    const theirs = theirsForm(elsewhere({ name: 'Renamed' }), opened)
    expect(mergeProfileForm(opened, opened, theirs).updated).toEqual(['name'])
  })

  it('covers every field of the form', () => {
    const flat = Object.entries(formFromDraft(elsewhere({ connection: tunnelTo('b') })))
      .filter(([key]) => key !== 'id' && key !== 'original')
      .flatMap(([key, value]) =>
        key === 'ssh' || key === 'jump'
          ? Object.keys(value as object).map((part) => `${key}.${part}`)
          : [key]
      )
    expect([...mergeFields].sort()).toEqual(flat.sort())
  })
})

describe('settling conflicts', () => {
  const { mine, theirs } = bothChanged

  it('take theirs sets the conflicting fields only', () => {
    const taken = takeTheirs({ ...mine, idleSec: '99' }, theirs, ['name'])
    expect(taken).toMatchObject({
      name: 'Renamed elsewhere',
      url: 'http://127.0.0.1:8031',
      idleSec: '99'
    })
  })

  it('a conflict the person settles by typing theirs is no longer open', () => {
    expect(openConflicts({ ...mine, name: 'Renamed elsewhere' }, theirs, ['name', 'url'])).toEqual([
      'url'
    ])
  })
})

describe('following the stored profile while the form is open', () => {
  const start = (): FollowState => startFollowing(base, stored)
  const typed = (s: FollowState, values: Partial<ProfileFormState>): FollowState => ({
    ...s,
    form: { ...s.form, ...values }
  })

  it('starts from the profile the form was opened with', () => {
    expect(start()).toMatchObject({
      stored,
      seen: true,
      conflicts: [],
      removed: false,
      updated: null
    })
    // The same content in a new object (the store sent the list again): nothing to merge.
    const again = followStored(start(), { ...stored })
    expect(again).toMatchObject({ form: base, base, updated: null })
  })

  it('takes each change elsewhere in, and counts the notices', () => {
    const first = followStored(
      typed(start(), { name: 'Typed' }),
      elsewhere({ timeouts: { connectSec: 3, idleSec: 60 } })
    )
    expect(first.updated).toEqual({ fields: ['connectSec'], seq: 1 })
    expect(first.form).toMatchObject({ name: 'Typed', connectSec: '3' })
    const second = followStored(first, elsewhere({ timeouts: { connectSec: 4, idleSec: 60 } }))
    expect(second.updated).toEqual({ fields: ['connectSec'], seq: 2 })
    expect(second.form.connectSec).toBe('4')
  })

  it('takes a certificate pinned alone in without a notice (the person trusted it over the form)', () => {
    const after = followStored(
      start(),
      elsewhere({ tls: { ...stored.tls, pinnedCertificates: [pin] } })
    )
    expect(after.form.pinnedCertificates).toEqual([pin])
    expect(after.updated).toBeNull()
  })

  it('keeps a conflict open across later changes until settled', () => {
    const first = followStored(typed(start(), { name: 'Typed' }), elsewhere({ name: 'Theirs 1' }))
    expect(first.conflicts).toEqual(['name'])
    const second = followStored(
      first,
      elsewhere({ name: 'Theirs 1', timeouts: { connectSec: 3, idleSec: 60 } })
    )
    expect(second.conflicts).toEqual(['name'])
    expect(second.form.name).toBe('Typed')
  })

  it('a change taken in as the form’s own save is merged after all when main refuses that save', () => {
    const mine = typed(start(), { name: 'Typed' })
    const during = followStored(mine, elsewhere({ timeouts: { connectSec: 3, idleSec: 60 } }), true)
    expect(during.form.connectSec).toBe('10')
    const refused = saveRefused(during)
    expect(refused.form).toMatchObject({ name: 'Typed', connectSec: '3' })
    expect(refused.updated).toEqual({ fields: ['connectSec'], seq: 1 })
    expect(refused.beforeSave).toBeUndefined()
    // Nothing to do when no change came during the save.
    expect(saveRefused(mine)).toBe(mine)
  })

  it('takes the form’s own save in as the new base, without a notice', () => {
    const mine = typed(start(), { name: 'Saved here' })
    const after = followStored(mine, elsewhere({ name: 'Saved here' }), true)
    expect(after).toMatchObject({ updated: null, conflicts: [], base: { name: 'Saved here' } })
  })

  it('a removed profile keeps everything typed, without its id, to save as a new one', () => {
    const after = followStored(typed(start(), { name: 'Typed' }), undefined)
    expect(after.removed).toBe(true)
    expect(after.form).toMatchObject({ name: 'Typed' })
    expect(after.form.id).toBeUndefined()
    expect(after.form.original.id).toBeUndefined()
    expect(asNewProfile(base).original).not.toHaveProperty('id')
  })

  it('a profile the store has not listed yet is not taken for removed', () => {
    const s = startFollowing(base, undefined)
    expect(followStored(s, undefined).removed).toBe(false)
    expect(followStored(followStored(s, stored), undefined).removed).toBe(true)
  })
})

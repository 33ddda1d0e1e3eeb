/**
 * The profile form open in Settings while its profile changes elsewhere: another window on the
 * same core saves or removes it (`profiles:save`/`profiles:remove` on the real core, whose
 * `profiles:changed` reaches this window as it would in the app). What the person typed is never
 * lost; a field only the other side changed comes in; a field both changed is theirs to settle.
 */
import { beforeEach, describe, expect, it } from 'vitest'
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import type { Profile } from '@shared/profile'
import { Toasts } from '../../components/Toasts'
import { applyLanguage } from '../../i18n'
import { useAppStore } from '../../store'
import {
  addProfile,
  answered,
  coreForEachTest,
  directDraft,
  ok,
  wireEvents
} from '../../test/realCore'
import { SettingsView } from './SettingsView'

describe('the profile form while its profile changes elsewhere', () => {
  const core = coreForEachTest()
  let profile: Profile
  let unwire: () => void
  beforeEach(async () => {
    await applyLanguage('en')
    profile = await addProfile(core, directDraft({ name: 'Team server' }))
    unwire = wireEvents(core.api, useAppStore)
    await act(() => useAppStore.getState().boot())
    render(
      <>
        <SettingsView />
        <Toasts />
      </>
    )
    fireEvent.click(await screen.findByLabelText('Edit Team server'))
    await screen.findByRole('form', { name: 'Edit profile' })
  })

  const form = () => screen.getByRole('form', { name: 'Edit profile' })
  const input = (label: string) => within(form()).getByLabelText(label) as HTMLInputElement
  const type = (label: string, value: string) =>
    fireEvent.change(input(label), { target: { value } })
  /** Another window saves the profile with `patch` laid over it as stored now. */
  const savedElsewhere = async (patch: (p: Profile) => Partial<Profile>) => {
    const [now] = (await core.ok('profiles:list')).profiles
    await core.ok('profiles:save', { draft: { ...now!, ...patch(now!) } })
  }
  /** The question about fields changed here and elsewhere: null while there is none… */
  const conflictRegion = () => screen.queryByRole('region', { name: 'Changed here and elsewhere' })
  /** …and once it appears. */
  const conflictShown = () =>
    screen.findByRole('region', { name: 'Changed here and elsewhere' }, answered)
  const stored = async () => (await core.ok('profiles:list')).profiles
  const save = async (name = 'Save') => {
    await act(async () => {
      fireEvent.click(within(form()).getByRole('button', { name }))
    })
  }

  it('takes a field changed elsewhere, says so briefly, and Save keeps both changes', async () => {
    type('Name', 'Typed here')
    await savedElsewhere((p) => ({ timeouts: { ...p.timeouts, idleSec: 42 } }))

    await waitFor(() => expect(input('Idle timeout (s)').value).toBe('42'), answered)
    expect(input('Name').value).toBe('Typed here')
    expect((await screen.findByRole('status')).textContent).toContain(
      '“Team server” was changed elsewhere (another window or the command line): Idle timeout (s).'
    )
    expect(conflictRegion()).toBeNull()

    await save()
    await screen.findByLabelText('Edit Typed here')
    expect((await stored()).map((p) => [p.id, p.name, p.timeouts.idleSec])).toEqual([
      [profile.id, 'Typed here', 42]
    ])
  })

  it('names a field changed here and elsewhere, keeps what was typed, and takes theirs on request', async () => {
    type('Name', 'Mine')
    type('Idle timeout (s)', '90')
    await savedElsewhere(() => ({ name: 'Theirs' }))

    const conflict = await conflictShown()
    expect(conflict.textContent).toContain('Name — yours: Mine · elsewhere: Theirs')
    expect(input('Name').value).toBe('Mine')
    // In Korean too.
    await act(() => applyLanguage('ko'))
    expect(
      screen.getByRole('region', { name: '여기와 다른 곳에서 모두 바뀐 항목' }).textContent
    ).toContain('이름 — 내 값: Mine · 다른 곳의 값: Theirs')
    await act(() => applyLanguage('en'))

    fireEvent.click(within(conflict).getByRole('button', { name: 'Take theirs' }))
    expect(input('Name').value).toBe('Theirs')
    expect(input('Idle timeout (s)').value).toBe('90')
    expect(conflictRegion()).toBeNull()
    await save()
    await screen.findByLabelText('Edit Theirs')
    expect((await stored()).map((p) => [p.name, p.timeouts.idleSec])).toEqual([['Theirs', 90]])
  })

  it('keep mine closes the question and Save writes the person’s value over theirs', async () => {
    type('Name', 'Mine')
    await savedElsewhere(() => ({ name: 'Theirs' }))
    const conflict = await conflictShown()
    fireEvent.click(within(conflict).getByRole('button', { name: 'Keep mine' }))
    expect(conflictRegion()).toBeNull()
    expect(input('Name').value).toBe('Mine')
    await save()
    await screen.findByLabelText('Edit Mine')
    expect((await stored()).map((p) => p.name)).toEqual(['Mine'])
  })

  it('a change elsewhere while Save checks a new address stops the save, so it cannot undo that change', async () => {
    // Stood in: the check, which here is the moment another window saves (a real check of a
    // loopback address ends before a test could act in the middle of it).
    let elsewhereDone = false
    core.stand('profiles:detect', async () => {
      if (!elsewhereDone) {
        elsewhereDone = true
        await savedElsewhere((p) => ({ timeouts: { ...p.timeouts, idleSec: 42 } }))
      }
      return ok({
        profileId: profile.id,
        profileName: profile.name,
        startedAt: new Date().toISOString(),
        ms: 1,
        ok: true,
        steps: []
      })
    })
    type('Backend URL', 'http://127.0.0.1:8031')
    await save()
    await waitFor(() => expect(input('Idle timeout (s)').value).toBe('42'), answered)
    // The check is over (the button says Save again, not Checking…) and nothing was saved.
    await waitFor(
      () =>
        expect(
          (within(form()).getByRole('button', { name: 'Save' }) as HTMLButtonElement).disabled
        ).toBe(false),
      answered
    )
    expect((await stored())[0]!.connection).toEqual(profile.connection)
    expect(input('Backend URL').value).toBe('http://127.0.0.1:8031')

    // Saved again, with both changes.
    await save()
    await screen.findByLabelText('Edit Team server')
    const [now] = await stored()
    expect([now!.connection, now!.timeouts.idleSec]).toEqual([
      { kind: 'direct', url: 'http://127.0.0.1:8031' },
      42
    ])
  })

  it('a change elsewhere that has not reached the window when Save is pressed: main refuses the save, and the form takes the change in', async () => {
    type('Name', 'Typed here')
    // The other window's save lands in main, and this window has not heard of it yet.
    unwire()
    await savedElsewhere((p) => ({ timeouts: { ...p.timeouts, idleSec: 42 } }))
    expect(input('Idle timeout (s)').value).toBe('60')
    unwire = wireEvents(core.api, useAppStore)

    await save()
    const alert = await within(form()).findByRole('alert', {}, answered)
    expect(alert.textContent).toContain(
      'Not saved: this profile was changed elsewhere (another window or the command line) just before.'
    )
    expect(input('Idle timeout (s)').value).toBe('42')
    expect(input('Name').value).toBe('Typed here')
    expect((await stored()).map((p) => [p.name, p.timeouts.idleSec])).toEqual([['Team server', 42]])

    await save()
    await screen.findByLabelText('Edit Typed here')
    expect((await stored()).map((p) => [p.name, p.timeouts.idleSec])).toEqual([['Typed here', 42]])
  })

  it('a profile removed elsewhere keeps what was typed and is saved as a new profile', async () => {
    type('Name', 'Kept')
    await core.ok('profiles:remove', { id: profile.id })

    const removed = await screen.findByRole('region', { name: 'Removed elsewhere' }, answered)
    expect(removed.textContent).toContain('“Team server” was removed elsewhere')
    expect(input('Name').value).toBe('Kept')
    // A new profile is checked before it is saved; nothing listens at its address.
    await save('Save as new profile')
    const failure = await within(form()).findByRole('alert', {}, { timeout: 15_000 })
    await act(async () => {
      fireEvent.click(within(failure).getByRole('button', { name: 'Save anyway' }))
    })
    await screen.findByLabelText('Edit Kept')
    const [again] = await stored()
    expect(again).toMatchObject({ name: 'Kept', connection: profile.connection })
    expect(again!.id).not.toBe(profile.id)
  })
})

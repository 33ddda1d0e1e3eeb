/**
 * Settings checks a new profile, and an edited one whose connection changed, before saving it,
 * the way first start does: the form stays with the failed step and the reason, and "Save anyway"
 * still saves. A real core checks a loopback port nothing listens on (refused at once).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { applyLanguage } from '../../i18n'
import { useAppStore } from '../../store'
import { addProfile, directDraft, installCore, type RealCore } from '../../test/realCore'
import { SettingsView } from './SettingsView'

describe('Settings checks the connection before saving', () => {
  let core: RealCore
  beforeEach(async () => {
    await applyLanguage('en')
    core = await installCore()
    useAppStore.setState(useAppStore.getInitialState(), true)
  })
  afterEach(() => {
    cleanup()
    core.close()
  })

  const form = () => screen.getByRole('form', { name: /^(New profile|Edit profile)$/ })
  const profileNames = async () =>
    (await core.ok('profiles:list')).profiles.map((p) => p.name).sort()

  it('a new profile: stays with the reason when nothing answers; Save anyway saves it', async () => {
    render(<SettingsView />)
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'New profile' }))
    })
    await screen.findByRole('form', {}, { timeout: 5000 })
    fireEvent.change(within(form()).getByLabelText('Name'), { target: { value: 'Nowhere' } })
    fireEvent.change(within(form()).getByLabelText('Backend URL'), {
      target: { value: 'http://127.0.0.1:9' }
    })
    await act(async () => {
      fireEvent.click(within(form()).getByRole('button', { name: 'Save' }))
    })
    const failure = await within(form()).findByRole('alert', {}, { timeout: 15_000 })
    expect(failure.textContent).toContain('Could not connect: the step “TCP connection” failed.')
    // The error table's advice for it, as at first start.
    expect(failure.textContent).toContain('Check the connection')
    expect(core.callsTo('profiles:detect')[0]).toMatchObject({ detect: true })
    expect(await profileNames()).toEqual([])

    await act(async () => {
      fireEvent.click(within(failure).getByRole('button', { name: 'Save anyway' }))
    })
    await waitFor(() => expect(screen.queryByRole('form')).toBeNull())
    expect(await profileNames()).toEqual(['Nowhere'])
  })

  it('an edit: a new name saves at once; a new address is checked first, with its contract kept', async () => {
    await addProfile(core, directDraft({ name: 'Office' }))
    await useAppStore.getState().loadProfiles()
    render(<SettingsView />)
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Edit Office' }))
    })
    await screen.findByRole('form', {}, { timeout: 5000 })
    fireEvent.change(within(form()).getByLabelText('Name'), { target: { value: 'Office 2' } })
    await act(async () => {
      fireEvent.click(within(form()).getByRole('button', { name: 'Save' }))
    })
    await waitFor(() => expect(screen.queryByRole('form')).toBeNull())
    expect(await profileNames()).toEqual(['Office 2'])
    expect(core.callsTo('profiles:detect')).toEqual([])

    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Edit Office 2' }))
    })
    await screen.findByRole('form', {}, { timeout: 5000 })
    fireEvent.change(within(form()).getByLabelText('Backend URL'), {
      target: { value: 'http://127.0.0.1:7' }
    })
    await act(async () => {
      fireEvent.click(within(form()).getByRole('button', { name: 'Save' }))
    })
    const failure = await within(form()).findByRole('alert', {}, { timeout: 15_000 })
    expect(failure.textContent).toContain('Could not connect')
    // A saved profile is checked as it is: its contract is not replaced by a detected one.
    expect(core.callsTo('profiles:detect')[0]).toMatchObject({ detect: false })
    const stored = (await core.ok('profiles:list')).profiles[0]!
    expect(stored.connection).toMatchObject({ url: 'http://127.0.0.1:9' })
  })
})

/**
 * Settings checks a new profile, and an edited one whose connection changed, before saving it,
 * the way first start does: the form stays with the failed step and the reason, and "Save anyway"
 * still saves. A real core checks a loopback port nothing listens on (refused at once), or one
 * that accepts and never answers (the check shows each step as it finishes, and Stop ends it).
 */
import { beforeEach, describe, expect, inject, it } from 'vitest'
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { applyLanguage } from '../../i18n'
import { useAppStore } from '../../store'
import { addProfile, coreForEachTest, directDraft, wireEvents } from '../../test/realCore'
import { SettingsView } from './SettingsView'

describe('Settings checks the connection before saving', () => {
  const core = coreForEachTest()
  beforeEach(async () => {
    await applyLanguage('en')
  })

  const form = () => screen.getByRole('form', { name: /^(New profile|Edit profile)$/ })
  const profileNames = async () =>
    (await core.ok('profiles:list')).profiles.map((p) => p.name).sort()
  /** Settings' "New profile", with a name and an address, saved (which checks it first). */
  const saveNewProfile = async (name: string, url: string) => {
    render(<SettingsView />)
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'New profile' }))
    })
    await screen.findByRole('form', {}, { timeout: 5000 })
    fireEvent.change(within(form()).getByLabelText('Name'), { target: { value: name } })
    fireEvent.change(within(form()).getByLabelText('Backend URL'), { target: { value: url } })
    await act(async () => {
      fireEvent.click(within(form()).getByRole('button', { name: 'Save' }))
    })
  }

  it('a new profile: stays with the reason when nothing answers; Save anyway saves it', async () => {
    await saveNewProfile('Nowhere', 'http://127.0.0.1:9')
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

  it('shows each step as it finishes while the server stays silent, and Stop ends the check there', async () => {
    wireEvents(core.api, useAppStore)
    await saveNewProfile('Silent', inject('silentUrl'))
    const progress = await within(form()).findByRole('region', { name: 'Connection check so far' })
    // The server accepted the connection: that step is listed, passed, while the next one (finding
    // out the server type) still waits for an answer that never comes.
    const tcp = await within(progress).findByText('TCP connection', {}, { timeout: 10_000 })
    expect(tcp.closest('li')?.textContent).toContain('Passed')
    expect(within(progress).queryByText('Find out the server type')).toBeNull()
    expect(within(form()).queryByRole('alert')).toBeNull()

    await act(async () => {
      fireEvent.click(within(progress).getByRole('button', { name: 'Stop the check' }))
    })
    const failure = await within(form()).findByRole('alert', {}, { timeout: 5000 })
    expect(failure.textContent).toContain(
      'You stopped the check at “Find out the server type”. Nothing was saved.'
    )
    expect(failure.textContent).toContain('The request was stopped.')
    // No advice to check the network: nothing went wrong with it.
    expect(failure.textContent).not.toContain('company network')
    expect(within(form()).queryByRole('region', { name: 'Connection check so far' })).toBeNull()
    // The Stop named this check's run, and nothing was saved.
    const [detect] = core.callsTo('profiles:detect')
    expect(core.callsTo('connection:doctorStop')).toEqual([{ runId: detect!.runId }])
    expect(await profileNames()).toEqual([])
  })
})

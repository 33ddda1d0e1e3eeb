import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { applyLanguage } from '../i18n'
import type { AppError } from '@shared/errors'
import type { Profile } from '@shared/profile'
import { addProfile, coreForEachTest } from '../test/realCore'
import { directProfile } from '../test/profiles'
import { useAppStore } from '../store'
import { HeaderPickers } from '../features/connection/HeaderPickers'
import { SettingsView } from '../features/settings/SettingsView'
import { ErrorAdvice } from './ErrorAdvice'

const error = (code: AppError['code'], extra: Partial<AppError> = {}): AppError => ({
  code,
  message: code,
  ...extra
})

describe('ErrorAdvice: the error table’s “what to do” under a message', () => {
  const core = coreForEachTest()
  // Two profiles saved in a real core: the selected one, and the one an error is about.
  let selected: Profile
  let other: Profile
  beforeEach(async () => {
    await applyLanguage('en')
    const { id: _id, ...draft } = directProfile
    other = (await core.ok('profiles:save', { draft: { ...draft, name: 'Office server' } })).saved
    selected = await addProfile(core, draft)
    await useAppStore.getState().loadProfiles()
  })
  afterEach(async () => {
    await applyLanguage('en')
  })

  it('says what to do in the UI language, Korean first', async () => {
    await applyLanguage('ko')
    const { container } = render(<ErrorAdvice error={error('backend.stream_dropped')} />)
    expect(container.textContent).toBe('다시 시도해 주세요.')
    await act(() => applyLanguage('en'))
    expect(container.textContent).toBe('Try again.')
  })

  it('adds nothing for an error nobody can act on (a stop)', () => {
    const { container } = render(<ErrorAdvice error={error('backend.aborted')} />)
    expect(container.textContent).toBe('')
  })

  it('check connection: runs the connection check on the profile the error is about', async () => {
    render(<ErrorAdvice error={error('backend.refused')} profileId={other.id} />)
    expect(screen.getByText('Check the connection (Settings → Check connection).')).toBeTruthy()
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Check connection' }))
    })
    expect(useAppStore.getState().doctor).toMatchObject({ open: true, profileId: other.id })
    expect(core.callsTo('connection:doctor')).toEqual([
      expect.objectContaining({ profileId: other.id })
    ])
    // Main checks that profile: its report names it.
    await waitFor(() =>
      expect(useAppStore.getState().doctor.report?.profileName).toBe('Office server')
    )
  })

  it('a button the screen already shows next to the message is not added twice', () => {
    render(<ErrorAdvice error={error('backend.refused')} on={{ checkConnection: false }} />)
    expect(screen.getByText('Check the connection (Settings → Check connection).')).toBeTruthy()
    expect(screen.queryByRole('button')).toBeNull()
  })

  it('retry: a button only where the screen says how to retry', () => {
    const retry = vi.fn()
    const { rerender } = render(<ErrorAdvice error={error('store.io')} />)
    expect(screen.queryByRole('button')).toBeNull()
    rerender(<ErrorAdvice error={error('store.io')} on={{ retry }} />)
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }))
    expect(retry).toHaveBeenCalledTimes(1)
  })

  it('edit profile: opens Settings on that profile’s form', async () => {
    useAppStore.setState({ doctor: { ...useAppStore.getState().doctor, open: true } })
    render(
      <>
        <ErrorAdvice error={error('backend.bad_reply')} profileId={other.id} />
        <SettingsOnly />
      </>
    )
    expect(screen.getByText("Fix the profile's settings.")).toBeTruthy()
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Open profile settings' }))
    })
    // Settings shows, the check dialog is closed, and the form is that profile's, cursor in it.
    expect(useAppStore.getState().view).toBe('settings')
    expect(useAppStore.getState().doctor.open).toBe(false)
    const name = (await screen.findByLabelText('Name')) as HTMLInputElement
    expect(name.value).toBe('Office server')
    await waitFor(() => expect(document.activeElement).toBe(name))
  })

  it('enter secret: a rejected API key puts the cursor in the profile’s API key field', async () => {
    await core.ok('profiles:save', {
      draft: { ...selected, contract: { ...selected.contract, auth: 'bearer' } }
    })
    await useAppStore.getState().loadProfiles()
    render(
      <>
        <ErrorAdvice error={error('backend.unauthorized', { params: { status: 401 } })} />
        <SettingsOnly />
      </>
    )
    expect(screen.getByText('Enter the password or key again.')).toBeTruthy()
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Enter password or key' }))
    })
    const key = await screen.findByLabelText('API key')
    await waitFor(() => expect(document.activeElement).toBe(key))
  })

  it('enter secret: a tunnel waiting for its password shows that prompt again', () => {
    useAppStore.getState().applyConnection({
      profileId: selected.id,
      mode: 'tunnel',
      status: 'connecting',
      secretPrompt: { kind: 'password', host: 'serverb', retry: false }
    })
    useAppStore.getState().dismissPrompt('secret:password:serverb:false')
    render(<ErrorAdvice error={error('ssh.secret_needed')} />)
    fireEvent.click(screen.getByRole('button', { name: 'Enter password or key' }))
    expect(useAppStore.getState().dismissedPrompt).toBeNull()
    expect(useAppStore.getState().view).toBe('chat')
  })

  it('choose profile: puts the cursor on the header’s profile picker', async () => {
    useAppStore.setState({ activeProfileId: null, view: 'settings' })
    render(
      <>
        <ErrorAdvice error={error('profile.none_selected')} />
        <HeaderPickers />
      </>
    )
    fireEvent.click(screen.getByRole('button', { name: 'Choose a profile' }))
    expect(useAppStore.getState().view).toBe('chat')
    await waitFor(() =>
      expect(document.activeElement).toBe(
        screen.getByRole('combobox', { name: 'Connection profile' })
      )
    )
  })
})

/** Settings as App shows it: only while the view is Settings. */
function SettingsOnly() {
  const view = useAppStore((s) => s.view)
  return view === 'settings' ? <SettingsView /> : null
}

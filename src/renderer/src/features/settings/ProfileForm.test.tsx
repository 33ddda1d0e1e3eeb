import { describe, expect, it, vi } from 'vitest'
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import '../../i18n'
import { addProfile, coreForEachTest } from '../../test/realCore'
import { directProfile } from '../../test/profiles'
import { ProfileForm } from './ProfileForm'
import { formFromDraft } from './profileDraft'

describe('ProfileForm', () => {
  const core = coreForEachTest()
  const { id: _id, ...newDraft } = directProfile
  /** directProfile, saved by the core (which gives it its id). */
  const saved = () => addProfile(core, newDraft)
  const sentDrafts = () => core.callsTo('profiles:save').map((c) => c.draft)
  const stored = async () => (await core.ok('profiles:list')).profiles

  it('shows each field error next to its input and keeps what was typed', async () => {
    render(<ProfileForm initial={formFromDraft(newDraft)} title="New profile" onSaved={vi.fn()} />)
    const url = screen.getByLabelText('Backend URL') as HTMLInputElement
    fireEvent.change(url, { target: { value: 'localhost:8030' } })
    fireEvent.change(screen.getByLabelText('Idle timeout (s)'), { target: { value: '0' } })
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Save' }))
    })
    await waitFor(() => expect(url.getAttribute('aria-invalid')).toBe('true'))
    expect(url.value).toBe('localhost:8030')
    expect(await stored()).toEqual([])
    const described = document.getElementById(url.getAttribute('aria-describedby')!.split(' ')[0]!)
    expect(described?.textContent).toBe('Enter a full http:// or https:// URL.')
    expect(
      (screen.getByLabelText('Idle timeout (s)') as HTMLInputElement).getAttribute('aria-invalid')
    ).toBe('true')
    expect(screen.getByRole('alert').textContent).toContain('Some fields need attention.')
    // Editing the field clears its error.
    fireEvent.change(url, { target: { value: 'http://localhost:8030' } })
    expect(url.getAttribute('aria-invalid')).toBeNull()
  })

  it('saves, then stores the API key apart from the profile', async () => {
    const profile = await saved()
    const onSaved = vi.fn()
    render(<ProfileForm initial={formFromDraft(profile)} title="Edit profile" onSaved={onSaved} />)
    fireEvent.change(screen.getByLabelText('Backend authentication'), {
      target: { value: 'bearer' }
    })
    fireEvent.change(screen.getByLabelText('API key'), { target: { value: 'sk-secret' } })
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Save' }))
    })
    await waitFor(() => expect(onSaved).toHaveBeenCalled())
    expect(JSON.stringify(sentDrafts())).not.toContain('sk-secret')
    expect(JSON.stringify(await stored())).not.toContain('sk-secret')
    expect(core.callsTo('profiles:setApiKey')).toEqual([{ id: profile.id, value: 'sk-secret' }])
    expect((await core.ok('profiles:list')).withApiKey).toEqual([profile.id])
    expect((await stored())[0]!.contract.auth).toBe('bearer')
    expect(onSaved).toHaveBeenCalled()
  })

  it('shows the tunnel fields, all labelled, when SSH tunnel is chosen', () => {
    render(
      <ProfileForm initial={formFromDraft(directProfile)} title="Edit profile" onSaved={vi.fn()} />
    )
    fireEvent.click(screen.getByLabelText('SSH tunnel'))
    for (const label of [
      'SSH host',
      'SSH port',
      'SSH user',
      'Authentication',
      'Key file path',
      'Target host',
      'Target port',
      'Scheme',
      'Local port (optional)',
      'Keepalive interval (s)',
      'Keepalive max missed',
      'known_hosts file (optional)'
    ]) {
      expect(screen.getByLabelText(label), label).toBeTruthy()
    }
    fireEvent.click(screen.getByLabelText('Connect through a jump host'))
    for (const label of [
      'Jump host address',
      'Jump host port',
      'Jump host user',
      'Jump host authentication',
      'Jump host key file path'
    ]) {
      expect(screen.getByLabelText(label), label).toBeTruthy()
    }
    expect(screen.queryByLabelText('Backend URL')).toBeNull()
  })

  it('warns in plain words when legacy SSH algorithms are allowed, and saves the choice', async () => {
    const profile = await saved()
    const onSaved = vi.fn()
    render(<ProfileForm initial={formFromDraft(profile)} title="Edit profile" onSaved={onSaved} />)
    fireEvent.click(screen.getByLabelText('SSH tunnel'))
    fireEvent.change(screen.getByLabelText('SSH host'), { target: { value: 'old-router.corp' } })
    fireEvent.change(screen.getByLabelText('SSH user'), { target: { value: 'kim' } })
    expect(screen.queryByTestId('legacy-algorithms-warning')).toBeNull()
    fireEvent.click(screen.getByLabelText(/Allow legacy SSH algorithms/))
    expect(screen.getByTestId('legacy-algorithms-warning').textContent).toContain('SHA-1')
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Save' }))
    })
    await waitFor(() => expect(onSaved).toHaveBeenCalled())
    const [profileSaved] = await stored()
    expect(profileSaved!.connection).toMatchObject({ kind: 'tunnel', allowLegacyAlgorithms: true })
  })

  it('with verify, checks the draft first: a failure stays with the step, the reason and what to do; nothing is saved', async () => {
    // Nothing listens on the draft's port: the check fails at the TCP step.
    const draft = {
      ...newDraft,
      connection: { kind: 'direct' as const, url: 'http://127.0.0.1:9' }
    }
    render(
      <ProfileForm initial={formFromDraft(draft)} title="Create profile" verify onSaved={vi.fn()} />
    )
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Connect' }))
    })
    expect(core.callsTo('profiles:detect')).toEqual([expect.objectContaining({ detect: true })])
    const alert = await screen.findByRole('alert')
    expect(core.callsTo('profiles:save')).toEqual([])
    expect(await stored()).toEqual([])
    expect(alert.textContent).toContain('Could not connect: the step “TCP connection” failed.')
    expect(alert.textContent).toContain('company network')
  })

  it('shows the key file only for key login', () => {
    render(
      <ProfileForm initial={formFromDraft(directProfile)} title="Edit profile" onSaved={vi.fn()} />
    )
    fireEvent.click(screen.getByLabelText('SSH tunnel'))
    expect(screen.queryByLabelText('Key file path')).toBeTruthy()
    fireEvent.change(screen.getByLabelText('Authentication'), { target: { value: 'password' } })
    expect(screen.queryByLabelText('Key file path')).toBeNull()
  })
})

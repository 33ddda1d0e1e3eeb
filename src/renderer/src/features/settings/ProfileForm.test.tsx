import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react'
import '../../i18n'
import { directProfile, err, installFakeApi, ok, type FakeApi } from '../../test/fakeApi'
import { useAppStore } from '../../store'
import { ProfileForm } from './ProfileForm'
import { formFromDraft } from './profileDraft'

describe('ProfileForm', () => {
  let fake: FakeApi
  beforeEach(() => {
    fake = installFakeApi()
    useAppStore.setState(useAppStore.getInitialState(), true)
  })
  afterEach(cleanup)

  it('shows each field error next to its input and keeps what was typed', async () => {
    fake.fns['profiles:save']!.mockResolvedValueOnce(
      err('profile.invalid', {
        fields: [
          { field: 'connection.url', code: 'invalid_url' },
          { field: 'timeouts.idleSec', code: 'too_small' }
        ]
      })
    )
    const { id: _id, ...draft } = directProfile
    render(<ProfileForm initial={formFromDraft(draft)} title="New profile" onSaved={vi.fn()} />)
    const url = screen.getByLabelText('Backend URL') as HTMLInputElement
    fireEvent.change(url, { target: { value: 'localhost:8030' } })
    fireEvent.change(screen.getByLabelText('Idle timeout (s)'), { target: { value: '0' } })
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Save' }))
    })
    expect(url.value).toBe('localhost:8030')
    expect(url.getAttribute('aria-invalid')).toBe('true')
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
    fake.fns['profiles:setApiKey']!.mockResolvedValueOnce(
      ok({ profiles: [directProfile], activeId: 'p1', withApiKey: ['p1'] })
    )
    const onSaved = vi.fn()
    render(
      <ProfileForm initial={formFromDraft(directProfile)} title="Edit profile" onSaved={onSaved} />
    )
    fireEvent.change(screen.getByLabelText('Backend authentication'), {
      target: { value: 'bearer' }
    })
    fireEvent.change(screen.getByLabelText('API key'), { target: { value: 'sk-secret' } })
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Save' }))
    })
    const sent = fake.fns['profiles:save']!.mock.calls[0]![0] as { draft: Record<string, unknown> }
    expect(JSON.stringify(sent)).not.toContain('sk-secret')
    expect(fake.fns['profiles:setApiKey']).toHaveBeenCalledWith({ id: 'p1', value: 'sk-secret' })
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
    render(
      <ProfileForm initial={formFromDraft(directProfile)} title="Edit profile" onSaved={vi.fn()} />
    )
    fireEvent.click(screen.getByLabelText('SSH tunnel'))
    expect(screen.queryByTestId('legacy-algorithms-warning')).toBeNull()
    fireEvent.click(screen.getByLabelText(/Allow legacy SSH algorithms/))
    expect(screen.getByTestId('legacy-algorithms-warning').textContent).toContain('SHA-1')
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Save' }))
    })
    const sent = fake.fns['profiles:save']!.mock.calls[0]![0] as {
      draft: { connection: { allowLegacyAlgorithms: boolean } }
    }
    expect(sent.draft.connection.allowLegacyAlgorithms).toBe(true)
  })

  it('with verify, checks the draft first: a failure stays with the step, the reason and what to do; nothing is saved', async () => {
    fake.fns['profiles:detect']!.mockResolvedValueOnce(
      ok({
        profileId: 'draft',
        profileName: 'x',
        startedAt: new Date(0).toISOString(),
        ms: 3,
        ok: false,
        steps: [
          { id: 'resolve', status: 'ok', ms: 1 },
          {
            id: 'tcp',
            status: 'failed',
            ms: 1,
            error: {
              code: 'backend.refused',
              message: 'refused',
              params: { host: '10.0.0.9', port: 8000 }
            }
          },
          { id: 'detect', status: 'skipped', ms: 0 }
        ]
      })
    )
    const { id: _id, ...draft } = directProfile
    render(
      <ProfileForm initial={formFromDraft(draft)} title="Create profile" verify onSaved={vi.fn()} />
    )
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Connect' }))
    })
    expect(fake.fns['profiles:detect']).toHaveBeenCalledWith(
      expect.objectContaining({ detect: true })
    )
    expect(fake.fns['profiles:save']).not.toHaveBeenCalled()
    const alert = screen.getByRole('alert')
    expect(alert.textContent).toContain('Could not connect: the step “TCP connection” failed.')
    expect(alert.textContent).toContain('company network')
  })

  it('with verify, saves the contract of the server type found', async () => {
    fake.fns['profiles:detect']!.mockResolvedValueOnce(
      ok({
        profileId: 'draft',
        profileName: 'x',
        startedAt: new Date(0).toISOString(),
        ms: 3,
        ok: true,
        steps: [{ id: 'detect', status: 'ok', ms: 1 }],
        detected: {
          preset: 'kha_stream',
          contract: {
            ...directProfile.contract,
            method: 'POST',
            replyFormat: 'sse',
            replyField: 'delta'
          },
          models: []
        }
      })
    )
    fake.fns['profiles:save']!.mockResolvedValueOnce(ok(directProfile))
    const onSaved = vi.fn()
    const { id: _id, ...draft } = directProfile
    render(
      <ProfileForm
        initial={formFromDraft({
          ...draft,
          contract: { ...draft.contract, method: 'GET', replyFormat: 'json' }
        })}
        title="Create profile"
        verify
        onSaved={onSaved}
      />
    )
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Connect' }))
    })
    const sent = fake.fns['profiles:save']!.mock.calls[0]![0] as {
      draft: { contract: { method: string; replyFormat: string } }
    }
    expect(sent.draft.contract).toMatchObject({ method: 'POST', replyFormat: 'sse' })
    expect(onSaved).toHaveBeenCalled()
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

/**
 * The profile form's "HTTPS and proxy" fields: what the form sends on save (the CA file, the pins
 * left, the proxy), the proxy password going to the secret store after the profile is saved (never
 * in the draft), and a field error from main shown next to the proxy address.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react'
import { i18n } from '../../i18n'
import { useAppStore } from '../../store'
import { directProfile, err, installFakeApi, ok, type FakeApi } from '../../test/fakeApi'
import { ProfileForm } from './ProfileForm'
import { formFromDraft } from './profileDraft'

const pin = Array(32).fill('AB').join(':')
const pinned = {
  ...directProfile,
  connection: { kind: 'direct' as const, url: 'https://chat.corp.example' },
  tls: { caFile: '', pinnedCertificates: [pin] }
}

describe('HTTPS and proxy fields', () => {
  let fake: FakeApi
  beforeEach(async () => {
    fake = installFakeApi()
    useAppStore.setState(useAppStore.getInitialState(), true)
    await i18n.changeLanguage('en')
  })
  afterEach(cleanup)

  const save = async () => {
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Save' }))
    })
    return (fake.fns['profiles:save']!.mock.calls.at(-1)![0] as { draft: Record<string, unknown> })
      .draft
  }

  it('sends the CA file, the pins left and a manual proxy; the password goes to the secret store after the save', async () => {
    fake.fns['profiles:setProxyPassword']!.mockResolvedValue(
      ok({ profiles: [pinned], activeId: 'p1', withApiKey: [], withProxyPassword: ['p1'] })
    )
    render(<ProfileForm initial={formFromDraft(pinned)} title="Edit profile" onSaved={vi.fn()} />)

    fireEvent.change(screen.getByLabelText('Company CA file (PEM)'), {
      target: { value: '~/corp-root.pem' }
    })
    expect(screen.getByText(pin)).toBeTruthy()
    fireEvent.click(screen.getByRole('button', { name: `Remove ${pin}` }))
    expect(screen.queryByText(pin)).toBeNull()
    expect(screen.queryByLabelText('Proxy address')).toBeNull()
    fireEvent.change(screen.getByLabelText('Proxy'), { target: { value: 'manual' } })
    fireEvent.change(screen.getByLabelText('Proxy address'), {
      target: { value: 'http://proxy.corp:3128' }
    })
    fireEvent.change(screen.getByLabelText('Proxy user name'), { target: { value: 'kim' } })
    fireEvent.change(screen.getByLabelText('Proxy password'), { target: { value: 'pw-123' } })
    fireEvent.change(screen.getByLabelText('Go direct for (NO_PROXY syntax)'), {
      target: { value: '.corp.example' }
    })

    const draft = await save()
    expect(draft.tls).toEqual({ caFile: '~/corp-root.pem', pinnedCertificates: [] })
    expect(draft.proxy).toEqual({
      mode: 'manual',
      url: 'http://proxy.corp:3128',
      username: 'kim',
      bypass: '.corp.example'
    })
    expect(JSON.stringify(draft)).not.toContain('pw-123')
    expect(fake.fns['profiles:setProxyPassword']).toHaveBeenCalledWith({
      id: 'p1',
      value: 'pw-123'
    })
  })

  it('shows main’s error next to the proxy address', async () => {
    fake.fns['profiles:save']!.mockResolvedValueOnce(
      err('profile.invalid', { fields: [{ field: 'proxy.url', code: 'invalid_proxy_url' }] })
    )
    render(
      <ProfileForm
        initial={formFromDraft({
          ...directProfile,
          proxy: { mode: 'manual', url: 'socks5://p:1', username: '', bypass: '' }
        })}
        title="Edit"
        onSaved={vi.fn()}
      />
    )
    await save()
    const input = screen.getByLabelText('Proxy address')
    expect(input.getAttribute('aria-invalid')).toBe('true')
    expect(document.body.textContent).toContain('Enter the proxy as http://host:port')
  })
})

/**
 * The profile form's "HTTPS and proxy" fields: what the form sends on save (the CA file, the pins
 * left, the proxy), the proxy password going to the secret store after the profile is saved (never
 * in the draft), and a field error from main shown next to the proxy address.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { i18n } from '../../i18n'
import { addProfile, coreForEachTest } from '../../test/realCore'
import { directProfile } from '../../test/profiles'
import { ProfileForm } from './ProfileForm'
import { formFromDraft } from './profileDraft'

const pin = Array(32).fill('AB').join(':')
const { id: _id, ...newDraft } = directProfile
const pinned = {
  ...newDraft,
  connection: { kind: 'direct' as const, url: 'https://chat.corp.example' },
  tls: { caFile: '', pinnedCertificates: [pin] }
}

describe('HTTPS and proxy fields', () => {
  const core = coreForEachTest()
  beforeEach(async () => {
    await i18n.changeLanguage('en')
  })

  const save = async () => {
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Save' }))
    })
  }

  it('sends the CA file, the pins left and a manual proxy; the password goes to the secret store after the save', async () => {
    const profile = await addProfile(core, pinned)
    const onSaved = vi.fn()
    render(<ProfileForm initial={formFromDraft(profile)} title="Edit profile" onSaved={onSaved} />)

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

    await save()
    await waitFor(() => expect(onSaved).toHaveBeenCalled())
    const [draft] = (await core.ok('profiles:list')).profiles
    expect(draft!.tls).toEqual({ caFile: '~/corp-root.pem', pinnedCertificates: [] })
    expect(draft!.proxy).toEqual({
      mode: 'manual',
      url: 'http://proxy.corp:3128',
      username: 'kim',
      bypass: '.corp.example'
    })
    expect(JSON.stringify(core.callsTo('profiles:save'))).not.toContain('pw-123')
    expect(JSON.stringify(draft)).not.toContain('pw-123')
    // Only after the profile was saved (it must have the manual proxy to keep a password for).
    expect(core.calls.map((c) => c.channel).filter((c) => c.startsWith('profiles:s'))).toEqual([
      'profiles:save',
      'profiles:setProxyPassword'
    ])
    expect((await core.ok('profiles:list')).withProxyPassword).toEqual([profile.id])
  })

  it('shows main’s error next to the proxy address', async () => {
    // Main refuses a SOCKS proxy (only http:// proxies are supported).
    render(
      <ProfileForm
        initial={formFromDraft({
          ...newDraft,
          proxy: { mode: 'manual', url: 'socks5://p:1', username: '', bypass: '' }
        })}
        title="Edit"
        onSaved={vi.fn()}
      />
    )
    await save()
    const input = screen.getByLabelText('Proxy address')
    await waitFor(() => expect(input.getAttribute('aria-invalid')).toBe('true'))
    expect((await core.ok('profiles:list')).profiles).toEqual([])
    expect(document.body.textContent).toContain('Enter the proxy as http://host:port')
  })
})

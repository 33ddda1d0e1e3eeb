import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import '../../i18n'
import { addProfile, wireEvents, coreForEachTest } from '../../test/realCore'
import { useAppStore } from '../../store'
import { ConnectionPanel } from './ConnectionPanel'
import { ConnectionPrompts } from './ConnectionPrompts'
import { DoctorDialog } from './DoctorDialog'

const hostKeyPrompt = {
  host: 'serverb',
  port: 22,
  keyType: 'ssh-ed25519',
  fingerprint: 'SHA256:abcDEF123',
  changed: false
}

// A tunnel's states (reconnecting, a host key or a password to ask for, its cipher) come from a
// real sshd, which the tunnel's integration tests run; here they are applied to the store by hand.
// What the user's clicks send goes to a real core, with a saved profile (a direct one to a port
// nothing listens on): the connection check and Reconnect run for real.
describe('connection UI', () => {
  const core = coreForEachTest()
  let base: { profileId: string; mode: 'tunnel' }
  beforeEach(async () => {
    const profile = await addProfile(core)
    await useAppStore.getState().loadProfiles()
    base = { profileId: profile.id, mode: 'tunnel' }
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it('names the state, shows the reason, and counts down to the next try', () => {
    vi.useFakeTimers()
    vi.setSystemTime(1_000_000)
    const error = { code: 'ssh.disconnected' as const, message: 'x' }
    useAppStore.getState().applyConnection({
      ...base,
      status: 'reconnecting',
      attempt: 2,
      nextRetryAt: 1_000_000 + 5_000,
      error
    })
    render(<ConnectionPanel />)
    const status = screen.getByRole('status', { name: 'Connection: Reconnecting' })
    expect(status.textContent).toContain('The SSH connection was lost.')
    expect(status.textContent).toContain('Local backend · SSH tunnel')
    expect(screen.getByText(/Attempt 2 · next try in 5 s/)).toBeTruthy()
    act(() => void vi.advanceTimersByTime(2000))
    expect(screen.getByText(/next try in 3 s/)).toBeTruthy()
  })

  it('opens the connection check from the indicator, and reconnects', async () => {
    render(
      <>
        <ConnectionPanel />
        <DoctorDialog />
      </>
    )
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Check connection' }))
    })
    expect(core.callsTo('connection:doctor')).toEqual([{ runId: expect.any(String) as unknown }])
    const dialog = screen.getByRole('dialog', { name: 'Connection check' })
    // The selected profile, checked for real: nothing listens on its port.
    await waitFor(() => expect(dialog.textContent).toContain('TCP connection'))
    expect(dialog.textContent).toContain('Nothing is answering at 127.0.0.1:9')
    fireEvent.click(screen.getByRole('button', { name: 'Close' }))
    expect(screen.queryByRole('dialog')).toBeNull()
    wireEvents(core.api, useAppStore)
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Reconnect' }))
    })
    expect(core.callsTo('connection:reconnect')).toEqual([undefined])
    // Main's state events follow the attempt to its end.
    await waitFor(() =>
      expect(screen.getByRole('status', { name: 'Connection: Connection failed' })).toBeTruthy()
    )
  })

  it('shows the cipher, the exposed local port and the target for developers', () => {
    useAppStore.getState().applyConnection({
      ...base,
      status: 'connected',
      detail: { cipher: 'aes128-gcm@openssh.com', localPort: 8030, target: 'localhost:8000' }
    })
    render(<ConnectionPanel />)
    const details = screen.getByRole('list', { name: 'Connection details' })
    expect([...details.querySelectorAll('li')].map((li) => li.textContent)).toEqual([
      'Cipher aes128-gcm@openssh.com',
      'Local port 127.0.0.1:8030',
      'Target localhost:8000'
    ])
  })

  it('asks to trust an unknown host key, showing host and fingerprint', async () => {
    useAppStore.getState().applyConnection({ ...base, status: 'connecting', hostKeyPrompt })
    render(<ConnectionPrompts />)
    const dialog = screen.getByRole('dialog', { name: 'Trust this server?' })
    expect(dialog.textContent).toContain('serverb:22')
    expect(dialog.textContent).toContain('SHA256:abcDEF123')
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Trust' }))
    })
    expect(core.callsTo('connection:trustHostKey')).toEqual([{ fingerprint: 'SHA256:abcDEF123' }])
  })

  it('only warns about a changed host key: there is nothing to trust, only the command that forgets the old key', () => {
    useAppStore.getState().applyConnection({
      ...base,
      status: 'failed',
      hostKeyPrompt: {
        ...hostKeyPrompt,
        changed: true,
        forgetCommand: 'kha-desktop hosts forget serverb:22'
      }
    })
    render(<ConnectionPrompts />)
    expect(
      screen.getByRole('alertdialog', { name: 'Warning: the server’s key has changed' })
    ).toBeTruthy()
    expect(screen.queryByRole('button', { name: 'Trust' })).toBeNull()
    expect(screen.getByTestId('hostkey-forget-command').textContent).toBe(
      'kha-desktop hosts forget serverb:22'
    )
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }))
    expect(screen.queryByRole('alertdialog')).toBeNull()
  })

  it('asks for a password and can remember it', async () => {
    useAppStore.getState().applyConnection({
      ...base,
      status: 'connecting',
      secretPrompt: { kind: 'password', host: 'serverb', retry: false }
    })
    render(<ConnectionPrompts />)
    expect(screen.getByRole('dialog', { name: 'SSH password for serverb' })).toBeTruthy()
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'hunter2' } })
    fireEvent.click(screen.getByLabelText(/Remember/))
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Connect' }))
    })
    expect(core.callsTo('connection:provideSecret')).toEqual([{ value: 'hunter2', remember: true }])
  })

  it('a tunnel waiting for a password is amber with a button, and a closed prompt comes back on send', async () => {
    const error = { code: 'ssh.secret_needed' as const, message: 'x' }
    useAppStore.getState().applyConnection({
      ...base,
      status: 'failed',
      error,
      secretPrompt: { kind: 'password', host: 'serverb', retry: false }
    })
    render(
      <>
        <ConnectionPanel />
        <ConnectionPrompts />
      </>
    )
    const status = screen.getByRole('status', { name: 'Connection: Waiting for you' })
    expect(status.textContent).toContain('The SSH server serverb answers and needs your password.')
    expect(status.textContent).not.toContain('Connection failed')
    // Closed by the user: the amber state stays, with the button that asks again.
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }))
    expect(screen.queryByRole('dialog')).toBeNull()
    fireEvent.click(screen.getByRole('button', { name: 'Enter password' }))
    expect(screen.getByRole('dialog')).toBeTruthy()
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }))
    // Sending a message asks again, instead of only failing with the wrong cause.
    await act(async () => {
      await useAppStore.getState().send('hello')
    })
    expect(screen.getByRole('dialog')).toBeTruthy()
  })

  it('says "Reconnected" when the connection comes back by itself, not on a first connect', () => {
    useAppStore.getState().applyConnection({ ...base, status: 'connecting' })
    useAppStore.getState().applyConnection({ ...base, status: 'connected' })
    expect(useAppStore.getState().notice).toBeNull()
    useAppStore.getState().applyConnection({
      ...base,
      status: 'failed',
      error: { code: 'backend.refused', message: 'x' }
    })
    useAppStore.getState().applyConnection({ ...base, status: 'connected' })
    expect(useAppStore.getState().notice).toMatchObject({
      tone: 'info',
      key: 'connection.reconnected'
    })
  })
})

/* eslint-disable no-empty-pattern -- Playwright reads a fixture's dependencies from its first parameter: `{}` means none. */
/**
 * SSH tunnel mode against a real OpenSSH server (test/fixtures/sshd.ts) in front of the real
 * reference backend: switching a profile between direct and tunnel without a restart, and a tunnel
 * that drops mid-reply.
 */
import { startSshd, type RunningSshd } from '../test/fixtures/sshd'
import { test as base, expect } from './fixtures'
import { seedDirectProfile } from './fixtures/seed'
import { openTunnelChat, sshdProblem } from './fixtures/tunnel'
import { ChatPage } from './pages/ChatPage'
import { SettingsPage } from './pages/SettingsPage'

const test = base.extend<object, { sshd: RunningSshd }>({
  sshd: [
    async ({}, use) => {
      const sshd = await startSshd()
      await use(sshd)
      await sshd.stop()
    },
    { scope: 'worker', timeout: 30_000 }
  ]
})

test.skip(!!sshdProblem, sshdProblem ?? '')

test(
  'a profile switches between direct and tunnel without a restart; the indicator shows each',
  { tag: '@sshd' },
  async ({ page, backend, sshd }) => {
    await seedDirectProfile(page, backend.url, 'Direct B')
    const chat = new ChatPage(page)
    const settings = new SettingsPage(page)
    await chat.expectConnection('Connected')
    await chat.expectMode('Direct')
    await chat.send('direct hello')
    await expect(chat.replyBody()).toHaveText('Echo: direct hello')

    // The same backend through the SSH server, as `ssh -L` would reach it.
    await chat.openSettings()
    await settings.newProfile()
    await settings.fill({
      name: 'Tunnel B',
      mode: 'SSH tunnel',
      sshHost: sshd.host,
      sshPort: String(sshd.port),
      sshUser: sshd.username,
      auth: 'key',
      keyPath: sshd.clientKeyPath,
      targetHost: '127.0.0.1',
      targetPort: String(backend.port)
    })
    await settings.save()
    const states = await chat.recordConnectionStates()
    await settings.selectProfile('Tunnel B')

    // First contact: the app asks before trusting the server's key, showing its fingerprint.
    const dialog = page.getByRole('dialog', { name: 'Trust this server?' })
    await expect(dialog).toBeVisible({ timeout: 15_000 })
    await expect(dialog).toContainText(sshd.hostKeyFingerprint)
    await dialog.getByRole('button', { name: 'Trust', exact: true }).click()

    await chat.expectConnection('Connected', { timeout: 15_000 })
    await chat.expectMode('SSH tunnel')
    await expect(chat.connection).toContainText('Tunnel B')
    // The switch went through the states a person sees: connecting, then connected.
    expect(await states()).toEqual(expect.arrayContaining(['Connecting…', 'Connected']))
    expect(sshd.connectionCount()).toBeGreaterThan(0)

    await settings.backToChat()
    await chat.send('tunnel hello')
    await expect(chat.replyBody()).toHaveText('Echo: tunnel hello')

    // And back: the tunnel is closed, the direct link is used again.
    await chat.openSettings()
    await settings.selectProfile('Direct B')
    await chat.expectConnection('Connected')
    await chat.expectMode('Direct')
    await expect.poll(() => sshd.connectionCount(), { timeout: 10_000 }).toBe(0)
    await settings.backToChat()
    await chat.send('direct again')
    await expect(chat.replyBody()).toHaveText('Echo: direct again')
  }
)

test(
  'the tunnel dropped mid-reply: a clear error, it reconnects, retry succeeds',
  { tag: '@sshd' },
  async ({ page, backend, sshd }, testInfo) => {
    // Trusted beforehand through the profile's own known_hosts file (the dialog is the other spec's).
    const chat = await openTunnelChat(page, testInfo, {
      name: 'Tunnel B',
      sshd,
      backendPort: backend.port,
      auth: 'key'
    })
    await chat.expectConnection('Connected', { timeout: 15_000 })
    await chat.expectMode('SSH tunnel')

    await backend.setKnobs({ delay_ms: 150, tokens: 60 })
    await chat.send('a long reply please')
    await expect(chat.lastReply()).toContainText('w3')
    const states = await chat.recordConnectionStates()
    await sshd.killConnections()

    // What the user sees: the reply failed, with a reason that names the connection, and a retry.
    const alert = chat.lastReply().getByRole('alert')
    await expect(alert).toContainText(
      /The SSH connection was lost|The connection closed before the reply was complete|The backend behind the SSH server closed the connection/
    )
    await expect(chat.userMessages.last()).toContainText('a long reply please')

    // The app noticed (the indicator left "Connected") and brings the tunnel back by itself.
    await expect
      .poll(states, { timeout: 15_000 })
      .toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^(Reconnecting|Connecting…|Connection failed)$/)
        ])
      )
    await chat.expectConnection('Connected', { timeout: 30_000 })
    await chat.expectMode('SSH tunnel')
    expect((await states()).at(-1)).toBe('Connected')

    await backend.clearKnobs()
    await chat.retryButton().click()
    await expect(chat.replyBody()).toHaveText('Echo: a long reply please')
    await expect(chat.lastReply().getByRole('alert')).toHaveCount(0)
  }
)

/**
 * Two-factor SSH in the window: a real sshd whose PAM stack asks for the password and then a
 * one-time code (test/fixtures/sshd.ts, `twoFactor`). The code question waits in the core, not in
 * the page: a window reloaded while it is open asks for it at start and shows it again.
 */
import { existsSync, writeFileSync } from 'node:fs'
import { startSshd, sshdPath } from '../test/fixtures/sshd'
import { test, expect } from './fixtures'
import { seedProfile } from './fixtures/seed'
import { ChatPage } from './pages/ChatPage'

// The same conditions as the other sshd specs (root, openssh-server), and pam_oath for the code.
const sshdProblem = !existsSync(sshdPath)
  ? `${sshdPath} is not installed (apt-get install openssh-server)`
  : process.getuid?.() !== 0
    ? 'the sshd fixture needs root'
    : null

test(
  'a window reloaded while the server asks for a code shows the question again; the code typed then connects',
  { tag: '@sshd' },
  async ({ page, backend }, testInfo) => {
    test.skip(!!sshdProblem, sshdProblem ?? '')
    const sshd = await startSshd({ twoFactor: true })
    try {
      const knownHosts = testInfo.outputPath('known_hosts')
      writeFileSync(knownHosts, sshd.hostPublicKeyLine + '\n')
      await seedProfile(page, {
        name: 'Server B',
        connection: {
          kind: 'tunnel',
          ssh: {
            host: sshd.host,
            port: sshd.port,
            username: sshd.passwordUser!,
            auth: 'password',
            keyPath: ''
          },
          jump: null,
          target: { host: '127.0.0.1', port: backend.port },
          scheme: 'http',
          keepaliveIntervalSec: 60,
          keepaliveCountMax: 5,
          localPort: null,
          knownHostsPath: knownHosts
        }
      })
      const chat = new ChatPage(page)
      // The app's own password prompt first; the password answers PAM's password round.
      const password = page.getByRole('dialog', { name: `SSH password for ${sshd.host}` })
      await expect(password).toBeVisible({ timeout: 15_000 })
      await password.getByLabel('Password', { exact: true }).fill(sshd.password!)
      await password.getByRole('button', { name: /^(Connect|OK|Continue|Submit)$/ }).click()

      const question = page.getByRole('dialog', { name: 'The SSH server asks' })
      const code = question.getByLabel(sshd.codePrompt!.trim())
      await expect(code).toBeVisible({ timeout: 15_000 })

      // Reloaded (or a second window opened) while the server waits for the code.
      await page.reload()
      await expect(code).toBeVisible()
      await expect(question).toContainText(`${sshd.passwordUser}@${sshd.host}:${sshd.port}`)
      await code.fill(sshd.nextCode!())
      await question.getByRole('button', { name: 'Send' }).click()
      await expect(question).toHaveCount(0)
      await chat.expectConnection('Connected', { timeout: 15_000 })
      await chat.send('hello after two factors')
      await expect(chat.replyBody()).toHaveText('Echo: hello after two factors')
    } finally {
      await sshd.stop()
    }
  }
)

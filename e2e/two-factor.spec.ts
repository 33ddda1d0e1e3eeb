/**
 * Two-factor SSH in the window: a real sshd whose PAM stack asks for the password and then a
 * one-time code (test/fixtures/sshd.ts, `twoFactor`). The code question waits in the core, not in
 * the page: a window reloaded while it is open asks for it at start and shows it again.
 */
import { test, expect } from './fixtures'
import { openTunnelChat, withSshd } from './fixtures/tunnel'

test(
  'a window reloaded while the server asks for a code shows the question again; the code typed then connects',
  { tag: '@sshd' },
  async ({ page, backend }, testInfo) => {
    await withSshd({ twoFactor: true }, async (sshd) => {
      const chat = await openTunnelChat(page, testInfo, {
        sshd,
        backendPort: backend.port,
        auth: 'password'
      })
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
    })
  }
)

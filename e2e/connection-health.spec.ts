/**
 * Issue 17 item 4: the connection status tells the truth. It turns red when the backend dies and
 * green again ("Reconnected") when it comes back, without anyone sending a message; a tunnel
 * waiting for a password is its own amber state with a button, and a closed password prompt is
 * asked again when the user sends. The connection check shows its steps as they finish, and stops.
 */
import type { Locator, Page, TestInfo } from '@playwright/test'
import { startBackend } from '../test/fixtures/backend'
import { startSilentServer } from '../test/fixtures/ports'
import type { RunningSshd } from '../test/fixtures/sshd'
import { expect, test } from './fixtures'
import { attachScreens } from './fixtures/screens'
import { seedDirectProfile, seedProfile } from './fixtures/seed'
import { openTunnelChat, withSshd } from './fixtures/tunnel'
import { ChatPage } from './pages/ChatPage'

test('the indicator follows a backend that dies and comes back, and says "Reconnected"', async ({
  page
}, testInfo) => {
  const server = await startBackend()
  try {
    const chat = new ChatPage(page)
    await seedDirectProfile(page, server.url, 'Company chatbot')
    await chat.expectConnection('Connected')

    // The backend dies while the user is away; coming back to the window checks at once.
    await server.stop()
    await page.evaluate(() =>
      (
        globalThis as unknown as {
          dispatchEvent(e: unknown): void
          Event: new (t: string) => unknown
        }
      ).dispatchEvent(
        new (globalThis as unknown as { Event: new (t: string) => unknown }).Event('focus')
      )
    )
    await chat.expectConnection('Connection failed')
    await expect(chat.connection).toContainText(`127.0.0.1:${server.port}`)
    await expect(chat.userMessages).toHaveCount(0)
    await attachScreens(page, testInfo, 'backend-down')

    // It comes back: the app finds it by itself (checks back off from ~1 s) and says so.
    await server.start()
    await chat.expectConnection('Connected', { timeout: 20_000 })
    await expect(page.getByRole('status').filter({ hasText: 'Reconnected' })).toBeVisible()
    await attachScreens(page, testInfo, 'reconnected')
    await chat.ask('다시 됐나요?')
  } finally {
    await server.stop()
  }
})

test('the connection check lists each step as it finishes, and Stop ends it at the step running', async ({
  page
}, testInfo) => {
  // A server that accepts and never answers: the check's health request waits until it is stopped.
  const silent = await startSilentServer()
  const port = silent.port
  try {
    await seedProfile(page, {
      name: 'Silent server',
      connection: { kind: 'direct', url: `http://127.0.0.1:${port}` },
      timeouts: { connectSec: 60, idleSec: 60 }
    })
    await page.getByRole('button', { name: 'Check connection' }).first().click()
    const dialog = page.getByRole('dialog', { name: 'Connection check' })
    const steps = dialog.getByRole('list', { name: 'Steps' }).getByRole('listitem')
    // Still running, the steps done so far are there already.
    await expect(steps).toHaveCount(2)
    await expect(steps.nth(1)).toContainText('TCP connection')
    await expect(steps.nth(1)).toContainText('Passed')
    await expect(dialog.getByRole('status')).toHaveText('Checking the connection…')
    await attachScreens(page, testInfo, 'doctor-live')

    await dialog.getByRole('button', { name: 'Stop the check' }).click()
    await expect(dialog.getByRole('status')).toHaveText('The check stopped at “Health check”.')
    await expect(steps).toHaveCount(4)
    await expect(steps.nth(2)).toContainText('Failed')
    await expect(steps.nth(3)).toContainText('Skipped')
    await expect(dialog.getByRole('button', { name: 'Stop the check' })).toHaveCount(0)
    await expect(dialog.getByRole('button', { name: 'Run again' })).toBeEnabled()
  } finally {
    await silent.close()
  }
})

/**
 * A tunnel with a password login through an sshd of its own, whose first password prompt the
 * person closes: `body` goes on from there, with that prompt (`dialog`) to wait for again.
 */
async function withPasswordPromptClosed(
  page: Page,
  testInfo: TestInfo,
  backendPort: number,
  body: (sshd: RunningSshd, chat: ChatPage, dialog: Locator) => Promise<void>
): Promise<void> {
  await withSshd({ password: true }, async (sshd) => {
    const chat = await openTunnelChat(page, testInfo, { sshd, backendPort, auth: 'password' })
    const dialog = page.getByRole('dialog')
    await expect(dialog).toBeVisible()
    await dialog.getByRole('button', { name: 'Cancel' }).click()
    await body(sshd, chat, dialog)
  })
}

test(
  'a tunnel waiting for a password is amber with a button; a closed prompt comes back on send',
  { tag: '@sshd' },
  async ({ page, backend }, testInfo) => {
    await withPasswordPromptClosed(page, testInfo, backend.port, async (sshd, chat, dialog) => {
      // Not a red failure: amber, saying what it waits for, with the button that asks again.
      await expect(page.getByRole('status', { name: 'Connection: Waiting for you' })).toContainText(
        `The SSH server ${sshd.host} answers and needs your password.`
      )
      await attachScreens(page, testInfo, 'waiting-for-password')
      await page.getByRole('button', { name: 'Enter password' }).click()
      await expect(dialog).toBeVisible()
      await dialog.getByRole('button', { name: 'Cancel' }).click()
      await expect(dialog).toHaveCount(0)

      // Sending asks for the password again; once given, the message goes through.
      await chat.send('hello through the tunnel')
      await expect(dialog).toBeVisible()
      await dialog.getByLabel('Password', { exact: true }).fill(sshd.password!)
      await dialog.getByRole('button', { name: /^(Connect|OK|Continue|Submit)$/ }).click()
      await chat.expectConnection('Connected', { timeout: 15_000 })
    })
  }
)

test(
  'a reply that failed for want of the SSH password is asked again by itself once the password is given; a wrong one fails it again, once',
  { tag: '@sshd' },
  async ({ page, backend }, testInfo) => {
    await withPasswordPromptClosed(page, testInfo, backend.port, async (sshd, chat, dialog) => {
      // A question of this run only: the backend's request log (shared by the specs) is counted by it.
      const question = `through the tunnel, please (${testInfo.testId.slice(0, 8)}-${testInfo.retry})`
      const asked = async () =>
        (await backend.requests()).filter(
          (r) =>
            String(r.path) === '/api_chat' &&
            (r.query as Record<string, string>).message === question
        )

      // Sent without the password: the reply fails for want of it, and the prompt asks again.
      await chat.send(question)
      await expect(dialog).toBeVisible()
      const failure = chat.lastReply().locator('.msg-error')
      await expect(failure).toContainText('A password or passphrase is needed to connect.')

      // A wrong password: the reply is asked again once and fails again, saying what to do.
      await dialog.getByLabel('Password', { exact: true }).fill('not the password')
      await dialog.getByRole('button', { name: 'Connect' }).click()
      await expect(dialog).toContainText('That was not accepted. Try again.')
      await expect(chat.lastReply().getByText('2/2')).toBeVisible()
      await expect(failure).toContainText('The SSH server did not accept the login.')
      await expect(failure).toContainText('Enter the password or key again.')

      // The right one: connected, and the reply streams in without a click on Retry.
      await dialog.getByLabel('Password', { exact: true }).fill(sshd.password!)
      await dialog.getByRole('button', { name: 'Connect' }).click()
      await chat.expectConnection('Connected', { timeout: 15_000 })
      await expect(chat.replyBody()).toHaveText(`Echo: ${question}`)
      await expect(chat.lastReply().getByText('3/3')).toBeVisible()
      await expect(chat.lastReply().locator('.msg-error')).toHaveCount(0)
      expect(await asked()).toHaveLength(1)
    })
  }
)

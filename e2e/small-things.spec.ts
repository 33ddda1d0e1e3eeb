/**
 * Issue 17 item 10, the small things, as a person meets them: message buttons readable (axe's
 * colour-contrast rule, light and dark), Retry that does not look disabled, the Stopped badge a
 * badge, toasts clear of the message box, Jump to latest clear of the text, a streaming reply
 * aria-busy until it ends, the sidebar that folds (Ctrl+B, and by itself under 900 px), the
 * shortcut overlay (Ctrl+/) and its list in Settings (Ctrl+,), and Esc in the message editor
 * back to the message box.
 */
import AxeBuilder from '@axe-core/playwright'
import type { Locator, Page } from '@playwright/test'
import { expect, test } from './fixtures'
import { attachScreens, settleAfterResize, setTheme, sizes } from './fixtures/screens'
import { openChat } from './fixtures/seed'

type Box = { x: number; y: number; width: number; height: number }
const overlaps = (a: Box, b: Box) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height
const box = async (l: Locator) => (await l.boundingBox())!

async function contrastViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page })
    .include('[role="log"]')
    .withRules(['color-contrast'])
    .analyze()
  return result.violations.flatMap((v) =>
    v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary ?? ''}`)
  )
}

test('message buttons, Retry and badges pass colour contrast in light and dark; Retry looks enabled', async ({
  page,
  backend
}, testInfo) => {
  const chat = await openChat(page, backend.url)
  await chat.ask('첫 질문입니다')
  await backend.setKnobs({ fail_status: 503, once: true })
  await chat.send('두 번째 질문')
  const retry = chat.retryButton()
  await expect(retry).toBeVisible()
  await expect(retry).toBeEnabled()
  // Full strength, not faded like a disabled control.
  expect(
    await retry.evaluate(
      (el) =>
        (
          globalThis as unknown as { getComputedStyle(e: unknown): { opacity: string } }
        ).getComputedStyle(el).opacity
    )
  ).toBe('1')

  for (const theme of ['light', 'dark'] as const) {
    await setTheme(page, theme)
    // The pointer away from every message: buttons at rest are what must be readable.
    await page.mouse.move(0, 0)
    expect(await contrastViolations(page), `colour contrast in ${theme}`).toEqual([])
    await attachScreens(page, testInfo, `buttons-${theme}`)
  }
})

test('a streaming reply is aria-busy until it ends; Stopped is a badge, not a bar', async ({
  page,
  backend
}, testInfo) => {
  const chat = await openChat(page, backend.url)
  await backend.setKnobs({ delay_ms: 120, tokens: 80 })
  await chat.send('천천히 답해 주세요')
  const reply = chat.lastReply()
  await expect(reply).toContainText('w2')
  await expect(reply).toHaveAttribute('aria-busy', 'true')
  await chat.stopButton.click()
  const badge = reply.getByText('Stopped', { exact: true })
  await expect(badge).toBeVisible()
  await expect(reply).toHaveAttribute('aria-busy', 'false')
  const replyWidth = (await box(reply)).width
  const badgeWidth = (await box(badge)).width
  expect(badgeWidth, 'the badge is as wide as its word').toBeLessThan(150)
  expect(badgeWidth).toBeLessThan(replyWidth / 3)
  await attachScreens(page, testInfo, 'stopped-badge')

  await backend.clearKnobs()
  await chat.ask('이번에는 끝까지')
  await expect(chat.lastReply()).toHaveAttribute('aria-busy', 'false')
})

test('toasts never cover the message box; Jump to latest never covers text', async ({
  page,
  backend
}, testInfo) => {
  const chat = await openChat(page, backend.url)
  await page.setViewportSize(sizes.small)
  for (let i = 1; i <= 8; i++)
    await chat.ask(`질문 ${i}\n${'긴 문장입니다. '.repeat(12)}`, new RegExp(`^Echo: 질문 ${i}`))

  // Scrolled up to read: the button shows, outside the messages.
  await chat.log.hover()
  await page.mouse.wheel(0, -3000)
  const jump = page.getByRole('button', { name: 'Jump to latest' })
  await expect(jump).toBeVisible()
  expect(
    overlaps(await box(jump), await box(chat.log)),
    'Jump to latest lies outside the message log'
  ).toBe(false)
  await attachScreens(page, testInfo, 'jump-to-latest', ['small'])
  await jump.click()
  await expect(jump).toBeHidden()

  // A notice (saved export, deleted conversation…) while the message box is in use.
  await page.getByRole('button', { name: 'Show sidebar' }).click()
  await chat.remove('질문 1')
  await expect(chat.undoToast).toBeVisible()
  for (const size of [sizes.small, sizes.laptop, sizes.desktop]) {
    await page.setViewportSize(size)
    await settleAfterResize(page)
    expect(
      overlaps(await box(chat.undoToast), await box(chat.composer)),
      `toast clear of the message box at ${size.width}×${size.height}`
    ).toBe(false)
  }
  await attachScreens(page, testInfo, 'toast')
})

test('the sidebar folds with Ctrl+B and by itself under 900 px; Ctrl+/ lists the shortcuts, Ctrl+, opens Settings', async ({
  page,
  backend
}, testInfo) => {
  const chat = await openChat(page, backend.url)
  await chat.ask('사이드바 확인')
  const showSidebar = page.getByRole('button', { name: 'Show sidebar' })

  // Wide: shown; Ctrl+B folds it, the chat takes the width; Ctrl+B brings it back.
  await expect(chat.conversations).toBeVisible()
  const narrowLog = (await box(chat.log)).width
  await chat.composer.press('Control+b')
  await expect(chat.conversations).toBeHidden()
  await expect(showSidebar).toBeVisible()
  expect((await box(chat.log)).width).toBeGreaterThan(narrowLog)
  await chat.composer.press('Control+b')
  await expect(chat.conversations).toBeVisible()

  // Under 900 px it folds by itself; opened, it lies over the chat, and picking a conversation folds it.
  await page.setViewportSize(sizes.small)
  await expect(chat.conversations).toBeHidden()
  await attachScreens(page, testInfo, 'sidebar-folded', ['small'])
  await showSidebar.click()
  await expect(chat.conversations).toBeVisible()
  await attachScreens(page, testInfo, 'sidebar-over-chat', ['small'])
  await chat.conversation('사이드바 확인').click()
  await expect(chat.conversations).toBeHidden()
  // Esc folds it too.
  await chat.composer.press('Control+b')
  await expect(chat.conversations).toBeVisible()
  await page.keyboard.press('Escape')
  await expect(chat.conversations).toBeHidden()
  await page.setViewportSize(sizes.laptop)
  await expect(chat.conversations).toBeVisible()

  // Ctrl+/ : the overlay, with every shortcut; Esc closes it.
  await chat.composer.press('Control+/')
  const overlay = page.getByRole('dialog', { name: 'Keyboard shortcuts' })
  await expect(overlay).toBeVisible()
  for (const action of [
    'New chat',
    'Search conversations',
    'Show or hide the sidebar',
    'Settings',
    'Rename the conversation'
  ])
    await expect(overlay.getByText(action, { exact: true })).toBeVisible()
  await attachScreens(page, testInfo, 'shortcut-overlay')
  await page.keyboard.press('Escape')
  await expect(overlay).toBeHidden()

  // Ctrl+, : Settings, with the same list.
  await chat.composer.press('Control+,')
  await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible()
  const list = page.getByRole('region', { name: 'Keyboard shortcuts' })
  await expect(list.getByText('Show or hide the sidebar', { exact: true })).toBeVisible()
})

test('Esc in the message editor returns to the message box', async ({ page, backend }) => {
  const chat = await openChat(page, backend.url)
  await chat.ask('고칠 메시지')
  await chat.composer.press('ArrowUp')
  await expect(chat.editor).toBeFocused()
  await chat.editor.press('Escape')
  await expect(chat.editor).toBeHidden()
  await expect(chat.composer).toBeFocused()
})

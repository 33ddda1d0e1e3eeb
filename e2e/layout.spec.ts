/**
 * Issue 17 item 1: wide content never widens the conversation. A reply with a 14-column table, a
 * 400-character code line and a 300-character URL, at 800×600, 1280×800 and 1920×1080, in both
 * themes: the message log never scrolls sideways, the table and the code scroll inside their own
 * boxes, the link wraps, and the code block's Copy button stays on screen.
 */
import { expect, test } from './fixtures'
import { attachScreens, setTheme, sizes } from './fixtures/screens'
import { openChat } from './fixtures/seed'
import { ChatPage } from './pages/ChatPage'

const columns = Array.from({ length: 14 }, (_, i) => i)
const url = `https://intranet.example.com/${'quarterly/reports/'.repeat(16)}summary?quarter=3`
const wideReply = [
  `| ${columns.map((i) => `열 제목 ${i} (column ${i})`).join(' | ')} |`,
  `|${' --- |'.repeat(columns.length)}`,
  `| ${columns.map((i) => `값 ${i} value`).join(' | ')} |`,
  '',
  '```python',
  `print("${'x'.repeat(400)}")`,
  '```',
  '',
  `자세한 내용: ${url}`
].join('\n')

test('a wide table, a long code line and a long URL stay inside the conversation at every size', async ({
  page,
  backend
}, testInfo) => {
  const chat = await openChat(page, backend.url)
  await backend.setKnobs({ reply: wideReply, once: true })
  await chat.send('표로 정리해 주세요')
  const reply = chat.lastReply()
  await expect(reply.getByRole('table')).toBeVisible()
  await expect(chat.sendButton).toBeVisible()

  const table = reply.getByRole('table').locator('xpath=..')
  const code = reply.locator('pre')
  const copyCode = reply.getByRole('button', { name: 'Copy code' })
  const link = reply.getByRole('link', { name: url })

  for (const theme of ['light', 'dark'] as const) {
    await setTheme(page, theme)
    for (const size of Object.values(sizes)) {
      await page.setViewportSize(size)
      const where = `${size.width}×${size.height} ${theme}`
      // The sidebar folds (under 900 px) or comes back a frame after the resize; measuring before
      // that compares the log's widths from two different layouts.
      if (size.width < 900) await expect(chat.conversations).toBeHidden()
      else await expect(chat.conversations).toBeVisible()
      await expect
        .poll(
          async () => {
            const log = await ChatPage.widths(chat.log)
            return log.scrollWidth - log.clientWidth
          },
          { message: `the log does not scroll sideways at ${where}` }
        )
        .toBeLessThanOrEqual(0)
      const tableBox = await ChatPage.widths(table)
      expect(tableBox.scrollWidth, `the table scrolls in its own box at ${where}`).toBeGreaterThan(
        tableBox.clientWidth
      )
      const codeBox = await ChatPage.widths(code)
      expect(codeBox.scrollWidth, `the code scrolls in its own box at ${where}`).toBeGreaterThan(
        codeBox.clientWidth
      )

      const logBox = (await chat.log.boundingBox())!
      await copyCode.scrollIntoViewIfNeeded()
      const copyBox = (await copyCode.boundingBox())!
      expect(copyBox.x + copyBox.width, `Copy code is on screen at ${where}`).toBeLessThanOrEqual(
        logBox.x + logBox.width
      )
      await link.scrollIntoViewIfNeeded()
      const linkBox = (await link.boundingBox())!
      expect(linkBox.x + linkBox.width, `the link wraps at ${where}`).toBeLessThanOrEqual(
        logBox.x + logBox.width
      )
      expect(linkBox.height, `the link wraps onto several lines at ${where}`).toBeGreaterThan(30)
    }
    await attachScreens(page, testInfo, `wide-reply-${theme}`)
  }

  // Scrolling the table sideways moves the table only.
  await table.evaluate((el) => {
    ;(el as unknown as { scrollLeft: number }).scrollLeft = 400
  })
  expect(
    await table.evaluate((el) => (el as unknown as { scrollLeft: number }).scrollLeft)
  ).toBeGreaterThan(0)
  expect(
    await chat.log.evaluate((el) => (el as unknown as { scrollLeft: number }).scrollLeft)
  ).toBe(0)
})

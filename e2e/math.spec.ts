/**
 * Math in replies (issue 19): `$…$` and `$$…$$` typeset by KaTeX with its own bundled fonts, under
 * the app's CSP (no violation, fonts actually loaded), copyable as TeX source, and inert. Dollars
 * that are prices (`$5 and $10`) read as prices: single-dollar math follows Pandoc's rule.
 */
import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'
import { readClipboard } from './fixtures/clipboard'
import { openChat } from './fixtures/seed'

interface PageGlobals {
  DataTransfer: new () => { getData(type: string): string }
  ClipboardEvent: new (type: string, init: Record<string, unknown>) => Event
  document: {
    querySelector(selector: string): unknown
    createRange(): { selectNode(node: unknown): void }
    getSelection(): { removeAllRanges(): void; addRange(range: unknown): void } | null
    dispatchEvent(event: Event): boolean
    fonts: {
      ready: Promise<unknown>
      forEach(fn: (font: { family: string; status: string }) => void): void
    }
  }
}

/**
 * Selects the first element matching `selector` and copies as a person would (a `copy` event on
 * the selection): answers the plain text the page put on the clipboard.
 */
function copySelection(page: Page, selector: string): Promise<string> {
  return page.evaluate((selector) => {
    const { document, DataTransfer, ClipboardEvent } = globalThis as unknown as PageGlobals
    const range = document.createRange()
    range.selectNode(document.querySelector(selector))
    const selection = document.getSelection()
    selection?.removeAllRanges()
    selection?.addRange(range)
    const data = new DataTransfer()
    document.dispatchEvent(
      new ClipboardEvent('copy', { clipboardData: data, bubbles: true, cancelable: true })
    )
    return data.getData('text/plain')
  }, selector)
}

test('a reply with math is typeset with KaTeX fonts under the CSP, and copies as TeX', async ({
  page,
  backend
}) => {
  const violations: string[] = []
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to load/i.test(message.text()))
      violations.push(message.text())
  })
  const chat = await openChat(page, backend.url)
  await backend.setKnobs({
    reply:
      '에너지는 $E = mc^2$ 입니다.\n\n$$\n\\sum_{k=1}^{n} k = \\frac{n(n+1)}{2}\n$$\n\n$\\href{javascript:alert(1)}{click}$'
  })
  await chat.send('공식을 알려 주세요')
  await expect(chat.sendButton).toBeVisible()

  const body = chat.replyBody()
  await expect(body.locator('.katex-display')).toHaveCount(1)
  await expect(body.locator('.katex')).toHaveCount(3)
  await expect(body.getByRole('link')).toHaveCount(0)
  // KaTeX's own fonts came from the app (no fallback to system fonts, nothing refused).
  const loaded = await page.evaluate(async () => {
    const { document } = globalThis as unknown as PageGlobals
    await document.fonts.ready
    const families: string[] = []
    document.fonts.forEach((font) => {
      if (font.status === 'loaded' && font.family.includes('KaTeX')) families.push(font.family)
    })
    return families
  })
  expect(loaded.length).toBeGreaterThan(0)
  expect(violations).toEqual([])

  // Selecting the inline formula and copying gives its TeX source.
  const copied = await copySelection(page, '.msg-body .katex')
  expect(copied).toBe('$E = mc^2$')
})

test('prices in a reply read as prices, the math beside them is typeset, and Copy reply keeps both', async ({
  page,
  backend,
  shell
}) => {
  if (shell === 'web') await page.context().grantPermissions(['clipboard-read', 'clipboard-write'])
  const chat = await openChat(page, backend.url)
  const reply = [
    '점심은 $5, 택시는 $10입니다. 합계는 $x + y = 15$이고 $x$는 점심값입니다.',
    '',
    'The lunch is $5 and the taxi $10, between $5-$10 each; `$PATH` and \\$20 stay as typed.',
    '',
    '$$',
    'x = 15 - y',
    '$$'
  ].join('\n')
  await backend.setKnobs({ reply, once: true })
  await chat.send('점심값 계산해 주세요')
  await expect(chat.sendButton).toBeVisible()

  const body = chat.replyBody()
  // Three formulas, each with the TeX it came from; no price became one.
  await expect(body.locator('.katex')).toHaveCount(3)
  await expect(body.locator('.katex-display')).toHaveCount(1)
  await expect(body.locator('.katex annotation')).toHaveText(['x + y = 15', 'x', 'x = 15 - y'])
  const paragraphs = body.getByRole('paragraph')
  await expect(paragraphs.first()).toContainText('점심은 $5, 택시는 $10입니다. 합계는')
  await expect(paragraphs.first()).toContainText('는 점심값입니다.')
  await expect(paragraphs.nth(1)).toHaveText(
    'The lunch is $5 and the taxi $10, between $5-$10 each; $PATH and $20 stay as typed.'
  )
  await expect(paragraphs.nth(1).locator('code')).toHaveText('$PATH')

  // Selecting the whole first paragraph and copying gives back its Markdown: prices as they were,
  // formulas as their TeX between dollars (katex copy-tex).
  const selected = await copySelection(page, '.msg-body p')
  expect(selected.trim()).toBe(reply.split('\n')[0])

  // Copy reply: the Markdown as it came, and HTML in which the prices are plain text.
  const copy = chat.lastReply().getByRole('button', { name: 'Copy reply' })
  await copy.click()
  await expect(copy).toContainText('Copied')
  const copied = await readClipboard(page)
  expect(copied['text/plain']).toBe(reply)
  expect(copied['text/html']).toContain('점심은 $5, 택시는 $10입니다. 합계는')
  expect(copied['text/html']).toContain('The lunch is $5 and the taxi $10, between $5-$10 each;')
})

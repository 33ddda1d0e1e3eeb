/**
 * Math in replies (issue 19): `$…$` and `$$…$$` typeset by KaTeX with its own bundled fonts, under
 * the app's CSP (no violation, fonts actually loaded), copyable as TeX source, and inert.
 */
import { expect, test } from './fixtures'
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
  const copied = await page.evaluate(() => {
    const { document, DataTransfer, ClipboardEvent } = globalThis as unknown as PageGlobals
    const formula = document.querySelector('.msg-body .katex')
    const range = document.createRange()
    range.selectNode(formula)
    const selection = document.getSelection()
    selection?.removeAllRanges()
    selection?.addRange(range)
    const data = new DataTransfer()
    document.dispatchEvent(
      new ClipboardEvent('copy', { clipboardData: data, bubbles: true, cancelable: true })
    )
    return data.getData('text/plain')
  })
  expect(copied).toBe('$E = mc^2$')
})

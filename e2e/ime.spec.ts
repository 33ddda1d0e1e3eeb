/**
 * Korean input goes through an IME composition: the Enter that commits it must not send the
 * message; the next Enter does. The composition is driven through Chromium's own IME entry points
 * (CDP Input.imeSetComposition / Input.insertText), so the page sees real compositionstart /
 * compositionupdate / compositionend events and a keydown whose isComposing is true, as with a
 * real Korean IME.
 */
import { expect, test } from './fixtures'
import { openChat } from './fixtures/seed'

// What a 2-set Korean keyboard shows while typing 안녕하세요, jamo by jamo.
const compositionSteps = [
  'ㅇ',
  '아',
  '안',
  '안ㄴ',
  '안녀',
  '안녕',
  '안녕ㅎ',
  '안녕하',
  '안녕하ㅅ',
  '안녕하세',
  '안녕하세ㅇ',
  '안녕하세요'
]

test('Enter that commits a Korean composition does not send; the next Enter does', async ({
  page,
  backend
}) => {
  const chat = await openChat(page, backend.url)
  await chat.composer.click()
  // The backend's request log decodes the query as latin-1: compare the same bytes.
  const asLogged = Buffer.from('안녕하세요', 'utf8').toString('latin1')
  const chatRequests = async () =>
    (await backend.requests()).filter(
      (r) =>
        r.path === '/api_chat' &&
        [asLogged, '안녕하세요'].includes(String((r.query as Record<string, unknown>)?.message))
    ).length

  const cdp = await page.context().newCDPSession(page)
  for (const text of compositionSteps) {
    await cdp.send('Input.imeSetComposition', {
      text,
      selectionStart: text.length,
      selectionEnd: text.length
    })
  }
  await expect(chat.composer).toHaveValue('안녕하세요')

  // Enter while the composition is open (keydown only, as the IME consumes the key), then the IME
  // commits the text.
  await cdp.send('Input.dispatchKeyEvent', {
    type: 'rawKeyDown',
    key: 'Enter',
    code: 'Enter',
    windowsVirtualKeyCode: 13,
    nativeVirtualKeyCode: 13
  })
  await cdp.send('Input.insertText', { text: '안녕하세요' })
  await cdp.send('Input.dispatchKeyEvent', {
    type: 'keyUp',
    key: 'Enter',
    code: 'Enter',
    windowsVirtualKeyCode: 13,
    nativeVirtualKeyCode: 13
  })

  // Nothing was sent: the text is still in the box, no message, no request.
  await expect(chat.composer).toHaveValue('안녕하세요')
  await expect(chat.userMessages).toHaveCount(0)
  expect(await chatRequests()).toBe(0)

  // The next Enter (no composition now) sends. The page handles keys in order, so this send is
  // the barrier: had the Enter above sent too, there would be two messages and two requests.
  await chat.composer.press('Enter')
  await expect(chat.userMessages.last()).toContainText('안녕하세요')
  await expect(chat.replyBody()).toHaveText('Echo: 안녕하세요')
  await expect(chat.composer).toHaveValue('')
  await expect(chat.userMessages).toHaveCount(1)
  expect(await chatRequests()).toBe(1)
})

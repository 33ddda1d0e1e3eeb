/**
 * Issue 17 item 5: errors lead with a plain sentence in the user's language; host, port, status
 * and the error code wait under "Details" (자세히) for whoever supports them; 502, 503 and 504
 * each say what they mean to a person.
 */
import { expect, test } from './fixtures'
import { attachScreens } from './fixtures/screens'
import { lastKoreanReply, openChat, openKoreanChat } from './fixtures/seed'

test('backend down: a plain sentence first, the server and port under Details, in Korean', async ({
  page,
  backend
}, testInfo) => {
  const composer = await openKoreanChat(page, backend.url)
  await backend.stop()
  try {
    await composer.fill('서버 살아 있나요?')
    await composer.press('Enter')
    const reply = lastKoreanReply(page)
    const sentence = reply.getByText(
      '챗봇 서버에 연결할 수 없습니다. 잠시 후 다시 시도하거나 IT 담당자에게 문의하세요.',
      { exact: true }
    )
    await expect(sentence).toBeVisible()
    // The engineer's words are folded away until asked for.
    const details = reply
      .getByRole('group')
      .filter({ has: page.getByText('자세히', { exact: true }) })
    const host = details.getByText(backend.host, { exact: true })
    await expect(host).toBeHidden()
    await attachScreens(page, testInfo, 'plain-error-ko')
    await details.getByText('자세히', { exact: true }).click()
    await expect(host).toBeVisible()
    await expect(details.getByText(String(backend.port), { exact: true })).toBeVisible()
    await expect(details.getByText('backend.refused', { exact: true })).toBeVisible()
    await expect(details).toContainText(`${backend.host}:${backend.port}에서 응답이 없습니다`)
    await attachScreens(page, testInfo, 'plain-error-ko-details')
  } finally {
    await backend.start()
  }
})

for (const [status, sentence] of [
  [
    502,
    'The chat server did not answer properly (502: the gateway in front of it got no valid reply). It may be restarting: try again in a moment.'
  ],
  [
    503,
    'The chat server is not taking requests right now (503: busy or under maintenance). Try again in a few minutes.'
  ],
  [
    504,
    'The chat server took too long to answer (504: the gateway in front of it gave up waiting). Try again, perhaps with a shorter question.'
  ]
] as const) {
  test(`HTTP ${status} says what it means to a person, with the status under Details`, async ({
    page,
    backend
  }, testInfo) => {
    const chat = await openChat(page, backend.url)
    await backend.setKnobs({ fail_status: status, once: true })
    await chat.send(`question ${status}`)
    const reply = chat.lastReply()
    await expect(reply.getByText(sentence, { exact: true })).toBeVisible()
    await reply.getByText('Details', { exact: true }).click()
    await expect(reply.getByText(`HTTP ${status}`, { exact: true })).toBeVisible()
    await expect(chat.retryButton()).toBeEnabled()
    if (status === 503) await attachScreens(page, testInfo, 'plain-error-503')
  })
}

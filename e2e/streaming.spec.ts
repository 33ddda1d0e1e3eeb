import { expect, test } from './fixtures'
import { openChat } from './fixtures/seed'

const filler = (n: number) => Array.from({ length: n }, (_, i) => ` w${i + 1}`).join('')

test('a reply streams in visibly, token by token, then shows the final text', async ({
  page,
  backend
}) => {
  const chat = await openChat(page, backend.url)
  await backend.setKnobs({ delay_ms: 120, tokens: 12 })
  const texts = await chat.recordReplyTexts()

  await chat.send('hello')
  await expect(chat.userMessages.last()).toContainText('hello')
  // Sent: the box is empty again, and the send button turned into Stop while the reply streams.
  await expect(chat.composer).toHaveValue('')
  await expect(chat.stopButton).toBeVisible()

  // Watch the reply grow: several different partial texts, each the start of the final one
  // (recorded in the page as it renders them, so a busy machine does not hide them).
  const final = `Echo: hello${filler(12)}`
  await expect(chat.replyBody()).toHaveText(final, { timeout: 15_000 })
  const partials = (await texts()).filter((t) => t !== final)
  expect(partials.length, `partial texts seen: ${JSON.stringify(partials)}`).toBeGreaterThanOrEqual(
    3
  )
  for (const partial of partials)
    expect(final.startsWith(partial), `"${partial}" is a start of the reply`).toBe(true)

  // Done: no Stop, Send is back, the reply is neither stopped nor failed.
  await expect(chat.stopButton).toHaveCount(0)
  await expect(chat.sendButton).toBeVisible()
  await expect(chat.lastReply().getByText('Stopped')).toHaveCount(0)
  await expect(chat.lastReply().getByRole('alert')).toHaveCount(0)
})

test('stop mid-stream keeps the partial reply, marked stopped', async ({ page, backend }) => {
  const chat = await openChat(page, backend.url)
  await backend.setKnobs({ delay_ms: 150, tokens: 60 })

  await chat.send('long answer please')
  const reply = chat.lastReply()
  await expect(reply).toContainText('w3')
  await chat.stopButton.click()

  await expect(reply.getByText('Stopped', { exact: true })).toBeVisible()
  await expect(chat.sendButton).toBeVisible()
  const partial = ((await chat.replyBody(reply).textContent()) ?? '').trim()
  expect(partial).toMatch(/^Echo: long answer please w1 w2 w3/)
  expect(partial).not.toContain('w60')

  // Nothing more arrives after the stop: a next reply, streamed at the same pace, is the barrier
  // (the stopped one would have grown by as many words meanwhile)…
  const stopped = chat.replies.first()
  await backend.setKnobs({ delay_ms: 150, tokens: 4 })
  await chat.send('and now a short one')
  await expect(chat.replyBody()).toHaveText('Echo: and now a short one w1 w2 w3 w4')
  await expect(chat.replyBody(stopped)).toHaveText(partial)
  // …and the stopped partial reply is what was saved.
  await page.reload()
  await chat.conversation(/long answer please/).click()
  await expect(chat.replyBody(chat.replies.first())).toHaveText(partial)
  await expect(chat.replies.first().getByText('Stopped', { exact: true })).toBeVisible()
})

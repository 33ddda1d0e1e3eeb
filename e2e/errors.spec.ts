/**
 * When the backend fails, the user sees why in plain words, nothing they typed is lost, and Retry
 * works once the backend is fine again.
 */
import { expect, test } from './fixtures'
import { openChat } from './fixtures/seed'

for (const { status, reason, serverSaid } of [
  {
    status: 500,
    reason: 'The backend answered with an error (HTTP 500).',
    serverSaid: 'Server said: simulated failure 500'
  },
  {
    status: 422,
    reason: 'The backend answered with an error (HTTP 422).',
    serverSaid: 'simulated validation error'
  }
]) {
  test(`HTTP ${status}: a clear message, the message stays, retry works`, async ({
    page,
    backend
  }) => {
    const chat = await openChat(page, backend.url)
    // Only the next request fails: the retry then reaches a healthy backend.
    await backend.setKnobs({ fail_status: status, once: true })

    await chat.send(`question for ${status}`)
    const reply = chat.lastReply()
    const alert = reply.getByRole('alert')
    await expect(alert).toContainText('Failed')
    await expect(alert).toContainText(reason)
    await expect(alert).toContainText(serverSaid)
    await expect(chat.userMessages.last()).toContainText(`question for ${status}`)

    await chat.retryButton().click()
    await expect(chat.replyBody()).toHaveText(`Echo: question for ${status}`)
    await expect(chat.lastReply().getByRole('alert')).toHaveCount(0)
    // One question, one answer: the retry replaced the failed reply instead of adding a second.
    await expect(chat.userMessages).toHaveCount(1)
    await expect(chat.replies).toHaveCount(1)
  })
}

test('backend down: a clear message, the message stays, retry works once it is back', async ({
  page,
  backend
}) => {
  const chat = await openChat(page, backend.url)
  await chat.expectConnection('Connected')

  await backend.stop()
  await chat.send('are you there?')
  const alert = chat.lastReply().getByRole('alert')
  await expect(alert).toContainText(
    `Nothing is answering at ${backend.host}:${backend.port}. Is the backend running?`
  )
  await expect(chat.userMessages.last()).toContainText('are you there?')
  await chat.expectConnection('Connection failed')

  await backend.start()
  await chat.retryButton().click()
  await expect(chat.replyBody()).toHaveText('Echo: are you there?')
  await chat.expectConnection('Connected')
  await expect(chat.userMessages).toHaveCount(1)
})

/**
 * Conversations are the main process's data: they survive a restart of the process that holds the
 * core (the whole app in Electron; the harness process in the web shell, with the page reloaded).
 */
import { expect, test } from './fixtures'
import { seedDirectProfile } from './fixtures/seed'
import { ChatPage } from './pages/ChatPage'

test('conversations survive a restart of the core process', async ({ app, backend }) => {
  await seedDirectProfile(app.page, backend.url)
  let chat = new ChatPage(app.page)
  await chat.waitReady()

  await chat.send('first question')
  await expect(chat.replyBody()).toHaveText('Echo: first question')
  await chat.send('second question 둘째')
  await expect(chat.replyBody()).toHaveText('Echo: second question 둘째')

  await chat.newChatButton.click()
  await chat.send('another conversation')
  await expect(chat.replyBody()).toHaveText('Echo: another conversation')
  await expect(
    chat.conversations.getByRole('button', { name: /first question|another conversation/ })
  ).toHaveCount(2)

  const page = await app.restart()
  chat = new ChatPage(page)

  // Both conversations are listed again, and each opens with its messages in order.
  await expect(chat.conversation(/^first question/)).toBeVisible()
  await expect(chat.conversation(/^another conversation/)).toBeVisible()
  await chat.conversation(/^first question/).click()
  await expect(chat.userMessages).toHaveText([/first question/, /second question 둘째/])
  await expect(chat.replyBodies()).toHaveText([
    'Echo: first question',
    'Echo: second question 둘째'
  ])

  // And the app still works after the restart: the conversation goes on.
  await chat.send('third question')
  await expect(chat.replyBody()).toHaveText('Echo: third question')
})

/**
 * The app and the command line on one data folder at once (issue 15 item 6): what the CLI writes
 * shows up in the running app by itself, in the sidebar and in the open conversation.
 */
import { expect, test } from './fixtures'
import { cli } from './fixtures/cli'
import { openChat } from './fixtures/seed'

test('a reply the CLI adds to the open conversation, and a conversation it removes, show in the app by themselves', async ({
  page,
  app,
  backend
}) => {
  const chat = await openChat(page, backend.url)
  await chat.ask('asked in the app')
  await chat.newChatButton.click()
  await chat.ask('to be removed from the terminal')
  await chat.open('asked in the app')

  const list = JSON.parse((await cli(app.dataDir, 'conversations', 'list', '--json')).stdout) as {
    conversations: Array<{ id: string; title: string }>
  }
  const id = (title: string) => list.conversations.find((c) => c.title === title)!.id
  await cli(app.dataDir, 'chat', '--conversation', id('asked in the app'), 'asked in the terminal')
  await chat.expectUserMessages(['asked in the app', 'asked in the terminal'])
  await expect(chat.replyBodies()).toHaveText([
    'Echo: asked in the app',
    'Echo: asked in the terminal'
  ])

  await cli(app.dataDir, 'conversations', 'remove', id('to be removed from the terminal'))
  await expect(chat.row('to be removed from the terminal')).toHaveCount(0)
  await expect(chat.row('asked in the app')).toHaveCount(1)
})

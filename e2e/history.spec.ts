/**
 * Issue 17 item 3: a follow-up question must not lose its context without a word. Where the user
 * chats, the app says when the server gets no earlier turns; a contract that can carry them is
 * one click from sending the last 10; the original GET call cannot, and the note says so.
 */
import { expect, test } from './fixtures'
import { attachScreens } from './fixtures/screens'
import { openChat, seedProfile } from './fixtures/seed'
import { ChatPage } from './pages/ChatPage'
import { presets } from '../src/shared/presets'

test('a POST server without history says so; one click sends the last 10 turns with the next question', async ({
  page,
  backend
}, testInfo) => {
  await fetch(`${backend.url}/_test/requests`, { method: 'DELETE' })
  await seedProfile(page, {
    name: 'kha streaming',
    connection: { kind: 'direct', url: backend.url },
    contract: {
      ...presets.kha_stream,
      history: { mode: 'none', field: 'history', includeCurrent: false }
    }
  })
  const chat = new ChatPage(page)
  await chat.waitReady()
  const note = page
    .getByRole('note')
    .filter({ hasText: 'This server does not get the earlier conversation' })
  await expect(note).toBeVisible()
  await chat.ask('부산 날씨 알려 줘')
  await attachScreens(page, testInfo, 'history-off')

  await note.getByRole('button', { name: 'Send the last 10 turns' }).click()
  await expect(
    page.getByRole('status').filter({ hasText: 'The last 10 turns now go with each message.' })
  ).toBeVisible()
  await expect(note).toBeHidden()

  await chat.ask('내일은?')
  const posts = (await backend.requests()).filter(
    (r) => r.path === '/api_chat' && r.method === 'POST'
  )
  expect(posts).toHaveLength(2)
  expect((posts[0]!.body as Record<string, unknown>).history).toBeUndefined()
  expect((posts[1]!.body as Record<string, unknown>).history).toEqual([
    { role: 'user', content: '부산 날씨 알려 줘' },
    { role: 'assistant', content: 'Echo: 부산 날씨 알려 줘' }
  ])

  // The profile keeps it: the form shows the last 10 turns.
  await page.reload()
  await chat.waitReady()
  await expect(note).toBeHidden()
})

test('the original GET call cannot carry history: the note says so and leads to the connection settings', async ({
  page,
  backend
}, testInfo) => {
  await openChat(page, backend.url)
  const note = page.getByRole('note').filter({ hasText: 'takes one message only' })
  await expect(note).toContainText('GET /api_chat')
  await attachScreens(page, testInfo, 'history-unsupported')
  await note.getByRole('button', { name: 'Connection settings' }).click()
  await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible()
})

test('presets that carry history show no note', async ({ page, backend }) => {
  await seedProfile(page, {
    name: 'kha streaming',
    connection: { kind: 'direct', url: backend.url },
    contract: presets.kha_stream
  })
  const chat = new ChatPage(page)
  await chat.waitReady()
  await chat.ask('안녕하세요')
  await expect(page.getByRole('note')).toHaveCount(0)
})

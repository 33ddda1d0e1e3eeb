/**
 * Issue 14 item 6: the error table's "what to do" shows under every error, in the UI language,
 * and where one button does it, that button is there and works. Real failures from the reference
 * backend: a reply stream that drops mid-way, a server that refuses the credentials.
 */
import { expect, test } from './fixtures'
import { attachScreens } from './fixtures/screens'
import { lastKoreanReply, openKoreanChat, seedProfile } from './fixtures/seed'
import { ChatPage } from './pages/ChatPage'
import { SettingsPage } from './pages/SettingsPage'

test('a reply that dropped says to try again (in Korean), and its Retry brings the answer', async ({
  page,
  backend
}, testInfo) => {
  const composer = await openKoreanChat(page, backend.url)
  await backend.setKnobs({ drop_after: 1, tokens: 6, once: true })
  await composer.fill('끊겨도 괜찮나요?')
  await composer.press('Enter')
  const reply = lastKoreanReply(page)
  const failure = reply.getByRole('alert')
  // The plain sentence, then what to do from the error table.
  await expect(
    failure.getByText('답변을 받는 도중 챗봇 서버와의 연결이 끊어졌습니다. 다시 시도하세요.', {
      exact: true
    })
  ).toBeVisible()
  await expect(failure.getByText('다시 시도해 주세요.', { exact: true })).toBeVisible()
  // Its button is the reply's own Retry: there is one, not two.
  const retry = reply.getByRole('button', { name: '다시 시도', exact: true })
  await expect(retry).toHaveCount(1)
  await attachScreens(page, testInfo, 'advice-retry-ko')
  await retry.click()
  await expect(reply.locator('.msg-body')).toHaveText('Echo: 끊겨도 괜찮나요?')
  await expect(failure).toHaveCount(0)
})

test('a refused API key says to enter it again; its button opens that profile where credentials are set, and once the key is saved the reply is asked again by itself', async ({
  page,
  backend
}, testInfo) => {
  await seedProfile(page, {
    name: 'Team server',
    connection: { kind: 'direct', url: backend.url }
  })
  const chat = new ChatPage(page)
  await chat.waitReady()
  // A question of this run only: the backend's request log (shared by the specs) is counted by it.
  const question = `who am I? (${testInfo.testId.slice(0, 8)}-${testInfo.retry})`
  const asked = async () =>
    (await backend.requests()).filter(
      (r) =>
        String(r.path) === '/api_chat' && (r.query as Record<string, string>).message === question
    ) as Array<{ headers: Record<string, string> }>
  await backend.setKnobs({ fail_status: 401, once: true })
  await chat.send(question)
  const failure = chat.lastReply().getByRole('alert')
  await expect(failure.getByText('Enter the password or key again.', { exact: true })).toBeVisible()
  await expect(
    failure.getByText('Once you have entered it, this question is asked again by itself.')
  ).toBeVisible()
  expect(await asked()).toHaveLength(1)
  await attachScreens(page, testInfo, 'advice-enter-secret')
  await failure.getByRole('button', { name: 'Enter password or key' }).click()

  // Settings, on that profile's form, with the cursor where the credentials are set.
  const settings = new SettingsPage(page)
  await expect(settings.form).toBeVisible()
  await expect(settings.field('Name')).toHaveValue('Team server')
  await expect(settings.field('Backend authentication')).toBeFocused()
  await attachScreens(page, testInfo, 'advice-enter-secret-settings')
  await settings.field('Backend authentication').selectOption('bearer')
  await settings.field('API key').fill('sk-team')
  await settings.save()
  await settings.backToChat()
  // Back in the chat the reply is asked again by itself (no Retry click), once, with the key.
  await expect(chat.replyBody()).toHaveText(`Echo: ${question}`)
  await expect(chat.lastReply().getByRole('alert')).toHaveCount(0)
  await expect(chat.lastReply().getByText('2/2')).toBeVisible()
  const requests = await asked()
  expect(requests).toHaveLength(2)
  expect(requests[1]!.headers.authorization).toBe('Bearer sk-team')
})

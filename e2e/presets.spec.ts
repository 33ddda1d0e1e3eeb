/**
 * Backend presets through the UI (issue 10): the OpenAI-compatible preset filled in one click,
 * the API key kept out of the profile file and the page, a wrong key explained, the whole
 * conversation reaching the server as sent; and the original GET /api_chat call.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { startBackend } from '../test/fixtures/backend'
import { expect, test } from './fixtures'
import { ChatPage } from './pages/ChatPage'
import { SettingsPage } from './pages/SettingsPage'

const apiKey = 'sk-e2e-4f8b1d'

test('OpenAI-compatible preset: one click, a refused key explained, then the whole conversation streamed', async ({
  page,
  app
}) => {
  const gateway = await startBackend({ env: { KHA_API_KEY: apiKey } })
  try {
    const chat = new ChatPage(page)
    const form = new SettingsPage(page)
    await expect(form.form).toBeVisible()
    await form.fill({ name: 'Gateway', url: gateway.url })
    await form.field('Preset').selectOption({ label: 'OpenAI-compatible server' })
    await form.form.getByRole('button', { name: 'Apply preset' }).click()
    // The preset filled the contract; every field stays editable.
    await expect(form.field('Chat path')).toHaveValue('/v1/chat/completions')
    await expect(form.field('Reply field')).toHaveValue('choices.0.delta.content')
    await form.field('Model').fill('kha-echo-2')
    await form.field('API key').fill('sk-wrong')
    await form.save()
    await chat.waitReady()

    await chat.send('hello')
    const alert = chat.lastReply().getByRole('alert')
    await expect(alert).toContainText(
      'The backend refused the credentials (HTTP 401). Check the API key in the profile.'
    )
    await expect(alert).toContainText('Invalid API key provided.')
    await expect(chat.userMessages.last()).toContainText('hello')

    // Fix the key in Settings: back in the chat the reply is asked again by itself, and the same
    // conversation goes on.
    await chat.openSettings()
    await form.editProfile('Gateway')
    await form.field('API key').fill(apiKey)
    await form.save()
    await form.backToChat()
    await expect(chat.replyBody()).toHaveText('Echo: hello')
    await chat.ask('again')

    const requests = (await gateway.requests()).filter(
      (r) => String(r.path) === '/v1/chat/completions'
    )
    const last = requests.at(-1) as {
      body: Record<string, unknown>
      headers: Record<string, string>
    }
    expect(last.body).toMatchObject({
      model: 'kha-echo-2',
      stream: true,
      messages: [
        { role: 'user', content: 'hello' },
        { role: 'assistant', content: 'Echo: hello' },
        { role: 'user', content: 'again' }
      ]
    })
    expect(last.headers.authorization).toBe(`Bearer ${apiKey}`)
    // The key lives in main's secret store only: not in the profile file, not in the page.
    expect(readFileSync(join(app.dataDir, 'profiles.json'), 'utf8')).not.toContain(apiKey)
    expect(await page.content()).not.toContain(apiKey)
  } finally {
    await gateway.stop()
  }
})

test('kha_backend (GET) preset: the original one-message call with a JSON reply', async ({
  page,
  backend
}) => {
  const chat = new ChatPage(page)
  const form = new SettingsPage(page)
  await expect(form.form).toBeVisible()
  await form.fill({ name: 'Original call', url: backend.url })
  await form.field('Preset').selectOption({ label: 'kha backend: GET /api_chat, JSON reply' })
  await form.form.getByRole('button', { name: 'Apply preset' }).click()
  await expect(form.field('HTTP method')).toHaveValue('GET')
  await expect(form.field('Reply format')).toHaveValue('json')
  await form.save()
  await chat.waitReady()
  await chat.ask('첫 질문')
  const last = (await backend.requests()).filter((r) => String(r.path) === '/api_chat').at(-1) as {
    method: string
    query: Record<string, unknown>
  }
  expect(last.method).toBe('GET')
  expect(last.query).toMatchObject({ message: '첫 질문' })
})

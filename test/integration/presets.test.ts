/**
 * Each backend preset end to end against the reference backend, the history each profile asks
 * for reaching the server as sent, and the API key kept out of the profile file.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { presets, type PresetId } from '../../src/shared/presets'
import type { TestCore } from '../helpers/core'
import { testCores, withBackend } from '../helpers/integration'

const apiKey = 'sk-test-7f3a9c'
let t: TestCore
const backend = withBackend({ env: { KHA_API_KEY: apiKey } })
const cores = testCores()

async function withPreset(id: PresetId, extra: Record<string, unknown> = {}) {
  t = await cores.start()
  const { saved: profile } = await t.ok('profiles:save', {
    draft: {
      name: id,
      connection: { kind: 'direct', url: backend.url },
      contract: { ...presets[id], ...extra }
    }
  })
  return profile
}

async function ask(text: string, conversationId?: string) {
  const sent = await t.ok('chat:send', { text, ...(conversationId ? { conversationId } : {}) })
  const outcome = await t.outcome(sent.assistantMessage.id)
  return { sent, message: outcome.message }
}

async function lastChatRequest() {
  const requests = await backend.requests()
  return [...requests]
    .reverse()
    .find((r) => String(r.path).match(/api_chat|chat\/completions/)) as {
    body?: Record<string, unknown>
    query?: Record<string, unknown>
  }
}

describe('backend presets against the reference backend', () => {
  it('kha_backend (GET): the original one-message call with a JSON reply', async () => {
    await withPreset('kha_get')
    expect((await ask('첫 질문')).message).toMatchObject({ status: 'done', text: 'Echo: 첫 질문' })
    expect((await lastChatRequest()).query).toMatchObject({ message: '첫 질문' })
  })

  it('kha_backend (streaming): sends the last N turns as history', async () => {
    await withPreset('kha_stream', {
      history: { mode: 'lastN', turns: 1, field: 'history', includeCurrent: false }
    })
    const first = await ask('q1')
    await ask('q2', first.sent.conversation.id)
    const third = await ask('q3', first.sent.conversation.id)
    expect(third.message.text).toBe('Echo: q3')
    expect((await lastChatRequest()).body).toMatchObject({
      message: 'q3',
      history: [
        { role: 'user', content: 'q2' },
        { role: 'assistant', content: 'Echo: q2' }
      ]
    })
  })

  it('OpenAI-compatible: streams choices[0].delta.content with the whole conversation, model and system prompt', async () => {
    const profile = await withPreset('openai', {
      model: 'kha-echo-2',
      systemPrompt: '짧게 답하세요'
    })
    await t.ok('profiles:setApiKey', { id: profile.id, value: apiKey })
    expect(await t.ok('backend:models')).toEqual(['kha-echo-1', 'kha-echo-2'])
    const first = await ask('hello')
    expect(first.message).toMatchObject({ status: 'done', text: 'Echo: hello' })
    await ask('again', first.sent.conversation.id)
    expect((await lastChatRequest()).body).toMatchObject({
      model: 'kha-echo-2',
      stream: true,
      messages: [
        { role: 'system', content: '짧게 답하세요' },
        { role: 'user', content: 'hello' },
        { role: 'assistant', content: 'Echo: hello' },
        { role: 'user', content: 'again' }
      ]
    })
    // The key lives in the secret store only: never in the profile file or what the renderer gets.
    expect(readFileSync(join(t.dataDir, 'profiles.json'), 'utf8')).not.toContain(apiKey)
    const state = await t.ok('profiles:list')
    expect(JSON.stringify(state)).not.toContain(apiKey)
    expect(state.withApiKey).toEqual([profile.id])
  })

  it('a missing or wrong API key gives a clear unauthorized error in the server words', async () => {
    const profile = await withPreset('openai')
    const missing = await ask('hi')
    expect(missing.message.error).toMatchObject({
      code: 'backend.unauthorized',
      params: { status: 401 },
      serverText: 'Invalid API key provided.'
    })
    await t.ok('profiles:setApiKey', { id: profile.id, value: 'sk-wrong' })
    expect((await ask('hi')).message.error?.code).toBe('backend.unauthorized')
  })
})

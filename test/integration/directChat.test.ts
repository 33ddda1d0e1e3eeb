/**
 * The core against the real reference backend under uvicorn, over every reply format and every
 * way a reply can go wrong. Each assertion is something a user would see: the text, the status
 * badge, the reason shown, the message kept for retry.
 */
import { Duplex } from 'node:stream'
import http from 'node:http'
import { describe, expect, it } from 'vitest'
import { streamChat } from '../../src/core/backend/client'
import { buildChatRequest } from '../../src/core/backend/request'
import type { EventPayloads } from '../../src/shared/ipc/contract'
import { BackendContractSchema } from '../../src/shared/profile'
import type { TestCore } from '../helpers/core'
import { directDraft, saveProfile, testCores, withBackend } from '../helpers/integration'

let t: TestCore
const backend = withBackend()
const cores = testCores()

async function coreWith(
  contract: Record<string, unknown>,
  timeouts?: { connectSec: number; idleSec: number }
) {
  t = await cores.start()
  await saveProfile(t, directDraft(backend.url, { contract, ...(timeouts ? { timeouts } : {}) }))
  return t
}

/** Send and wait for the reply's outcome; returns the final assistant message and the deltas seen. */
async function sendAndWait(text: string, conversationId?: string) {
  const sent = await t.ok('chat:send', { text, ...(conversationId ? { conversationId } : {}) })
  const id = sent.assistantMessage.id
  const outcome = await t.outcome(id)
  const payloads = t.events
    .filter(
      (e) => e.event === 'chat:delta' && (e.payload as { messageId: string }).messageId === id
    )
    .map((e) => e.payload as { text: string; offset: number })
  return {
    sent,
    message: outcome.message,
    deltas: payloads.map((p) => p.text),
    offsets: payloads.map((p) => p.offset)
  }
}

const formats = [
  {
    name: 'GET + JSON field (the original call)',
    contract: { method: 'GET', replyFormat: 'json', replyField: 'reply' }
  },
  {
    name: 'POST + JSON field',
    contract: { method: 'POST', replyFormat: 'json', replyField: 'reply' }
  },
  {
    name: 'plain text stream',
    contract: {
      method: 'GET',
      replyFormat: 'text',
      extraParams: [{ name: 'format', value: 'text' }]
    }
  },
  {
    name: 'Server-Sent Events',
    contract: {
      method: 'GET',
      replyFormat: 'sse',
      replyField: 'delta',
      extraParams: [{ name: 'format', value: 'sse' }]
    }
  },
  {
    name: 'NDJSON over POST',
    contract: {
      method: 'POST',
      replyFormat: 'ndjson',
      replyField: 'delta',
      extraParams: [{ name: 'format', value: 'ndjson' }]
    }
  }
]

describe('direct mode against the reference backend', () => {
  for (const f of formats) {
    it(`streams a Korean reply: ${f.name}`, async () => {
      await coreWith(f.contract)
      const { message } = await sendAndWait('안녕하세요, 서버 B')
      expect(message).toMatchObject({ status: 'done', text: 'Echo: 안녕하세요, 서버 B' })
    })
  }

  it('delivers a streamed reply in several batched deltas, then the final text', async () => {
    await coreWith({
      replyFormat: 'sse',
      replyField: 'delta',
      extraParams: [{ name: 'format', value: 'sse' }],
      headers: [{ name: 'X-Test-Delay-Ms', value: '40' }]
    })
    const { message, deltas, offsets } = await sendAndWait('one two three four five six')
    expect(deltas.length).toBeGreaterThan(2)
    expect(deltas.join('')).toBe(message.text)
    // Each batch says where it starts, so a renderer that loaded the text mid-reply can place it.
    expect(offsets).toEqual(deltas.map((_, i) => deltas.slice(0, i).join('').length))
    expect(message.text).toBe('Echo: one two three four five six')
  })

  it('announces a turn with its one summary, whatever the length of the list, and the end with the revision it stored', async () => {
    await coreWith({ replyFormat: 'json', replyField: 'reply' })
    // 60 conversations in the sidebar: a send must not carry all of them to every window.
    const backup = Array.from({ length: 60 }, (_, i) => ({
      id: `old-${i}`,
      title: `Old ${i}`,
      createdAt: i,
      updatedAt: i,
      messages: []
    }))
    await t.ok('conversations:importBackup', {
      content: JSON.stringify({ format: 'kha-desktop-backup', version: 1, conversations: backup })
    })
    const from = t.events.length
    const { sent, message } = await sendAndWait('hello')
    const events = t.events.slice(from)
    expect(events.map((e) => e.event)).not.toContain('conversations:changed')
    expect(events.find((e) => e.event === 'conversations:updated')?.payload).toEqual({
      conversation: sent.conversation
    })
    // chat:done says what the conversation's revision is now that the reply is stored: the one a
    // fresh read gives, so a window holding the conversation knows it is current.
    const done = events.find((e) => e.event === 'chat:done')?.payload as EventPayloads['chat:done']
    expect(done.message).toEqual(message)
    const stored = await t.ok('conversations:get', { id: sent.conversation.id })
    expect(done.conversation?.revision).toBe(stored.revision)
    expect(done.conversation?.revision).toBe(sent.conversation.revision! + 1)
  })

  it('decodes a Korean reply whose characters are split across network writes', async () => {
    await coreWith({
      replyFormat: 'text',
      extraParams: [
        { name: 'format', value: 'text' },
        { name: 'split_utf8', value: '1' }
      ]
    })
    const { message } = await sendAndWait('한국어 문장입니다')
    expect(message.text).toBe('Echo: 한국어 문장입니다')
    expect(message.text).not.toContain('\uFFFD')
  })

  it('stop keeps the partial reply, marked stopped, and survives a restart', async () => {
    await coreWith({
      replyFormat: 'sse',
      replyField: 'delta',
      extraParams: [
        { name: 'format', value: 'sse' },
        { name: 'delay_ms', value: '150' },
        { name: 'tokens', value: '50' }
      ]
    })
    const sent = await t.ok('chat:send', { text: 'long please' })
    await t.next('chat:delta', (p) => p.messageId === sent.assistantMessage.id)
    expect(await t.ok('chat:stop', { conversationId: sent.conversation.id })).toEqual({
      stopped: true
    })
    const conversation = await t.ok('conversations:get', { id: sent.conversation.id })
    const reply = conversation.messages[1]
    expect(reply?.status).toBe('stopped')
    expect(reply?.text.startsWith('Echo')).toBe(true)
    expect(reply?.text.length).toBeLessThan('Echo: long please'.length + 50 * 4)
    const dataDir = t.dataDir
    await t.core.dispose()
    const again = await cores.start({ dataDir })
    expect(
      (await again.ok('conversations:get', { id: sent.conversation.id })).messages.map(
        (m) => m.status
      )
    ).toEqual(['done', 'stopped'])
    await again.core.dispose()
  })

  it("shows FastAPI's 422 detail in the server's own words, and keeps the user's message", async () => {
    await coreWith({ headers: [{ name: 'X-Test-Fail-Status', value: '422' }] })
    const { message, sent } = await sendAndWait('hello')
    expect(message.status).toBe('failed')
    expect(message.error).toMatchObject({
      code: 'backend.http_status',
      params: { status: 422 },
      serverText: 'message: simulated validation error'
    })
    const conversation = await t.ok('conversations:get', { id: sent.conversation.id })
    expect(conversation.messages[0]).toMatchObject({ role: 'user', text: 'hello' })
  })

  it('reports a 500 and succeeds on retry once the backend is healthy again', async () => {
    await coreWith({})
    await backend.setKnobs({ fail_status: 500 })
    const { message, sent } = await sendAndWait('retry me')
    expect(message.error).toMatchObject({ code: 'backend.http_status', params: { status: 500 } })
    await backend.clearKnobs()
    const retried = await t.ok('chat:retry', {
      conversationId: sent.conversation.id,
      messageId: sent.userMessage.id
    })
    const done = await t.next('chat:done', (p) => p.message.id === retried.assistantMessage.id)
    expect(done.message.text).toBe('Echo: retry me')
    const conversation = await t.ok('conversations:get', { id: sent.conversation.id })
    expect(conversation.messages.map((m) => [m.role, m.status])).toEqual([
      ['user', 'done'],
      ['assistant', 'done']
    ])
  })

  it('a stream dropped mid-reply keeps the partial text, says the reply was cut, and retry works', async () => {
    await coreWith({
      replyFormat: 'sse',
      replyField: 'delta',
      extraParams: [{ name: 'format', value: 'sse' }]
    })
    await backend.setKnobs({ drop_after: 2, tokens: 10 })
    const { message, sent } = await sendAndWait('cut me')
    expect(message.status).toBe('failed')
    expect(message.error?.code).toBe('backend.stream_dropped')
    expect(message.text.length).toBeGreaterThan(0)
    await backend.clearKnobs()
    const retried = await t.ok('chat:retry', {
      conversationId: sent.conversation.id,
      messageId: sent.userMessage.id
    })
    expect(
      (await t.next('chat:done', (p) => p.message.id === retried.assistantMessage.id)).message.text
    ).toBe('Echo: cut me')
  })

  it('fails with an idle timeout when the backend goes silent', async () => {
    await coreWith(
      {
        replyFormat: 'sse',
        replyField: 'delta',
        extraParams: [
          { name: 'format', value: 'sse' },
          { name: 'delay_ms', value: '3000' }
        ]
      },
      { connectSec: 5, idleSec: 1 }
    )
    const { message } = await sendAndWait('slow')
    expect(message.error).toMatchObject({ code: 'backend.idle_timeout', params: { seconds: 1 } })
  })

  it('says the backend is down, keeps the message, and retry works when it is back', async () => {
    await coreWith({})
    await backend.stop()
    try {
      const { message, sent } = await sendAndWait('are you there?')
      expect(message.error).toMatchObject({
        code: 'backend.refused',
        params: { host: '127.0.0.1', port: String(backend.port) }
      })
      expect((await t.ok('connection:state')).status).toBe('failed')
      await backend.start()
      const retried = await t.ok('chat:retry', {
        conversationId: sent.conversation.id,
        messageId: sent.userMessage.id
      })
      expect(
        (await t.next('chat:done', (p) => p.message.id === retried.assistantMessage.id)).message
          .text
      ).toBe('Echo: are you there?')
      expect((await t.ok('connection:state')).status).toBe('connected')
    } finally {
      await backend.start()
    }
  })

  it('health check reports the backend and its latency', async () => {
    await coreWith({})
    const health = await t.ok('connection:check')
    expect(health.ok).toBe(true)
    expect(health.status).toBe(200)
  })

  it('rejects bad profile input naming the field, and bad IPC arguments without a crash', async () => {
    t = await cores.start()
    const bad = await t.call('profiles:save', {
      draft: { name: 'x', connection: { kind: 'direct', url: 'localhost:8030' } }
    })
    expect(bad.ok ? null : bad.error).toMatchObject({
      code: 'profile.invalid',
      fields: [{ field: 'connection.url', code: 'invalid_url' }]
    })
    const malformed = await t.core.dispatch('chat:send', { text: 42 })
    expect(malformed.ok ? null : malformed.error.code).toBe('ipc.bad_request')
    const unknown = await t.core.dispatch('fs:readFile', '/etc/passwd')
    expect(unknown.ok ? null : unknown.error.code).toBe('ipc.unknown_channel')
    const noProfile = await t.call('chat:send', { text: 'hi' })
    expect(noProfile.ok ? null : noProfile.error.code).toBe('profile.none_selected')
  })
})

describe('backend client timeouts', () => {
  it('fails with a connect timeout when the connection never opens', async () => {
    // A socket that never finishes connecting, as a blackholed LAN address would behave.
    class NeverConnects extends Duplex {
      connecting = true
      override _read() {}
      override _write(_c: unknown, _e: BufferEncoding, cb: () => void) {
        cb()
      }
    }
    const agent = new http.Agent()
    ;(agent as unknown as { createConnection: () => Duplex }).createConnection = () =>
      new NeverConnects()
    const link = {
      origin: new URL('http://10.255.255.1:8000'),
      agent,
      close: async () => undefined
    }
    const spec = buildChatRequest(link.origin, BackendContractSchema.parse({}), { text: 'x' })
    await expect(
      streamChat(link, spec, { format: 'json', field: 'reply', connectMs: 300, idleMs: 5000 })
    ).rejects.toMatchObject({
      error: { code: 'backend.connect_timeout', params: { host: '10.255.255.1' } }
    })
  })
})

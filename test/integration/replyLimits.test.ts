/**
 * A hostile backend cannot exhaust the app's memory (issue 16 item 8): the whole core against the
 * real reference backend, whose `reply` knob sends a reply of any size. The profile's limits stop
 * the reading with a clear error; the text received before the limit is kept on the message.
 */
import { describe, expect, it } from 'vitest'
import type { TestCore } from '../helpers/core'
import { testCores, withBackend } from '../helpers/integration'

let t: TestCore | undefined
const backend = withBackend()
const cores = testCores()

const formats = {
  text: { replyFormat: 'text', extraParams: [{ name: 'format', value: 'text' }] },
  sse: { replyFormat: 'sse', replyField: 'delta', extraParams: [{ name: 'format', value: 'sse' }] },
  ndjson: {
    replyFormat: 'ndjson',
    replyField: 'delta',
    extraParams: [{ name: 'format', value: 'ndjson' }]
  },
  json: { replyFormat: 'json', replyField: 'reply' }
} as const

async function replyWith(
  format: keyof typeof formats,
  reply: string,
  limits: { replyKiB?: number; eventKiB?: number }
) {
  t = await cores.start()
  await t.ok('profiles:save', {
    draft: {
      name: 'ref',
      connection: { kind: 'direct', url: backend.url },
      contract: formats[format],
      limits
    }
  })
  await backend.setKnobs({ reply })
  const sent = await t.ok('chat:send', { text: 'big' })
  return (await t.outcome(sent.assistantMessage.id, 30_000)).message
}

describe('reply size limits', () => {
  it('stops a streamed reply at the profile’s limit, keeping the text received so far', async () => {
    const reply = 'word '.repeat(40_000) // 200 kB, in many small pieces
    const message = await replyWith('text', reply, { replyKiB: 64 })
    expect(message.status).toBe('failed')
    expect(message.error).toMatchObject({
      code: 'backend.reply_too_large',
      params: { limit: '64 KiB' }
    })
    expect(message.text.length).toBeGreaterThan(0)
    expect(message.text.length).toBeLessThanOrEqual(64 * 1024)
    expect(reply.startsWith(message.text)).toBe(true)
  })

  it('stops a JSON reply larger than the limit instead of buffering all of it', async () => {
    const message = await replyWith('json', 'x'.repeat(100_000), { replyKiB: 64 })
    expect(message.error).toMatchObject({ code: 'backend.reply_too_large' })
  })

  for (const format of ['sse', 'ndjson'] as const) {
    it(`stops one ${format} piece larger than the limit; the pieces before it are kept`, async () => {
      // Tokens are split at spaces: 'hello ' is one piece, the 40 kB word the next.
      const message = await replyWith(format, `hello ${'x'.repeat(40_000)} bye`, { eventKiB: 16 })
      expect(message.status).toBe('failed')
      expect(message.error).toMatchObject({
        code: 'backend.event_too_large',
        params: { limit: '16 KiB' }
      })
      expect(message.text).toBe('hello ')
    })
  }

  it('has generous defaults: a 2 MB reply in 1 kB pieces arrives whole', async () => {
    const reply = `${'y'.repeat(1000)} `.repeat(2000)
    const message = await replyWith('sse', reply, {})
    expect(message).toMatchObject({ status: 'done' })
    expect(message.text).toBe(reply)
  })
})

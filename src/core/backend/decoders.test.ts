import { describe, expect, it } from 'vitest'
import { AppFailure } from '@shared/errors'
import { decodeReply } from './decoders'

async function* chunks(...parts: (string | Uint8Array)[]) {
  for (const p of parts) yield typeof p === 'string' ? new TextEncoder().encode(p) : p
}

async function collect(gen: AsyncGenerator<string>): Promise<string[]> {
  const out: string[] = []
  for await (const d of gen) out.push(d)
  return out
}

describe('reply decoders', () => {
  it('joins a Korean character split across two network chunks', async () => {
    const bytes = new TextEncoder().encode('안녕하세요')
    // Split inside the first character's three UTF-8 bytes.
    const out = await collect(decodeReply('text', '', chunks(bytes.slice(0, 1), bytes.slice(1, 4), bytes.slice(4))))
    expect(out.join('')).toBe('안녕하세요')
    expect(out.join('')).not.toContain('\uFFFD')
  })

  it('reads the text at a dotted path of a JSON reply', async () => {
    expect(await collect(decodeReply('json', 'reply', chunks('{"re', 'ply":"Echo: hi"}')))).toEqual(['Echo: hi'])
    expect(await collect(decodeReply('json', 'choices.0.message.content', chunks('{"choices":[{"message":{"content":"ok"}}]}')))).toEqual(['ok'])
  })

  it('names the field when a JSON reply lacks it', async () => {
    await expect(collect(decodeReply('json', 'reply', chunks('{"answer":"x"}')))).rejects.toMatchObject({
      error: { code: 'backend.bad_reply', params: { field: 'reply' } }
    })
    await expect(collect(decodeReply('json', 'reply', chunks('<html>')))).rejects.toBeInstanceOf(AppFailure)
  })

  it('streams SSE events split anywhere, skips events without text and stops at [DONE]', async () => {
    const out = await collect(
      decodeReply('sse', 'choices.0.delta.content', chunks('data: {"choices":[{"delta":{"role":"assistant"}}]}\n\nda', 'ta: {"choices":[{"delta":{"content":"Hel"}}]}\n', '\ndata: {"choices":[{"delta":{"content":"lo"}}]}\n\ndata: [DONE]\n\ndata: {"choices":[{"delta":{"content":"after"}}]}\n\n'))
    )
    expect(out).toEqual(['Hel', 'lo'])
  })

  it('treats a plain-text SSE event as the text itself', async () => {
    expect(await collect(decodeReply('sse', 'delta', chunks('data: plain words\n\n')))).toEqual(['plain words'])
  })

  it('streams NDJSON lines, including a last line without a newline', async () => {
    expect(await collect(decodeReply('ndjson', 'delta', chunks('{"delta":"a"}\n{"del', 'ta":"b"}\n{"done":true}\n{"delta":"c"}')))).toEqual(['a', 'b', 'c'])
  })

  it('rejects an NDJSON line that is not JSON', async () => {
    await expect(collect(decodeReply('ndjson', 'delta', chunks('oops\n')))).rejects.toMatchObject({ error: { code: 'backend.bad_reply' } })
  })
})

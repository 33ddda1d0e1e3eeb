import { describe, expect, it } from 'vitest'
import { capReply } from './limits'

async function* chunks(...parts: string[]): AsyncGenerator<Uint8Array> {
  for (const p of parts) yield Buffer.from(p)
}
async function drain(body: AsyncIterable<Uint8Array>): Promise<{ text: string; error?: string }> {
  let text = ''
  try {
    for await (const c of body) text += Buffer.from(c).toString()
    return { text }
  } catch (error) {
    return { text, error: (error as { error?: { code: string } }).error?.code }
  }
}

describe('capReply', () => {
  it('counts an SSE event up to its empty line, whatever the line ends (LF, CRLF, CR)', async () => {
    const event = (n: number, eol: string) => `data: ${'a'.repeat(n)}${eol}${eol}`
    // Many 10 KiB events under a 16 KiB event limit: each one counts alone.
    for (const eol of ['\n', '\r\n', '\r']) {
      const body = Array.from({ length: 20 }, () => event(10 * 1024, eol))
      expect((await drain(capReply(chunks(...body), 'sse', { replyKiB: 1024, eventKiB: 16 }))).error, JSON.stringify(eol)).toBeUndefined()
    }
    // One event of many short lines is still one event.
    const lines = Array.from({ length: 3000 }, () => 'data: 0123456789\r\n').join('')
    expect((await drain(capReply(chunks(lines), 'sse', { replyKiB: 1024, eventKiB: 16 }))).error).toBe('backend.event_too_large')
  })

  it('passes on everything before the limit, in the chunk that crosses it too', async () => {
    const out = await drain(capReply(chunks('{"delta":"a"}\n{"delta":"b"}\n' + 'x'.repeat(20 * 1024)), 'ndjson', { replyKiB: 1024, eventKiB: 16 }))
    expect(out.error).toBe('backend.event_too_large')
    expect(out.text.startsWith('{"delta":"a"}\n{"delta":"b"}\n')).toBe(true)
    expect(out.text.length).toBe(28 + 16 * 1024)
  })
})

/**
 * Reply decoders: turn the raw bytes of a backend reply into text deltas, for each reply format
 * a profile can name. Pure: they take an async iterable of byte chunks and yield strings, so they
 * are tested without a network. UTF-8 is decoded in streaming mode, so a Korean character split
 * across two network chunks comes out whole.
 */
import { createParser, type EventSourceMessage } from 'eventsource-parser'
import { fail } from '@shared/errors'
import type { ReplyFormat } from '@shared/profile'
import { pickField } from './fieldPath'

type Bytes = AsyncIterable<Uint8Array>

export function decodeReply(format: ReplyFormat, field: string, body: Bytes): AsyncGenerator<string> {
  switch (format) {
    case 'json':
      return decodeJson(body, field)
    case 'text':
      return decodeText(body)
    case 'sse':
      return decodeSse(body, field)
    case 'ndjson':
      return decodeNdjson(body, field)
  }
}

async function* textChunks(body: Bytes): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8')
  for await (const chunk of body) {
    const text = decoder.decode(chunk, { stream: true })
    if (text) yield text
  }
  const rest = decoder.decode()
  if (rest) yield rest
}

export async function* decodeText(body: Bytes): AsyncGenerator<string> {
  yield* textChunks(body)
}

export async function* decodeJson(body: Bytes, field: string): AsyncGenerator<string> {
  let text = ''
  for await (const chunk of textChunks(body)) text += chunk
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    fail('backend.bad_reply', 'The backend reply is not JSON', { params: { format: 'json' } })
  }
  yield textOf(pickField(parsed, field), field)
}

/**
 * Server-Sent Events. Each event's data is JSON (the text at `field`) or plain text; `[DONE]`
 * ends the stream (OpenAI's convention). Events without the field (a role-only chunk, a `done`
 * marker) carry no text and are skipped.
 */
export async function* decodeSse(body: Bytes, field: string): AsyncGenerator<string> {
  const pending: string[] = []
  let finished = false
  const parser = createParser({
    onEvent(event: EventSourceMessage) {
      if (finished) return
      if (event.data === '[DONE]') {
        finished = true
        return
      }
      const text = eventText(event.data, field)
      if (text) pending.push(text)
    }
  })
  for await (const chunk of textChunks(body)) {
    parser.feed(chunk)
    while (pending.length) yield pending.shift() as string
    if (finished) return
  }
}

export async function* decodeNdjson(body: Bytes, field: string): AsyncGenerator<string> {
  let buffer = ''
  for await (const chunk of textChunks(body)) {
    buffer += chunk
    let newline: number
    while ((newline = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, newline).trim()
      buffer = buffer.slice(newline + 1)
      if (line) {
        const text = lineText(line, field)
        if (text) yield text
      }
    }
  }
  const last = buffer.trim()
  if (last) {
    const text = lineText(last, field)
    if (text) yield text
  }
}

function eventText(data: string, field: string): string {
  try {
    const value = pickField(JSON.parse(data), field)
    return typeof value === 'string' ? value : ''
  } catch {
    // Not JSON: a plain-text event is the text itself.
    return data
  }
}

function lineText(line: string, field: string): string {
  let parsed: unknown
  try {
    parsed = JSON.parse(line)
  } catch {
    fail('backend.bad_reply', 'A line of the NDJSON reply is not JSON', { params: { format: 'ndjson' } })
  }
  const value = pickField(parsed, field)
  return typeof value === 'string' ? value : ''
}

function textOf(value: unknown, field: string): string {
  if (typeof value === 'string') return value
  fail('backend.bad_reply', `The backend reply has no text at "${field}"`, { params: { field } })
}

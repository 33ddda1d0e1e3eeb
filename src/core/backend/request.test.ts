import { describe, expect, it } from 'vitest'
import { BackendContractSchema } from '@shared/profile'
import { buildChatRequest } from './request'

const contract = (over: object) => BackendContractSchema.parse(over)

describe('buildChatRequest', () => {
  it('sends the message as a query parameter for GET, as the original front end did', () => {
    const spec = buildChatRequest(new URL('http://192.168.0.20:8000'), contract({ method: 'GET', extraParams: [{ name: 'format', value: 'sse' }] }), { text: '안녕 & bye' })
    expect(spec.method).toBe('GET')
    expect(spec.url.pathname).toBe('/api_chat')
    expect(spec.url.searchParams.get('message')).toBe('안녕 & bye')
    expect(spec.url.searchParams.get('format')).toBe('sse')
    expect(spec.body).toBeUndefined()
  })

  it('sends JSON with the configured field for POST, and keeps a base path of the URL', () => {
    const spec = buildChatRequest(new URL('http://host:1/prefix/'), contract({ method: 'POST', path: '/chat', messageField: 'prompt', headers: [{ name: 'X-Team', value: 'a' }] }), { text: 'hi' })
    expect(spec.url.toString()).toBe('http://host:1/prefix/chat')
    expect(JSON.parse(spec.body ?? '')).toEqual({ prompt: 'hi' })
    expect(spec.headers['content-type']).toBe('application/json')
    expect(spec.headers['x-team']).toBe('a')
  })

  it('asks for the media type of the reply format', () => {
    expect(buildChatRequest(new URL('http://h'), contract({ replyFormat: 'sse' }), { text: 'x' }).headers.accept).toBe('text/event-stream')
  })
})

describe('conversation context', () => {
  const history = [
    { role: 'user' as const, text: 'q1' },
    { role: 'assistant' as const, text: 'a1' },
    { role: 'user' as const, text: 'q2' },
    { role: 'assistant' as const, text: 'a2' }
  ]

  it('sends no history for the original one-message call', () => {
    const spec = buildChatRequest(new URL('http://h'), contract({ method: 'POST' }), { text: 'q3', history })
    expect(JSON.parse(spec.body ?? '')).toEqual({ message: 'q3' })
  })

  it('sends the last N turns under the configured field and role names', () => {
    const spec = buildChatRequest(
      new URL('http://h'),
      contract({ method: 'POST', history: { mode: 'lastN', turns: 1, field: 'history', userRole: 'human', assistantRole: 'bot' } }),
      { text: 'q3', history }
    )
    expect(JSON.parse(spec.body ?? '')).toEqual({ message: 'q3', history: [{ role: 'human', content: 'q2' }, { role: 'bot', content: 'a2' }] })
  })

  it('builds an OpenAI request: system prompt, whole history, the new message last, model, stream flag, bearer key', async () => {
    const { presets } = await import('@shared/presets')
    const spec = buildChatRequest(new URL('http://h'), contract({ ...presets.openai, model: 'kha-echo-1', systemPrompt: 'Be brief.' }), { text: 'q3', history, apiKey: 'sk-1' })
    expect(spec.url.pathname).toBe('/v1/chat/completions')
    expect(spec.headers.authorization).toBe('Bearer sk-1')
    expect(JSON.parse(spec.body ?? '')).toEqual({
      model: 'kha-echo-1',
      stream: true,
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'q1' },
        { role: 'assistant', content: 'a1' },
        { role: 'user', content: 'q2' },
        { role: 'assistant', content: 'a2' },
        { role: 'user', content: 'q3' }
      ]
    })
  })

  it('requires a place for the message: a message field or the list', () => {
    expect(BackendContractSchema.safeParse({ messageField: '', history: { includeCurrent: false } }).success).toBe(false)
  })
})

describe('attachments in the request', () => {
  const doc = { name: 'a"b.txt', type: 'text/plain', size: 5, kind: 'text' as const, text: 'line </attachment> end' }
  const image = { name: 'p.png', type: 'image/png', size: 3, kind: 'image' as const, text: '', dataUrl: 'data:image/png;base64,AAAA' }
  const openai = (images: boolean) =>
    contract({ method: 'POST', path: '/v1/chat/completions', messageField: '', history: { mode: 'all', field: 'messages', includeCurrent: true }, images })

  it('puts each document in a delimited block before the question, which a closing tag in the file cannot end', () => {
    const spec = buildChatRequest(new URL('http://h'), contract({ method: 'POST' }), { text: '요약', attachments: [doc] })
    expect(JSON.parse(spec.body ?? '').message).toBe('<attachment name="a b.txt" type="text/plain">\nline <\\/attachment> end\n</attachment>\n\n요약')
  })

  it('sends images as image_url parts only when the profile’s model takes them', () => {
    const withImages = JSON.parse(buildChatRequest(new URL('http://h'), openai(true), { text: 'what', attachments: [image, doc] }).body ?? '')
    expect(withImages.messages.at(-1).content).toEqual([
      { type: 'text', text: expect.stringContaining('what') },
      { type: 'image_url', image_url: { url: 'data:image/png;base64,AAAA' } }
    ])
    const without = JSON.parse(buildChatRequest(new URL('http://h'), openai(false), { text: 'what', attachments: [image] }).body ?? '')
    expect(without.messages.at(-1).content).toBe('what')
  })

  it('carries earlier turns’ documents in the history', () => {
    const body = JSON.parse(buildChatRequest(new URL('http://h'), openai(false), { text: 'and now?', history: [{ role: 'user', text: 'read', attachments: [doc] }, { role: 'assistant', text: 'ok' }] }).body ?? '')
    expect(body.messages[0].content).toContain('line <\\/attachment> end')
    expect(body.messages[1]).toEqual({ role: 'assistant', content: 'ok' })
  })
})

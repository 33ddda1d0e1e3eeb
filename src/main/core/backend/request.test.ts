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

import { describe, expect, it } from 'vitest'
import { presets } from '@shared/presets'
import { chooseServer } from './detect'

describe('chooseServer: which preset fits what a server answered', () => {
  it('a FastAPI kha backend with POST /api_chat streams: kha_stream, with its health route', () => {
    const found = chooseServer({
      routes: {
        '/health': ['get'],
        '/api_chat': ['get', 'post'],
        '/v1/models': ['get'],
        '/v1/chat/completions': ['post']
      }
    })
    expect(found?.preset).toBe('kha_stream')
    expect(found?.contract).toMatchObject({ ...presets.kha_stream, healthPath: '/health' })
  })

  it('the original GET-only kha backend: kha_get', () => {
    expect(chooseServer({ routes: { '/api_chat': ['get'], '/health': ['get'] } })?.preset).toBe(
      'kha_get'
    )
  })

  it('without /openapi.json: GET /api_chat asking for a message (422) is the kha GET route', () => {
    expect(
      chooseServer({ health: 200, models: { status: 404, ids: [] }, apiChat: 422 })?.preset
    ).toBe('kha_get')
    // 405 to GET: the route takes POST only.
    expect(
      chooseServer({ health: 200, models: { status: 404, ids: [] }, apiChat: 405 })?.preset
    ).toBe('kha_stream')
  })

  it('an OpenAI-compatible server: its models, the first one chosen, /v1/models as health when /health is missing', () => {
    const found = chooseServer({
      health: 404,
      models: { status: 200, ids: ['qwen2.5', 'llama3'] },
      apiChat: 404
    })
    expect(found?.preset).toBe('openai')
    expect(found?.models).toEqual(['qwen2.5', 'llama3'])
    expect(found?.contract).toMatchObject({
      path: '/v1/chat/completions',
      healthPath: '/v1/models',
      model: 'qwen2.5'
    })
  })

  it('an OpenAI gateway that wants a key (401) is still recognised', () => {
    expect(
      chooseServer({ health: 404, models: { status: 401, ids: [] }, apiChat: 404 })?.preset
    ).toBe('openai')
  })

  it('a web server that is no chat server: nothing', () => {
    expect(chooseServer({ health: 404, models: { status: 404, ids: [] }, apiChat: 404 })).toBeNull()
    expect(chooseServer({ routes: { '/items': ['get'] } })).toBeNull()
  })
})

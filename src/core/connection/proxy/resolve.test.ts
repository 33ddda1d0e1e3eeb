import { describe, expect, it } from 'vitest'
import { AppFailure } from '@shared/errors'
import { ProxySchema } from '@shared/profile'
import { directReason, parsePacResult, parseProxyUrl, proxyFor } from './resolve'

const system = ProxySchema.parse({ mode: 'system' })
const target = (host: string, protocol: 'http' | 'https' | 'ssh' = 'https', port = 443) => ({
  host,
  port,
  protocol
})

describe('which proxy a connection uses', () => {
  it('none: never; manual: the profile URL and user', async () => {
    expect(
      await proxyFor(ProxySchema.parse({}), target('b.example'), {
        env: { HTTPS_PROXY: 'http://p:1' }
      })
    ).toBeNull()
    const manual = ProxySchema.parse({
      mode: 'manual',
      url: 'http://proxy.corp:3128',
      username: 'kim'
    })
    expect(await proxyFor(manual, target('b.example'), { env: {} })).toEqual({
      host: 'proxy.corp',
      port: 3128,
      username: 'kim',
      source: 'manual'
    })
    expect(await proxyFor(manual, target('localhost'), { env: {} })).toBeNull()
  })

  it('system: the variable for the target scheme, lower case first; SSH uses the https one, then http', async () => {
    const env = {
      https_proxy: 'http://lower:1',
      HTTPS_PROXY: 'http://upper:2',
      HTTP_PROXY: 'plain:3'
    }
    expect(await proxyFor(system, target('b.example', 'https'), { env })).toMatchObject({
      host: 'lower',
      port: 1,
      source: 'HTTPS_PROXY'
    })
    expect(await proxyFor(system, target('b.example', 'http', 80), { env })).toMatchObject({
      host: 'plain',
      port: 3,
      source: 'HTTP_PROXY'
    })
    expect(
      await proxyFor(system, target('b.example', 'ssh', 22), {
        env: { HTTP_PROXY: 'http://h:8080' }
      })
    ).toMatchObject({ host: 'h', port: 8080 })
    expect(
      await proxyFor(system, target('b.example', 'ssh', 22), { env: { ALL_PROXY: 'http://all:9' } })
    ).toMatchObject({ host: 'all' })
  })

  it('system: NO_PROXY and the profile bypass list; credentials from the URL', async () => {
    const env = { HTTPS_PROXY: 'http://u%40corp:p%3Ass@proxy:3128', NO_PROXY: '.internal' }
    expect(await proxyFor(system, target('chat.internal'), { env })).toBeNull()
    expect(
      await proxyFor(
        ProxySchema.parse({ mode: 'system', bypass: 'b.example' }),
        target('b.example'),
        { env }
      )
    ).toBeNull()
    expect(await proxyFor(system, target('b.example'), { env })).toEqual({
      host: 'proxy',
      port: 3128,
      username: 'u@corp',
      password: 'p:ss',
      source: 'HTTPS_PROXY'
    })
  })

  it('system: without variables, asks the OS resolver (Electron) and reads its PAC answer', async () => {
    const asked: string[] = []
    const resolveSystemProxy = async (url: string) => {
      asked.push(url)
      return 'PROXY pac.corp:8080; DIRECT'
    }
    expect(await proxyFor(system, target('b.example'), { env: {}, resolveSystemProxy })).toEqual({
      host: 'pac.corp',
      port: 8080,
      username: '',
      source: 'system'
    })
    expect(asked).toEqual(['https://b.example:443/'])
    expect(
      await proxyFor(system, target('b.example'), {
        env: {},
        resolveSystemProxy: async () => 'DIRECT'
      })
    ).toBeNull()
    expect(await proxyFor(system, target('b.example'), { env: {} })).toBeNull()
  })

  it('PAC answers: the first PROXY entry; SOCKS is skipped; DIRECT means none', () => {
    expect(parsePacResult('SOCKS5 s:1080; PROXY p:3128')).toEqual({ host: 'p', port: 3128 })
    expect(parsePacResult('DIRECT')).toBeNull()
    expect(parsePacResult('PROXY [fd00::1]:8080')).toEqual({ host: 'fd00::1', port: 8080 })
  })

  it('refuses what it cannot use instead of going direct silently', () => {
    const codeOf = (fn: () => unknown) => {
      try {
        fn()
      } catch (e) {
        return e instanceof AppFailure ? [e.error.code, e.error.params?.reason] : ['?']
      }
      return ['none']
    }
    expect(codeOf(() => parseProxyUrl('socks5://s:1080', 'ALL_PROXY'))).toEqual([
      'proxy.failed',
      'unsupported_scheme'
    ])
    expect(codeOf(() => parseProxyUrl('http://[bad', 'HTTP_PROXY'))).toEqual([
      'proxy.failed',
      'invalid_url'
    ])
    expect(parseProxyUrl('proxy.corp', 'HTTP_PROXY')).toMatchObject({
      host: 'proxy.corp',
      port: 80
    })
  })

  it('says why a proxied profile goes direct', () => {
    const manual = ProxySchema.parse({ mode: 'manual', url: 'http://p:1', bypass: '.corp' })
    expect(directReason(manual, target('127.0.0.1'), {})).toBe('loopback')
    expect(directReason(manual, target('a.corp'), {})).toBe('bypass')
    expect(directReason(system, target('a.example'), { NO_PROXY: 'a.example' })).toBe('bypass')
    expect(directReason(system, target('a.example'), {})).toBe('not_configured')
  })
})

describe('proxy URLs with credentials', () => {
  it('an unusable one is reported without its password', () => {
    try {
      parseProxyUrl('http://kim:s3cret-pw@[bad', 'HTTPS_PROXY')
      expect.unreachable()
    } catch (e) {
      expect(JSON.stringify((e as AppFailure).error)).not.toContain('s3cret-pw')
    }
  })
})

/**
 * The harness server over real HTTP and a real WebSocket, with a real core on a temp folder and a
 * stand-in renderer build (the e2e suite covers the real one).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { connect as connect_ } from 'node:net'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { tempDir } from '../../test/helpers/tempDir'
import { localeFromEnv } from '@shared/i18n/locale'
import { startHarness, type RunningHarness } from './server'

let harness: RunningHarness
const temp = tempDir('kha-harness-')

beforeAll(async () => {
  const rendererDir = join(temp.dir, 'renderer')
  mkdirSync(join(rendererDir, 'assets'), { recursive: true })
  writeFileSync(
    join(rendererDir, 'index.html'),
    `<html><head><meta http-equiv="Content-Security-Policy" content="script-src 'self'"><script type="module" src="./assets/app.js"></script></head><body></body></html>`
  )
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1)')
  writeFileSync(join(temp.dir, 'secret.txt'), 'nope')
  harness = await startHarness({
    port: 0,
    dataDir: join(temp.dir, 'data'),
    rendererDir,
    homeDir: temp.dir,
    locale: 'en-US',
    env: {}
  })
}, 30_000)

afterAll(async () => {
  await harness?.stop()
  temp.cleanup()
})

function get(
  path: string,
  host?: string
): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: harness.port, path, headers: host ? { host } : {} },
      (res) => {
        let body = ''
        res.on('data', (d: Buffer) => (body += d.toString()))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }))
      }
    )
    req.on('error', reject)
    req.end()
  })
}

/** The key the harness printed in its URL's fragment, as the page reads it. */
const printedKey = () => new URLSearchParams(new URL(harness.url).hash.slice(1)).get('key') ?? ''

function connect(origin: string, key = printedKey()): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(
      `ws://127.0.0.1:${harness.port}/harness-ws?key=${encodeURIComponent(key)}`,
      { origin }
    )
    ws.once('open', () => resolve(ws))
    ws.once('error', reject)
  })
}

/** An upgrade request with a hand-written request target, answered by whatever the server writes. */
function rawUpgrade(target: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect_(harness.port, '127.0.0.1', () => {
      socket.write(
        `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1:${harness.port}\r\nOrigin: http://127.0.0.1:${harness.port}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n`
      )
    })
    let answer = ''
    socket.on('data', (d: Buffer) => (answer += d.toString()))
    socket.on('close', () => resolve(answer))
    socket.on('error', reject)
  })
}

describe('the web harness server', () => {
  it('prints a loopback URL whose fragment carries the key', () => {
    expect(harness.url).toMatch(
      new RegExp(`^http://127\\.0\\.0\\.1:${harness.port}/#key=[\\w-]{32}$`)
    )
  })

  it('serves index.html with the api script first and the renderer’s CSP kept', async () => {
    const page = await get('/')
    expect(page.status).toBe(200)
    expect(page.body.indexOf('<script src="/harness-api.js">')).toBeLessThan(
      page.body.indexOf('./assets/app.js')
    )
    expect(page.body).toContain(`content="script-src 'self'"`)
    // The headers the app scheme sends too, and the harness's own: no site may frame the page.
    expect(page.headers['x-content-type-options']).toBe('nosniff')
    expect(page.headers['referrer-policy']).toBe('no-referrer')
    expect(page.headers['cache-control']).toBe('no-store')
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8')
    expect(page.headers['content-security-policy']).toBe("frame-ancestors 'none'")
    const script = await get('/harness-api.js')
    expect(script.status).toBe(200)
    expect(script.body).toContain('harness-ws')
    expect((await get('/assets/app.js')).body).toBe('console.log(1)')
  })

  it('serves nothing outside the renderer folder', async () => {
    expect((await get('/../secret.txt')).status).toBe(404)
    const out = await get('/%2e%2e/secret.txt')
    expect(out.status).toBe(404)
    expect(out.headers['x-content-type-options']).toBe('nosniff')
  })

  it('answers only requests addressed to itself (DNS rebinding)', async () => {
    expect((await get('/', `evil.example:${harness.port}`)).status).toBe(421)
    const redirect = await get('/', `localhost:${harness.port}`)
    expect(redirect.status).toBe(308)
    expect(redirect.headers.location).toBe(`http://127.0.0.1:${harness.port}/`)
  })

  it('runs contract calls on the real core over a socket from its own page', async () => {
    const ws = await connect(`http://127.0.0.1:${harness.port}`)
    const reply = new Promise<Record<string, unknown>>((resolve) =>
      ws.once('message', (d) => resolve(JSON.parse(d.toString()) as Record<string, unknown>))
    )
    ws.send(JSON.stringify({ type: 'invoke', id: 7, channel: 'app:info' }))
    expect(await reply).toMatchObject({
      type: 'result',
      id: 7,
      result: { ok: true, data: { shell: 'web', locale: 'en-US', persistentSecrets: false } }
    })
    ws.close()
  })

  it("refuses the terminal's own channels (hosts:forget) as unknown: a page can never replace a host key", async () => {
    const knownHosts = join(temp.dir, 'data', 'known_hosts')
    const line =
      '[127.0.0.1]:2222 ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl\n'
    writeFileSync(knownHosts, line)
    const ws = await connect(`http://127.0.0.1:${harness.port}`)
    const reply = new Promise<Record<string, unknown>>((resolve) =>
      ws.once('message', (d) => resolve(JSON.parse(d.toString()) as Record<string, unknown>))
    )
    ws.send(
      JSON.stringify({
        type: 'invoke',
        id: 8,
        channel: 'hosts:forget',
        arg: { host: '127.0.0.1', port: 2222 }
      })
    )
    expect(await reply).toMatchObject({
      type: 'result',
      id: 8,
      result: { ok: false, error: { code: 'ipc.unknown_channel' } }
    })
    ws.close()
    expect(readFileSync(knownHosts, 'utf8')).toBe(line)
  })

  it('refuses a socket from its own origin without the key it printed: other local programs cannot drive the core', async () => {
    expect(printedKey().length).toBeGreaterThan(20)
    for (const key of ['', 'guess', `${printedKey()}x`]) {
      await expect(connect(`http://127.0.0.1:${harness.port}`, key)).rejects.toThrow(/403/)
    }
  })

  it('refuses a key of the right length in characters but not in bytes, and keeps serving', async () => {
    // 'é' is one character and two bytes: comparing such a key used to throw inside the upgrade
    // handler, which ended the whole process.
    const sameCharacters = 'é'.repeat(printedKey().length)
    await expect(connect(`http://127.0.0.1:${harness.port}`, sameCharacters)).rejects.toThrow(/403/)
    // A request line no URL parser accepts is refused too, not thrown.
    const raw = await rawUpgrade('http://[::1')
    expect(raw).toMatch(/^HTTP\/1\.1 (400|403)/)
    expect((await get('/')).status).toBe(200)
    const ws = await connect(`http://127.0.0.1:${harness.port}`)
    ws.close()
  })

  it('refuses sockets from any other origin', async () => {
    for (const origin of ['https://evil.example', `http://localhost:${harness.port}`, 'null']) {
      await expect(connect(origin)).rejects.toThrow(/403/)
    }
  })
})

describe('localeFromEnv', () => {
  it('turns POSIX locale variables into the BCP 47 tags the renderer picks its language from', () => {
    expect(localeFromEnv({ LANG: 'ko_KR.UTF-8' })).toBe('ko-KR')
    expect(localeFromEnv({ LANG: 'en_US.UTF-8', LC_ALL: 'ko_KR.UTF-8' })).toBe('ko-KR')
    expect(localeFromEnv({ LANG: 'de' })).toBe('de')
    for (const LANG of ['C', 'C.UTF-8', 'POSIX', '']) expect(localeFromEnv({ LANG })).toBe('en-US')
    expect(localeFromEnv({})).toBe('en-US')
  })
})

/**
 * HTTP proxies for real: Debian's tinyproxy on a free loopback port (test/fixtures/proxy.ts), the
 * reference backend over http and https, and OpenSSH for the tunnel. Every assertion that a
 * connection went through the proxy reads tinyproxy's own log (`CONNECT host:port`).
 *
 * The backend is on loopback, and loopback always goes direct; these profiles therefore say
 * `<-loopback>` in their bypass list (Chromium's token for "proxy loopback too", which is what a
 * developer with a debugging proxy in front of a local backend uses). Profiles without it prove the
 * loopback rule.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ProfileDraft } from '../../src/shared/profile'
import { startBackend, type RunningBackend } from '../fixtures/backend'
import { freePort } from '../fixtures/ports'
import { startProxy, type RunningProxy } from '../fixtures/proxy'
import { startSshd, type RunningSshd } from '../fixtures/sshd'
import { makeCertificates, type TestCertificates } from '../fixtures/tls'
import type { TestCore } from '../helpers/core'
import {
  ask as askCore,
  directDraft,
  saveProfile,
  testCores,
  tunnelDraft
} from '../helpers/integration'
import { tempDir } from '../helpers/tempDir'

let backend: RunningBackend
let httpsBackend: RunningBackend
let selfSignedBackend: RunningBackend
let sshd: RunningSshd
let certs: TestCertificates
let open: RunningProxy
let guarded: RunningProxy
let t: TestCore | undefined
const home = tempDir()
const auth = { username: 'kha', password: 'proxy-secret-42' }

beforeAll(async () => {
  certs = makeCertificates()
  ;[backend, httpsBackend, selfSignedBackend, sshd] = await Promise.all([
    startBackend(),
    startBackend({ extraArgs: certs.uvicornArgs(certs.leaf) }),
    startBackend({ extraArgs: certs.uvicornArgs(certs.selfSigned) }),
    startSshd()
  ])
  const ports = [backend.port, httpsBackend.port, selfSignedBackend.port, sshd.port]
  ;[open, guarded] = await Promise.all([
    startProxy({ connectPorts: ports }),
    startProxy({ connectPorts: ports, auth })
  ])
}, 60_000)
afterAll(async () => {
  await Promise.all([
    backend?.stop(),
    httpsBackend?.stop(),
    selfSignedBackend?.stop(),
    sshd?.stop(),
    open?.stop(),
    guarded?.stop()
  ])
  certs?.cleanup()
  home.cleanup()
})
const cores = testCores()

const contract = {
  method: 'GET',
  replyFormat: 'sse',
  replyField: 'delta',
  extraParams: [{ name: 'format', value: 'sse' }]
}

const direct = (url: string, proxy: Record<string, unknown>, tls: Record<string, unknown> = {}) =>
  directDraft(url, { name: 'proxied', contract, proxy, tls })
/** A manual proxy at `url` that loopback targets go through too. */
const manual = (url: string) => ({ mode: 'manual', url, bypass: '<-loopback>' })

async function core(draft: ProfileDraft, env: Record<string, string> = {}) {
  t = await cores.start({ env })
  const profile = await saveProfile(t, draft)
  return { t, profile }
}

const ask = (text = 'via the proxy') => askCore(t, text)

const through = (proxy: RunningProxy, port: number) =>
  proxy.connects().filter((c) => c === `CONNECT 127.0.0.1:${port}`).length

describe('manual proxy, direct mode', () => {
  it('http goes through the proxy with CONNECT (tinyproxy logs it), streaming intact', async () => {
    const before = through(open, backend.port)
    await core(direct(backend.url, manual(open.url)))
    expect((await ask('안녕, proxy')).message).toMatchObject({
      status: 'done',
      text: 'Echo: 안녕, proxy'
    })
    expect(through(open, backend.port)).toBeGreaterThan(before)
  })

  it('https goes through the proxy, and TLS inside it is still verified end to end', async () => {
    const before = through(open, httpsBackend.port)
    await core(direct(httpsBackend.url, manual(open.url), { caFile: certs.ca.cert }))
    expect((await ask()).message.status).toBe('done')
    expect(through(open, httpsBackend.port)).toBeGreaterThan(before)
    await t!.close()
    await core(direct(selfSignedBackend.url, manual(open.url)))
    expect((await ask()).error).toMatchObject({
      code: 'tls.self_signed',
      params: { fingerprint: certs.selfSigned.fingerprint }
    })
  })

  it('loopback goes direct without <-loopback> (the proxy never sees it)', async () => {
    const before = open.connects().length
    await core(direct(backend.url, { mode: 'manual', url: open.url }))
    expect((await ask()).message.status).toBe('done')
    expect(open.connects().length).toBe(before)
  })

  it('407 without a password: proxy.auth_required; a wrong one: rejected; the stored one works', async () => {
    const { profile } = await core(direct(backend.url, manual(guarded.url)))
    const missing = await ask()
    expect(missing.error).toMatchObject({
      code: 'proxy.auth_required',
      params: {
        proxy: `127.0.0.1:${guarded.port}`,
        status: 407,
        credentials: 'missing',
        scheme: 'Basic'
      }
    })

    await t!.ok('profiles:save', {
      draft: { ...profile, proxy: { ...profile.proxy, username: auth.username } }
    })
    await t!.ok('profiles:setProxyPassword', { id: profile.id, value: 'wrong' })
    expect((await ask()).error).toMatchObject({
      code: 'proxy.auth_required',
      params: { credentials: 'rejected' }
    })

    const state = await t!.ok('profiles:setProxyPassword', { id: profile.id, value: auth.password })
    expect(state.withProxyPassword).toContain(profile.id)
    expect((await ask('with the password')).message).toMatchObject({
      status: 'done',
      text: 'Echo: with the password'
    })
    // The password is never part of the profile.
    expect(JSON.stringify((await t!.ok('profiles:list')).profiles)).not.toContain(auth.password)
  })

  it('a proxy that is not running: proxy.refused naming its host:port', async () => {
    const port = await freePort()
    await core(direct(backend.url, manual(`http://127.0.0.1:${port}`)))
    const { error } = await ask()
    expect(error).toMatchObject({ code: 'proxy.refused', params: { proxy: `127.0.0.1:${port}` } })
    expect(error?.message).toContain(`127.0.0.1:${port}`)
    expect(await t!.ok('connection:state')).toMatchObject({
      status: 'failed',
      error: { code: 'proxy.refused' }
    })
  })

  it('a target port the proxy does not allow: proxy.denied (403)', async () => {
    const port = await freePort()
    await core(direct(`http://127.0.0.1:${port}`, manual(open.url)))
    expect((await ask()).error).toMatchObject({
      code: 'proxy.denied',
      params: { status: 403, target: `127.0.0.1:${port}` }
    })
  })
})

describe('system proxy (environment)', () => {
  it('HTTP_PROXY is used for http targets', async () => {
    const before = through(open, backend.port)
    await core(direct(backend.url, { mode: 'system' }), {
      HTTP_PROXY: open.url,
      NO_PROXY: '<-loopback>'
    })
    expect((await ask()).message.status).toBe('done')
    expect(through(open, backend.port)).toBeGreaterThan(before)
  })

  it('https_proxy (lower case) is used for https targets, with credentials from its URL', async () => {
    const before = through(guarded, httpsBackend.port)
    await core(direct(httpsBackend.url, { mode: 'system' }, { caFile: certs.ca.cert }), {
      https_proxy: `http://${auth.username}:${auth.password}@127.0.0.1:${guarded.port}`,
      no_proxy: '<-loopback>'
    })
    expect((await ask()).message.status).toBe('done')
    expect(through(guarded, httpsBackend.port)).toBeGreaterThan(before)
  })

  it('a host in NO_PROXY goes direct; another loopback name still goes through', async () => {
    const env = { HTTP_PROXY: open.url, NO_PROXY: '<-loopback>, localhost' }
    const before = open.connects().length
    await core(direct(`http://localhost:${backend.port}`, { mode: 'system' }), env)
    expect((await ask()).message.status).toBe('done')
    expect(open.connects().length).toBe(before)
    await t!.close()
    await core(direct(backend.url, { mode: 'system' }), env)
    expect((await ask()).message.status).toBe('done')
    expect(open.connects().length).toBeGreaterThan(before)
  })

  it('no proxy variable at all: direct', async () => {
    const before = open.connects().length
    await core(direct(backend.url, { mode: 'system', bypass: '<-loopback>' }), {})
    expect((await ask()).message.status).toBe('done')
    expect(open.connects().length).toBe(before)
  })
})

describe('the SSH tunnel through the proxy', () => {
  it('CONNECTs to the SSH port and runs the SSH session over it', async () => {
    const before = through(open, sshd.port)
    await core(tunnel(manual(open.url)))
    expect((await ask('ssh via proxy')).message).toMatchObject({
      status: 'done',
      text: 'Echo: ssh via proxy'
    })
    expect(through(open, sshd.port)).toBe(before + 1)
    // The backend itself is reached by sshd, not through the proxy.
    expect(await t!.ok('connection:state')).toMatchObject({ status: 'connected' })
  })

  it('a proxy that wants a password stops the tunnel with proxy.auth_required (no retry loop)', async () => {
    await core(tunnel(manual(guarded.url)))
    const { error } = await ask()
    expect(error).toMatchObject({ code: 'proxy.auth_required' })
    expect(await t!.ok('connection:state')).toMatchObject({
      status: 'failed',
      error: { code: 'proxy.auth_required' }
    })
  })
})

describe('the doctor proxy step', () => {
  it('direct through the proxy: resolve (the proxy), proxy, health, chat; no tcp of our own', async () => {
    await core(direct(backend.url, manual(open.url)))
    const report = await t!.ok('connection:doctor')
    expect(report.steps.map((s) => `${s.id}:${s.status}`)).toEqual([
      'resolve:ok',
      'proxy:ok',
      'health:ok',
      'chat:ok'
    ])
    expect(report.steps.find((s) => s.id === 'proxy')?.detail).toMatchObject({
      mode: 'manual',
      proxy: `127.0.0.1:${open.port}`,
      source: 'manual',
      target: `127.0.0.1:${backend.port}`,
      status: 200
    })
  })

  it('https through the proxy: proxy then tls', async () => {
    await core(direct(httpsBackend.url, manual(open.url), { caFile: certs.ca.cert }))
    const report = await t!.ok('connection:doctor')
    expect(report.steps.map((s) => `${s.id}:${s.status}`)).toEqual([
      'resolve:ok',
      'proxy:ok',
      'tls:ok',
      'health:ok',
      'chat:ok'
    ])
  })

  it('407 fails at proxy with proxy.auth_required', async () => {
    await core(direct(backend.url, manual(guarded.url)))
    const report = await t!.ok('connection:doctor')
    expect(report.steps.find((s) => s.status === 'failed')).toMatchObject({
      id: 'proxy',
      error: { code: 'proxy.auth_required' },
      detail: { proxy: `127.0.0.1:${guarded.port}` }
    })
    expect(report.steps.map((s) => s.status)).toEqual(['ok', 'failed', 'skipped', 'skipped'])
  })

  it('a proxy that is not running fails at proxy with proxy.refused', async () => {
    const port = await freePort()
    await core(direct(backend.url, manual(`http://127.0.0.1:${port}`)))
    const report = await t!.ok('connection:doctor')
    expect(report.steps.find((s) => s.status === 'failed')).toMatchObject({
      id: 'proxy',
      error: { code: 'proxy.refused', params: { proxy: `127.0.0.1:${port}` } }
    })
  })

  it('a proxy name that does not resolve fails at resolve with proxy.dns', async () => {
    await core(
      direct(backend.url, {
        mode: 'manual',
        url: 'http://no-such-proxy.invalid:3128',
        bypass: '<-loopback>'
      })
    )
    const report = await t!.ok('connection:doctor')
    expect(report.steps.find((s) => s.status === 'failed')).toMatchObject({
      id: 'resolve',
      error: { code: 'proxy.dns', params: { host: 'no-such-proxy.invalid' } }
    })
  })

  it('a loopback target with a proxy set: the step passes and says it goes direct, and why', async () => {
    await core(direct(backend.url, { mode: 'manual', url: open.url }))
    const report = await t!.ok('connection:doctor')
    expect(report.steps.map((s) => `${s.id}:${s.status}`)).toEqual([
      'resolve:ok',
      'proxy:ok',
      'tcp:ok',
      'health:ok',
      'chat:ok'
    ])
    expect(report.steps.find((s) => s.id === 'proxy')?.detail).toMatchObject({
      route: 'direct',
      reason: 'loopback'
    })
  })

  it('tunnel through the proxy: proxy (CONNECT to the SSH port), then the SSH steps over it', async () => {
    await core(tunnel(manual(open.url)))
    const report = await t!.ok('connection:doctor')
    expect(report.steps.map((s) => `${s.id}:${s.status}`)).toEqual([
      'resolve:ok',
      'proxy:ok',
      'ssh_handshake:ok',
      'ssh_auth:ok',
      'forward:ok',
      'target:ok',
      'health:ok',
      'chat:ok'
    ])
    expect(report.steps.find((s) => s.id === 'proxy')?.detail).toMatchObject({
      target: `127.0.0.1:${sshd.port}`
    })
  })
})

/** A tunnel profile to the fixture's sshd (its host key known), going out through `proxy`. */
const tunnel = (proxy: Record<string, unknown>) =>
  tunnelDraft(sshd, {
    name: 'tunnel via proxy',
    target: { host: '127.0.0.1', port: backend.port },
    knownHostsIn: home.dir,
    contract,
    proxy
  })

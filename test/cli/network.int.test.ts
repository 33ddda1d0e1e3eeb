/**
 * The CLI with HTTPS and proxy profiles, as a script sees it: the real bin as a child process, the
 * reference backend over https (openssl-made certificates) and Debian's tinyproxy with BasicAuth.
 * Exit 19 for TLS, 18 for the proxy, the report's `tls` / `proxy` steps in `--json`, the hint, and
 * the flags that fix each (`--ca-file`, `--pin`, `--proxy-user` + KHA_PROXY_PASSWORD).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { DoctorReport } from '../../src/shared/doctor'
import { startBackend, type RunningBackend } from '../fixtures/backend'
import { startProxy, type RunningProxy } from '../fixtures/proxy'
import { makeCertificates, type TestCertificates } from '../fixtures/tls'
import { runCli } from '../helpers/cli'
import { tempDir } from '../helpers/tempDir'

const home = tempDir('kha-cli-home-')
let data: { dir: string; cleanup(): void }

const run = (args: string[], env: Record<string, string> = {}) =>
  runCli(args, { home: home.dir, dataDir: data.dir, env })

let certs: TestCertificates
let leaf: RunningBackend
let selfSigned: RunningBackend
let plain: RunningBackend
let proxy: RunningProxy
const auth = { username: 'kha', password: 'cli-proxy-pw' }

beforeAll(async () => {
  certs = makeCertificates()
  ;[leaf, selfSigned, plain] = await Promise.all([
    startBackend({ extraArgs: certs.uvicornArgs(certs.leaf) }),
    startBackend({ extraArgs: certs.uvicornArgs(certs.selfSigned) }),
    startBackend()
  ])
  proxy = await startProxy({ auth })
}, 60_000)
afterAll(async () => {
  await Promise.all([leaf?.stop(), selfSigned?.stop(), plain?.stop(), proxy?.stop()])
  certs?.cleanup()
  home.cleanup()
  data?.cleanup()
})
beforeEach(() => {
  data?.cleanup()
  data = tempDir('kha-cli-data-')
})

const report = (stdout: string) => JSON.parse(stdout) as DoctorReport & { hint?: string }

describe('kha-desktop with https and proxies', () => {
  it('unknown issuer: exit 19 with the tls step and a hint; --ca-file fixes it', async () => {
    expect(
      (await run(['profiles', 'add', 'corp', '--url', leaf.url, '--reply', 'json'])).code
    ).toBe(0)
    const failed = await run(['--json', 'doctor', '--profile', 'corp'])
    expect(failed.code).toBe(19)
    const r = report(failed.stdout)
    expect(r.steps.find((s) => s.id === 'tls')).toMatchObject({
      status: 'failed',
      error: { code: 'tls.unknown_issuer' },
      detail: { fingerprint: certs.leaf.fingerprint, issuer: 'kha Test Root CA' }
    })
    expect(r.hint).toContain('--ca-file')

    expect((await run(['profiles', 'edit', 'corp', '--ca-file', certs.ca.cert])).code).toBe(0)
    const fixed = await run(['--json', 'doctor', '--profile', 'corp'])
    expect(fixed.code).toBe(0)
    expect(report(fixed.stdout).steps.find((s) => s.id === 'tls')?.detail).toMatchObject({
      trust: 'valid'
    })
  })

  it('self-signed: exit 19 printing the fingerprint; --pin with it (any spelling) passes, chat too', async () => {
    await run(['profiles', 'add', 'dev', '--url', selfSigned.url, '--reply', 'json'])
    const text = await run(['doctor', '--profile', 'dev'])
    expect(text.code).toBe(19)
    expect(text.stdout).toContain(certs.selfSigned.fingerprint)
    expect(text.stdout).toMatch(/hint: .*--pin/)
    const bare = certs.selfSigned.fingerprint.replace(/:/g, '').toLowerCase()
    expect((await run(['profiles', 'edit', 'dev', '--pin', `sha256:${bare}`])).code).toBe(0)
    const shown = JSON.parse((await run(['--json', 'profiles', 'show', 'dev'])).stdout) as {
      tls: { pinnedCertificates: string[] }
    }
    expect(shown.tls.pinnedCertificates).toEqual([certs.selfSigned.fingerprint])
    expect((await run(['doctor', '--profile', 'dev'])).code).toBe(0)
    const chat = await run(['chat', '--profile', 'dev', 'pinned'])
    expect(chat.stdout).toBe('Echo: pinned\n')
  })

  it('a proxy that wants a password: exit 18 and a hint; KHA_PROXY_PASSWORD with --proxy-user passes', async () => {
    await run([
      'profiles',
      'add',
      'viaproxy',
      '--url',
      plain.url,
      '--reply',
      'json',
      '--proxy',
      proxy.url,
      '--proxy-bypass',
      '<-loopback>'
    ])
    const noAuth = await run(['--json', 'doctor', '--profile', 'viaproxy'])
    expect(noAuth.code).toBe(18)
    expect(report(noAuth.stdout)).toMatchObject({
      hint: expect.stringContaining('KHA_PROXY_PASSWORD')
    })
    expect(report(noAuth.stdout).steps.map((s) => `${s.id}:${s.status}`)).toEqual([
      'resolve:ok',
      'proxy:failed',
      'health:skipped',
      'chat:skipped'
    ])

    await run(['profiles', 'edit', 'viaproxy', '--proxy-user', auth.username])
    const ok = await run(['--json', 'doctor', '--profile', 'viaproxy'], {
      KHA_PROXY_PASSWORD: auth.password
    })
    expect(ok.code).toBe(0)
    expect(proxy.connects()).toContain(`CONNECT 127.0.0.1:${plain.port}`)
    const chat = await run(['chat', '--profile', 'viaproxy', 'through'], {
      KHA_PROXY_PASSWORD: auth.password
    })
    expect(chat.stdout).toBe('Echo: through\n')
    const noPw = await run(['chat', '--profile', 'viaproxy', 'no password'])
    expect(noPw.code).toBe(18)
  })

  it('bad values are usage errors naming the flag (exit 1)', async () => {
    const badProxy = await run([
      '--json',
      'profiles',
      'add',
      'x',
      '--url',
      plain.url,
      '--proxy',
      'socks5://p:1080'
    ])
    expect(badProxy.code).toBe(1)
    expect(JSON.parse(badProxy.stdout)).toMatchObject({
      error: {
        code: 'profile.invalid',
        fields: [{ field: 'proxy.url', code: 'invalid_proxy_url', flag: '--proxy' }]
      }
    })
    const badPin = await run(['--json', 'profiles', 'add', 'y', '--url', plain.url, '--pin', 'abc'])
    expect(badPin.code).toBe(1)
    expect(JSON.parse(badPin.stdout)).toMatchObject({
      error: {
        fields: [{ field: 'tls.pinnedCertificates.0', code: 'invalid_fingerprint', flag: '--pin' }]
      }
    })
  })
})

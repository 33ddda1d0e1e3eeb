/**
 * HTTPS backends for real: the reference backend under uvicorn with `--ssl-certfile/--ssl-keyfile`
 * and certificates the fixture makes with openssl (a test CA and its leaf, an expired leaf, a
 * wrong-name leaf, two self-signed leaves). Through the core's contract as the renderer uses it:
 * each refusal with its code and the certificate's facts, the CA file that makes it work, "trust
 * this certificate" (a pin) and a pinned certificate that changed. Then the same through an SSH
 * tunnel (TLS to the target inside the channel) and in the doctor's `tls` step.
 */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ProfileDraft } from '../../src/shared/profile'
import { startBackend, type RunningBackend } from '../fixtures/backend'
import { startSshd, type RunningSshd } from '../fixtures/sshd'
import { makeCertificates, type CertPair, type TestCertificates } from '../fixtures/tls'
import type { TestCore } from '../helpers/core'
import {
  ask as askCore,
  directDraft,
  saveProfile,
  testCores,
  tunnelDraft
} from '../helpers/integration'
import { tempDir } from '../helpers/tempDir'

let certs: TestCertificates
const backends: RunningBackend[] = []
let leaf: RunningBackend
let expired: RunningBackend
let wrongName: RunningBackend
let selfSigned: RunningBackend
let plain: RunningBackend
let t: TestCore | undefined

const serve = async (pair: CertPair, port?: number) => {
  const b = await startBackend({ extraArgs: certs.uvicornArgs(pair), ...(port ? { port } : {}) })
  backends.push(b)
  return b
}

beforeAll(async () => {
  certs = makeCertificates()
  ;[leaf, expired, wrongName, selfSigned, plain] = await Promise.all([
    serve(certs.leaf),
    serve(certs.expired),
    serve(certs.wrongName),
    serve(certs.selfSigned),
    startBackend()
  ])
  backends.push(plain)
}, 60_000)
afterAll(async () => {
  await Promise.all(backends.map((b) => b.stop()))
  certs?.cleanup()
})
const cores = testCores()

const contract = { method: 'GET', replyFormat: 'json', replyField: 'reply' }

const direct = (url: string, tls: Record<string, unknown> = {}) =>
  directDraft(url, { name: 'https', contract, tls })

async function core(draft: ProfileDraft) {
  t = await cores.start()
  const profile = await saveProfile(t, draft)
  return { t, profile }
}

/** Send one message; the reply's final message (done or failed, with its error). */
const ask = (text = 'hello over https') => askCore(t, text)

const certificateParams = (pair: CertPair, extra: Record<string, unknown> = {}) => ({
  fingerprint: pair.fingerprint,
  validFrom: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
  validTo: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
  ...extra
})

describe('https in direct mode', () => {
  it('works with the company CA given as the profile CA file', async () => {
    await core(direct(leaf.url, { caFile: certs.ca.cert }))
    const { message } = await ask()
    expect(message).toMatchObject({ status: 'done', text: 'Echo: hello over https' })
    expect((await t!.ok('connection:check')).ok).toBe(true)
  })

  it('also by name: https://localhost matches the certificate DNS name', async () => {
    await core(direct(`https://localhost:${leaf.port}`, { caFile: certs.ca.cert }))
    expect((await ask('by name')).message.status).toBe('done')
  })

  it('without the CA file: tls.unknown_issuer with the fingerprint, subject, issuer and dates', async () => {
    await core(direct(leaf.url))
    const outcome = await ask()
    expect(outcome.message.status).toBe('failed')
    expect(outcome.error).toMatchObject({
      code: 'tls.unknown_issuer',
      params: certificateParams(certs.leaf, {
        subject: 'kha backend',
        issuer: 'kha Test Root CA',
        host: '127.0.0.1',
        reason: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE'
      })
    })
    // The connection indicator says why, too.
    const state = await t!.ok('connection:state')
    expect(state).toMatchObject({ status: 'failed', error: { code: 'tls.unknown_issuer' } })
  })

  it('an expired certificate: tls.expired, with its end date', async () => {
    await core(direct(expired.url, { caFile: certs.ca.cert }))
    const { error } = await ask()
    expect(error).toMatchObject({
      code: 'tls.expired',
      params: certificateParams(certs.expired, {
        reason: 'CERT_HAS_EXPIRED',
        subject: 'kha backend (expired)'
      })
    })
    expect(error?.message).toContain('expired on')
  })

  it('a certificate for another name: tls.wrong_host, naming what it is for', async () => {
    await core(direct(wrongName.url, { caFile: certs.ca.cert }))
    const { error } = await ask()
    expect(error).toMatchObject({
      code: 'tls.wrong_host',
      params: certificateParams(certs.wrongName, {
        names: 'DNS:wrong.example.invalid',
        reason: 'ERR_TLS_CERT_ALTNAME_INVALID'
      })
    })
  })

  it('a self-signed certificate: refused, then trusted for this profile (pinned), then it works', async () => {
    const { profile } = await core(direct(selfSigned.url))
    const first = await ask()
    expect(first.error).toMatchObject({
      code: 'tls.self_signed',
      params: certificateParams(certs.selfSigned, { subject: 'kha dev box', issuer: 'kha dev box' })
    })

    const state = await t!.ok('connection:trustCertificate', {
      fingerprint: first.error!.params!.fingerprint as string
    })
    expect(state.profileId).toBe(profile.id)
    const { profiles } = await t!.ok('profiles:list')
    expect(profiles.find((p) => p.id === profile.id)?.tls.pinnedCertificates).toEqual([
      certs.selfSigned.fingerprint
    ])
    expect((await ask('pinned now')).message).toMatchObject({
      status: 'done',
      text: 'Echo: pinned now'
    })
  })

  it('refuses to pin a certificate the server never presented', async () => {
    await core(direct(selfSigned.url))
    const res = await t!.call('connection:trustCertificate', {
      fingerprint: certs.selfSigned2.fingerprint
    })
    expect(res.ok ? null : res.error.code).toBe('ipc.bad_request')
    const garbage = await t!.call('connection:trustCertificate', {
      fingerprint: 'not a fingerprint'
    })
    expect(garbage.ok ? null : garbage.error.code).toBe('ipc.bad_request')
  })

  it('a pinned certificate replaced by another self-signed one: tls.pin_mismatch, and it cannot be trusted from the warning', async () => {
    const server = await serve(certs.selfSigned)
    await core(
      direct(server.url, {
        pinnedCertificates: [certs.selfSigned.fingerprint.toLowerCase().replace(/:/g, '')]
      })
    )
    expect((await ask('before')).message.status).toBe('done')

    await server.stop()
    const replaced = await serve(certs.selfSigned2, server.port)
    await t!.ok('connection:reconnect')
    const { error } = await ask('after')
    expect(error).toMatchObject({
      code: 'tls.pin_mismatch',
      params: certificateParams(certs.selfSigned2, {
        pinned: certs.selfSigned.fingerprint,
        reason: 'DEPTH_ZERO_SELF_SIGNED_CERT'
      })
    })
    expect(error?.message).toMatch(/intercepting/)
    const trust = await t!.call('connection:trustCertificate', {
      fingerprint: certs.selfSigned2.fingerprint
    })
    expect(trust.ok ? null : trust.error.code).toBe('tls.pin_mismatch')
    await replaced.stop()
  })

  it('a pin does not make another name valid: a pinned profile still accepts a normally valid certificate', async () => {
    await core(
      direct(leaf.url, {
        caFile: certs.ca.cert,
        pinnedCertificates: [certs.selfSigned.fingerprint]
      })
    )
    expect((await ask()).message.status).toBe('done')
  })

  it('an unreadable CA file: tls.ca_file naming the file', async () => {
    await core(direct(leaf.url, { caFile: '/nonexistent/company-ca.pem' }))
    const { error } = await ask()
    expect(error).toMatchObject({
      code: 'tls.ca_file',
      params: { path: '/nonexistent/company-ca.pem', reason: 'ENOENT' }
    })
  })

  it('a CA file with no certificate in it: tls.ca_file, no_certificate', async () => {
    const file = join(cores.tempDir(), 'ca.pem')
    writeFileSync(file, 'this is not a certificate\n')
    await core(direct(leaf.url, { caFile: file }))
    expect((await ask()).error).toMatchObject({
      code: 'tls.ca_file',
      params: { reason: 'no_certificate' }
    })
  })

  it('https:// to a server that speaks plain http: tls.handshake, not_tls', async () => {
    await core(direct(`https://127.0.0.1:${plain.port}`))
    expect((await ask()).error).toMatchObject({
      code: 'tls.handshake',
      params: { reason: 'not_tls' }
    })
  })
})

describe('the doctor tls step', () => {
  it('reports a valid chain with the certificate and the TLS version', async () => {
    await core(direct(leaf.url, { caFile: certs.ca.cert }))
    const report = await t!.ok('connection:doctor')
    expect(report.steps.map((s) => `${s.id}:${s.status}`)).toEqual([
      'resolve:ok',
      'tcp:ok',
      'tls:ok',
      'health:ok',
      'chat:ok'
    ])
    expect(report.steps.find((s) => s.id === 'tls')?.detail).toMatchObject({
      trust: 'valid',
      fingerprint: certs.leaf.fingerprint,
      issuer: 'kha Test Root CA',
      protocol: expect.stringMatching(/^TLSv1\.[23]$/)
    })
  })

  it('fails at tls with the reason and the fingerprint in the detail; trusting it from there works', async () => {
    await core(direct(selfSigned.url))
    const report = await t!.ok('connection:doctor')
    const step = report.steps.find((s) => s.id === 'tls')
    expect(step).toMatchObject({
      status: 'failed',
      error: { code: 'tls.self_signed' },
      detail: { fingerprint: certs.selfSigned.fingerprint, subject: 'kha dev box' }
    })
    expect(report.steps.slice(-2).map((s) => s.status)).toEqual(['skipped', 'skipped'])
    // The doctor's refusal counts as "presented": the user may trust it from the doctor panel.
    await t!.ok('connection:trustCertificate', { fingerprint: certs.selfSigned.fingerprint })
    const again = await t!.ok('connection:doctor')
    expect(again.ok).toBe(true)
    expect(again.steps.find((s) => s.id === 'tls')?.detail).toMatchObject({
      trust: 'pinned',
      chainError: 'DEPTH_ZERO_SELF_SIGNED_CERT'
    })
  })
})

describe('https through the SSH tunnel (TLS to the target inside the channel)', () => {
  let sshd: RunningSshd
  let home: { dir: string; cleanup(): void }
  beforeAll(async () => {
    sshd = await startSshd()
    home = tempDir()
  })
  afterAll(async () => {
    await sshd?.stop()
    home?.cleanup()
  })

  const tunnel = (port: number, tls: Record<string, unknown> = {}) =>
    tunnelDraft(sshd, {
      name: 'tunnel https',
      target: { host: '127.0.0.1', port },
      connection: { scheme: 'https' },
      knownHostsIn: home.dir,
      contract,
      tls
    })

  it('works with the CA file, and refuses without it (tls.unknown_issuer)', async () => {
    await core(tunnel(leaf.port, { caFile: certs.ca.cert }))
    expect((await ask('through ssh')).message).toMatchObject({
      status: 'done',
      text: 'Echo: through ssh'
    })
    await t!.close()
    await core(tunnel(leaf.port))
    expect((await ask()).error).toMatchObject({
      code: 'tls.unknown_issuer',
      params: { fingerprint: certs.leaf.fingerprint }
    })
  })

  it('the doctor runs tls after target, and a pinned self-signed target passes', async () => {
    await core(tunnel(selfSigned.port, { pinnedCertificates: [certs.selfSigned.fingerprint] }))
    const report = await t!.ok('connection:doctor')
    expect(report.steps.map((s) => `${s.id}:${s.status}`)).toEqual([
      'resolve:ok',
      'tcp:ok',
      'ssh_handshake:ok',
      'ssh_auth:ok',
      'forward:ok',
      'target:ok',
      'tls:ok',
      'health:ok',
      'chat:ok'
    ])
    expect(report.steps.find((s) => s.id === 'tls')?.detail).toMatchObject({
      trust: 'pinned',
      fingerprint: certs.selfSigned.fingerprint
    })
  })
})

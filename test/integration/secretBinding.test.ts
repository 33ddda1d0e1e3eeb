/**
 * Secrets stay with the server they were given for (issue 16 items 1 and 9): the whole core
 * against the real reference backend, whose echo knob replies with the headers it received. The
 * same backend is reached as 127.0.0.1 and as localhost: two origins, so re-pointing a profile
 * from one to the other shows whether a secret follows it.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { EncryptedFileSecretStore, MemorySecretStore, type Cipher } from '../../src/core/secrets'
import type { Profile } from '../../src/shared/profile'
import type { TestCore } from '../helpers/core'
import { testCores, withBackend } from '../helpers/integration'

let t: TestCore | undefined
const backend = withBackend()
const cores = testCores()

const echo = { name: 'X-Test-Echo', value: '1' }
const localhostUrl = () => backend.url.replace('127.0.0.1', 'localhost')

function draft(
  url: string,
  headers: Array<{ name: string; value: string }>,
  id?: string
): Record<string, unknown> {
  return {
    ...(id ? { id } : {}),
    name: 'ref',
    connection: { kind: 'direct', url },
    contract: { replyFormat: 'json', auth: 'bearer', headers: [echo, ...headers] }
  }
}

/** One chat turn; what the backend received (from the echo) or the error shown. */
async function chat(
  core: TestCore
): Promise<{ headers?: Record<string, string>; error?: { code: string; message: string } }> {
  const sent = await core.ok('chat:send', { text: 'hi' })
  const outcome = await core.outcome(sent.assistantMessage.id)
  if ('error' in outcome && outcome.error) return { error: outcome.error }
  return {
    headers: (JSON.parse(outcome.message.text) as { headers: Record<string, string> }).headers
  }
}

const profilesFile = (dataDir: string) => readFileSync(join(dataDir, 'profiles.json'), 'utf8')

describe('secrets bound to the backend they were given for', () => {
  it('an API key is sent only to the origin it was entered for; re-pointed, the profile shows it missing', async () => {
    t = await cores.start()
    const { saved: profile } = await t.ok('profiles:save', { draft: draft(backend.url, []) })
    await t.ok('profiles:setApiKey', { id: profile.id, value: 'key-for-server-b' })
    expect((await chat(t)).headers?.authorization).toBe('Bearer key-for-server-b')

    await t.ok('profiles:save', { draft: draft(localhostUrl(), [], profile.id) })
    expect((await t.ok('profiles:list')).withApiKey).toEqual([])
    const elsewhere = await chat(t)
    expect(elsewhere.headers).toBeDefined()
    expect(elsewhere.headers?.authorization).toBeUndefined()
    expect(JSON.stringify(elsewhere)).not.toContain('key-for-server-b')

    // Back at the first address, the key is gone too: it is asked for again, not resurrected.
    await t.ok('profiles:save', { draft: draft(backend.url, [], profile.id) })
    expect((await t.ok('profiles:list')).withApiKey).toEqual([])
  })

  it('a credential header goes to the secret store, never profiles.json, and only to its backend', async () => {
    t = await cores.start()
    const { saved: profile } = await t.ok('profiles:save', {
      draft: draft(backend.url, [
        { name: 'X-Api-Key', value: 'hdr-secret-1' },
        { name: 'X-Team', value: 'kha' }
      ])
    })
    expect(profile.contract.headers).toContainEqual({ name: 'X-Api-Key', value: '' })
    expect(profilesFile(t.dataDir)).not.toContain('hdr-secret-1')
    expect(profilesFile(t.dataDir)).toContain('"kha"')
    expect((await t.ok('profiles:list')).withHeaderSecrets).toEqual({ [profile.id]: ['X-Api-Key'] })
    expect((await chat(t)).headers).toMatchObject({ 'x-api-key': 'hdr-secret-1', 'x-team': 'kha' })

    // Saving again with the value left empty keeps the stored one.
    await t.ok('profiles:save', {
      draft: {
        ...draft(backend.url, [{ name: 'X-Api-Key', value: '' }], profile.id),
        name: 'renamed'
      }
    })
    expect((await chat(t)).headers?.['x-api-key']).toBe('hdr-secret-1')

    // Re-pointed: not sent, a clear error instead, and the form shows it missing.
    await t.ok('profiles:save', {
      draft: draft(localhostUrl(), [{ name: 'X-Api-Key', value: '' }], profile.id)
    })
    expect((await t.ok('profiles:list')).withHeaderSecrets).toEqual({})
    const refused = await chat(t)
    expect(refused.error).toMatchObject({
      code: 'profile.secret_missing',
      message: expect.stringContaining('X-Api-Key')
    })

    await t.ok('profiles:save', {
      draft: draft(localhostUrl(), [{ name: 'X-Api-Key', value: 'hdr-secret-2' }], profile.id)
    })
    expect((await chat(t)).headers?.['x-api-key']).toBe('hdr-secret-2')
    expect(profilesFile(t.dataDir)).not.toContain('hdr-secret')
  })

  it('refuses user info in the backend URL, saying where credentials go, and writes nothing', async () => {
    t = await cores.start()
    const result = await t.call('profiles:save', {
      draft: draft(backend.url.replace('http://', 'http://kim:hunter2@'), [])
    })
    expect(result).toMatchObject({
      ok: false,
      error: {
        code: 'profile.invalid',
        fields: [{ field: 'connection.url', code: 'url_has_credentials' }]
      }
    })
    expect(() => profilesFile((t as TestCore).dataDir)).toThrow()
  })
})

/** A stand-in for safeStorage that is not the identity, so ciphertext never equals the secret. */
const cipher: Cipher = {
  encrypt: (plain) => Buffer.from(`enc:${Buffer.from(plain).toString('hex')}`),
  decrypt: (data) => Buffer.from(data.toString().replace(/^enc:/, ''), 'hex').toString()
}

describe('upgrading from 0.1', () => {
  it('keeps 0.1 secrets and credential headers working for the endpoint each profile had, and only there', async () => {
    const dir = cores.tempDir('kha-upgrade-')
    const id = '6f7c1f4e-0000-4000-8000-000000000001'
    // A 0.1 data folder: a header with a credential in profiles.json, an API key keyed by profile id.
    const old: Profile = {
      id,
      name: 'Server B',
      connection: { kind: 'direct', url: backend.url },
      contract: {
        method: 'GET',
        path: '/api_chat',
        messageField: 'message',
        replyFormat: 'json',
        replyField: 'reply',
        extraParams: [],
        headers: [echo, { name: 'Authorization', value: 'Token legacy-header' }],
        healthPath: '/health',
        history: {
          mode: 'none',
          turns: 10,
          field: 'history',
          includeCurrent: false,
          roleField: 'role',
          contentField: 'content',
          userRole: 'user',
          assistantRole: 'assistant',
          systemRole: 'system'
        },
        systemPrompt: '',
        model: '',
        auth: 'none'
      },
      timeouts: { connectSec: 10, idleSec: 60 },
      tls: { caFile: '', pinnedCertificates: [] },
      proxy: { mode: 'manual', url: 'http://127.0.0.1:3128', username: 'kim', bypass: '' }
    } as unknown as Profile
    writeFileSync(
      join(dir, 'profiles.json'),
      JSON.stringify({ version: 1, profiles: [old], activeId: id })
    )
    writeFileSync(
      join(dir, 'secrets.json'),
      JSON.stringify({ [`${id}:proxyPassword`]: cipher.encrypt('proxy-pass').toString('base64') })
    )

    t = await cores.start({
      dataDir: dir,
      secrets: new EncryptedFileSecretStore(dir, cipher)
    })
    expect((await chat(t)).headers?.authorization).toBe('Token legacy-header')
    expect(profilesFile(dir)).not.toContain('legacy-header')
    const state = await t.ok('profiles:list')
    expect(state.withProxyPassword).toEqual([id])
    expect(state.withHeaderSecrets).toEqual({ [id]: ['Authorization'] })
    const stored = Object.keys(
      JSON.parse(readFileSync(join(dir, 'secrets.json'), 'utf8')) as Record<string, string>
    )
    expect(stored.every((key) => key.includes('@'))).toBe(true)
    expect(readFileSync(join(dir, 'secrets.json'), 'utf8')).not.toMatch(/legacy-header|proxy-pass/)
    await t.close()

    // After a restart it still works; re-pointed, neither the header nor the proxy password follows.
    t = await cores.start({
      dataDir: dir,
      secrets: new EncryptedFileSecretStore(dir, cipher)
    })
    expect((await chat(t)).headers?.authorization).toBe('Token legacy-header')
    const current = (await t.ok('profiles:list')).profiles[0] as Profile
    await t.ok('profiles:save', {
      draft: {
        ...current,
        connection: { kind: 'direct', url: localhostUrl() },
        proxy: { ...current.proxy, url: 'http://127.0.0.1:3129' }
      }
    })
    const after = await t.ok('profiles:list')
    expect(after.withProxyPassword).toEqual([])
    expect(after.withHeaderSecrets).toEqual({})
    expect((await chat(t)).error).toMatchObject({ code: 'profile.secret_missing' })
  })

  it('a 0.1 backend URL with user:pass@ is loaded, not dropped: the same Basic credentials, now from the secret store', async () => {
    const dir = cores.tempDir('kha-upgrade-')
    t = await cores.start({ dataDir: dir })
    await t.ok('profiles:save', { draft: draft(backend.url, []) })
    await t.close()
    const file = JSON.parse(profilesFile(dir)) as {
      profiles: Array<{ connection: { url: string } }>
    }
    ;(file.profiles[0] as { connection: { url: string } }).connection.url = backend.url.replace(
      'http://',
      'http://kim:p%40ss@'
    )
    writeFileSync(join(dir, 'profiles.json'), JSON.stringify(file))

    t = await cores.start({
      dataDir: dir,
      secrets: new EncryptedFileSecretStore(dir, cipher)
    })
    const [profile] = (await t.ok('profiles:list')).profiles
    expect(profile?.connection).toEqual({ kind: 'direct', url: backend.url })
    expect((await chat(t)).headers?.authorization).toBe(
      `Basic ${Buffer.from('kim:p@ss').toString('base64')}`
    )
    expect(profilesFile(dir)).not.toMatch(/p%40ss|a2ltOnBAc3M/)
  })

  it('without a keyring, a 0.1 credential header stays in profiles.json rather than being lost', async () => {
    const dir = cores.tempDir('kha-upgrade-')
    t = await cores.start({ dataDir: dir })
    const { saved } = await t.ok('profiles:save', { draft: draft(backend.url, []) })
    await t.close()
    const file = JSON.parse(profilesFile(dir)) as { profiles: Profile[] }
    ;(file.profiles[0] as Profile).contract.headers.push({
      name: 'Cookie',
      value: 'session=legacy'
    })
    writeFileSync(join(dir, 'profiles.json'), JSON.stringify(file))
    t = await cores.start({ dataDir: dir, secrets: new MemorySecretStore() })
    expect(profilesFile(dir)).toContain('session=legacy')
    expect((await chat(t)).headers?.cookie).toBe('session=legacy')
    expect(saved.id).toBeTruthy()
  })
})

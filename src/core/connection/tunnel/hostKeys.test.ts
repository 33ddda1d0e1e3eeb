import { execFileSync } from 'node:child_process'
import { createHmac, randomBytes } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { hostKeyAlgorithmsFor } from './algorithms'
import {
  checkHostKey,
  entryMatchesHost,
  fingerprintSha256,
  hostPatternName,
  keyTypeOf,
  knownHostsLine,
  knownKeyTypes,
  parseKnownHosts
} from './hostKeys'
import { addTrustedKey, forgetHost, loadKnownHosts } from './knownHosts'

const dir = mkdtempSync(join(tmpdir(), 'kha-hostkeys-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** A real ed25519 public key made by ssh-keygen, with its fingerprint as ssh-keygen prints it. */
function realKey(name: string): { blob: Buffer; b64: string; fingerprint: string } {
  const path = join(dir, name)
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', '', '-f', path])
  const b64 = readFileSync(`${path}.pub`, 'utf8').split(' ')[1] as string
  const fingerprint = execFileSync('ssh-keygen', ['-l', '-E', 'sha256', '-f', `${path}.pub`], {
    encoding: 'utf8'
  }).split(' ')[1] as string
  return { blob: Buffer.from(b64, 'base64'), b64, fingerprint }
}

const a = realKey('a')
const b = realKey('b')

describe('fingerprints and key types', () => {
  it('formats SHA256 fingerprints exactly like ssh-keygen -lf', () => {
    expect(fingerprintSha256(a.blob)).toBe(a.fingerprint)
    expect(fingerprintSha256(a.blob)).not.toMatch(/=$/)
  })
  it('reads the key type from the blob', () => {
    expect(keyTypeOf(a.blob)).toBe('ssh-ed25519')
    expect(keyTypeOf(Buffer.from([1]))).toBe('unknown')
  })
  it('names hosts as known_hosts does: bare on port 22, [host]:port otherwise, lower case', () => {
    expect(hostPatternName('Server.Example', 22)).toBe('server.example')
    expect(hostPatternName('127.0.0.1', 2222)).toBe('[127.0.0.1]:2222')
    expect(hostPatternName('[::1]', 2222)).toBe('[::1]:2222')
  })
})

describe('parsing and matching known_hosts', () => {
  it('matches plain entries, comma lists, wildcards and negations, and skips comments and junk', () => {
    const entries = parseKnownHosts(
      [
        '# comment',
        '',
        `serverb,192.168.0.20 ssh-ed25519 ${a.b64} me@laptop`,
        `*.corp,!evil.corp ssh-ed25519 ${a.b64}`,
        'garbage-line-without-key',
        `@cert-authority *.example ssh-ed25519 ${b.b64}`
      ].join('\n')
    )
    expect(entries).toHaveLength(3)
    const [plain, wild] = entries
    expect(entryMatchesHost(plain!, 'serverb')).toBe(true)
    expect(entryMatchesHost(plain!, '192.168.0.20')).toBe(true)
    expect(entryMatchesHost(plain!, '[serverb]:2222')).toBe(false)
    expect(entryMatchesHost(wild!, 'db.corp')).toBe(true)
    expect(entryMatchesHost(wild!, 'evil.corp')).toBe(false)
    expect(entries[2]?.marker).toBe('@cert-authority')
  })

  it('matches hashed entries (|1|salt|hmac-sha1), computed by hand', () => {
    const salt = randomBytes(20)
    const hash = createHmac('sha1', salt).update('[10.0.0.5]:2200').digest()
    const [entry] = parseKnownHosts(
      `|1|${salt.toString('base64')}|${hash.toString('base64')} ssh-ed25519 ${a.b64}`
    )
    expect(entryMatchesHost(entry!, '[10.0.0.5]:2200')).toBe(true)
    expect(entryMatchesHost(entry!, '10.0.0.5')).toBe(false)
  })

  it('matches entries hashed by ssh-keygen -H, port 22 and [host]:port alike', async () => {
    const file = join(dir, 'hashed_known_hosts')
    writeFileSync(file, `serverb ssh-ed25519 ${a.b64}\n[127.0.0.1]:2222 ssh-ed25519 ${b.b64}\n`)
    execFileSync('ssh-keygen', ['-H', '-f', file], { stdio: 'ignore' })
    const text = readFileSync(file, 'utf8')
    expect(text).not.toContain('serverb')
    expect(text).toMatch(/^\|1\|/m)
    const entries = await loadKnownHosts([file, join(dir, 'missing')])
    expect(checkHostKey(entries, 'serverb', 22, a.blob).verdict).toBe('known')
    expect(checkHostKey(entries, '127.0.0.1', 2222, b.blob).verdict).toBe('known')
    expect(checkHostKey(entries, '127.0.0.1', 2222, a.blob).verdict).toBe('changed')
    expect(checkHostKey(entries, '127.0.0.1', 2223, a.blob).verdict).toBe('unknown')
  })
})

describe('verdicts', () => {
  const line = (host: string, key: string, marker = '') =>
    `${marker ? `${marker} ` : ''}${host} ssh-ed25519 ${key}`

  it('known beats changed when a host has an old and a current line', () => {
    const entries = parseKnownHosts([line('h', b.b64), line('h', a.b64)].join('\n'))
    expect(checkHostKey(entries, 'h', 22, a.blob).verdict).toBe('known')
  })
  it('a different key of the same type is "changed" and says where the old one is', () => {
    const verdict = checkHostKey(
      parseKnownHosts(line('h', b.b64), '/x/known_hosts'),
      'h',
      22,
      a.blob
    )
    expect(verdict).toMatchObject({
      verdict: 'changed',
      entries: [{ source: '/x/known_hosts', line: 1 }]
    })
  })
  it('a key of another type than the one on file is "changed" too, not a new question', () => {
    const rsa = Buffer.concat([Buffer.from([0, 0, 0, 7]), Buffer.from('ssh-rsa'), Buffer.alloc(8)])
    const entries = parseKnownHosts(`h ssh-rsa ${rsa.toString('base64')}`, '/x/known_hosts')
    expect(checkHostKey(entries, 'h', 22, a.blob)).toMatchObject({
      verdict: 'changed',
      entries: [{ keyType: 'ssh-rsa', line: 1 }]
    })
    // Another host's keys say nothing about this one.
    expect(checkHostKey(entries, 'g', 22, a.blob).verdict).toBe('unknown')
  })
  it('asks the server for the key types on file first (RSA as its SHA-2 signatures)', () => {
    const rsa = Buffer.concat([Buffer.from([0, 0, 0, 7]), Buffer.from('ssh-rsa'), Buffer.alloc(8)])
    const entries = parseKnownHosts(
      [
        `[h]:2222 ssh-rsa ${rsa.toString('base64')}`,
        line('[h]:2222', a.b64),
        line('other', b.b64)
      ].join('\n')
    )
    expect(knownKeyTypes(entries, 'h', 2222)).toEqual(['ssh-rsa', 'ssh-ed25519'])
    const order = hostKeyAlgorithmsFor(knownKeyTypes(entries, 'h', 2222), false)
    expect(order.slice(0, 3)).toEqual(['rsa-sha2-512', 'rsa-sha2-256', 'ssh-ed25519'])
    expect(order).not.toContain('ssh-rsa')
    expect(hostKeyAlgorithmsFor([], true).at(-1)).toBe('ssh-rsa')
  })
  it('@revoked wins over a matching plain line', () => {
    const entries = parseKnownHosts([line('h', a.b64), line('*', a.b64, '@revoked')].join('\n'))
    expect(checkHostKey(entries, 'h', 22, a.blob).verdict).toBe('revoked')
  })
})

describe("the app's own known_hosts", () => {
  it('appends atomically; forgetHost removes every key of that host only, keeps a backup and @revoked lines', async () => {
    const file = join(dir, 'app', 'known_hosts')
    const userFile = join(dir, 'user_known_hosts')
    writeFileSync(userFile, `${knownHostsLine('h', 2222, b.blob)}\n`)
    await addTrustedKey(file, 'h', 2222, b.blob)
    await addTrustedKey(file, 'other', 22, b.blob)
    writeFileSync(
      file,
      readFileSync(file, 'utf8') +
        `@revoked [h]:2222 ssh-ed25519 ${b.b64}\n[h]:2222 ssh-ed25519 ${a.b64}\n`
    )
    const before = readFileSync(file, 'utf8')
    const result = await forgetHost({ app: file, read: [userFile, file] }, 'h', 2222)
    expect(result).toMatchObject({ name: '[h]:2222', file, backup: `${file}.old` })
    expect(result.removed.map((r) => [r.line, r.fingerprint])).toEqual([
      [1, b.fingerprint],
      [4, a.fingerprint]
    ])
    expect(result.elsewhere).toEqual([
      { file: userFile, line: 1, keyType: 'ssh-ed25519', fingerprint: b.fingerprint }
    ])
    expect(readFileSync(`${file}.old`, 'utf8')).toBe(before)
    expect(readFileSync(file, 'utf8')).toBe(
      `${knownHostsLine('other', 22, b.blob)}\n@revoked [h]:2222 ssh-ed25519 ${b.b64}\n`
    )
    expect((await forgetHost({ app: file, read: [file] }, 'h', 2222)).removed).toEqual([])
  })
})

import { execFileSync } from 'node:child_process'
import { createHmac, randomBytes } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { checkHostKey, entryMatchesHost, fingerprintSha256, hostPatternName, keyTypeOf, knownHostsLine, parseKnownHosts } from './hostKeys'
import { addTrustedKey, loadKnownHosts } from './knownHosts'

const dir = mkdtempSync(join(tmpdir(), 'kha-hostkeys-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** A real ed25519 public key made by ssh-keygen, with its fingerprint as ssh-keygen prints it. */
function realKey(name: string): { blob: Buffer; b64: string; fingerprint: string } {
  const path = join(dir, name)
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', '', '-f', path])
  const b64 = readFileSync(`${path}.pub`, 'utf8').split(' ')[1] as string
  const fingerprint = execFileSync('ssh-keygen', ['-l', '-E', 'sha256', '-f', `${path}.pub`], { encoding: 'utf8' }).split(' ')[1] as string
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
    const [entry] = parseKnownHosts(`|1|${salt.toString('base64')}|${hash.toString('base64')} ssh-ed25519 ${a.b64}`)
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
  const line = (host: string, key: string, marker = '') => `${marker ? `${marker} ` : ''}${host} ssh-ed25519 ${key}`

  it('known beats changed when a host has an old and a current line', () => {
    const entries = parseKnownHosts([line('h', b.b64), line('h', a.b64)].join('\n'))
    expect(checkHostKey(entries, 'h', 22, a.blob).verdict).toBe('known')
  })
  it('a different key of the same type is "changed" and says where the old one is', () => {
    const verdict = checkHostKey(parseKnownHosts(line('h', b.b64), '/x/known_hosts'), 'h', 22, a.blob)
    expect(verdict).toMatchObject({ verdict: 'changed', entries: [{ source: '/x/known_hosts', line: 1 }] })
  })
  it('a key of another type only is "unknown" (OpenSSH asks too)', () => {
    const rsa = Buffer.concat([Buffer.from([0, 0, 0, 7]), Buffer.from('ssh-rsa'), Buffer.alloc(8)])
    expect(checkHostKey(parseKnownHosts(line('h', rsa.toString('base64'))), 'h', 22, a.blob).verdict).toBe('unknown')
  })
  it('@revoked wins over a matching plain line', () => {
    const entries = parseKnownHosts([line('h', a.b64), line('*', a.b64, '@revoked')].join('\n'))
    expect(checkHostKey(entries, 'h', 22, a.blob).verdict).toBe('revoked')
  })
})

describe("the app's own known_hosts", () => {
  it('appends atomically, and replaces only a same-type line for that host when asked', async () => {
    const file = join(dir, 'app', 'known_hosts')
    await addTrustedKey(file, 'h', 2222, b.blob)
    await addTrustedKey(file, 'other', 22, b.blob)
    expect(checkHostKey(await loadKnownHosts([file]), 'h', 2222, a.blob).verdict).toBe('changed')
    await addTrustedKey(file, 'h', 2222, a.blob, { replace: true })
    const entries = await loadKnownHosts([file])
    expect(checkHostKey(entries, 'h', 2222, a.blob).verdict).toBe('known')
    expect(checkHostKey(entries, 'other', 22, b.blob).verdict).toBe('known')
    expect(readFileSync(file, 'utf8').trim().split('\n')).toEqual([knownHostsLine('other', 22, b.blob), knownHostsLine('h', 2222, a.blob)])
  })
})

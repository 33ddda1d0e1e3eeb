/**
 * known_hosts, the OpenSSH format, parsed and matched in memory (no file access here; see
 * knownHosts.ts). Supported: plain host lists with `*`/`?` wildcards and `!` negations, the
 * `[host]:port` form for non-22 ports, hashed entries (`|1|salt|hmac`, what `HashKnownHosts yes`
 * and `ssh-keygen -H` write), comments, and the `@revoked` marker. `@cert-authority` lines are
 * skipped: we do not verify host certificates, so they neither trust nor reject a key.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto'

export interface KnownHostEntry {
  marker: '' | '@revoked' | '@cert-authority'
  /** Plain comma-separated patterns, or undefined for a hashed entry. */
  patterns?: string[]
  hashed?: { salt: Buffer; hash: Buffer }
  /** Key type as written on the line (`ssh-ed25519`). */
  keyType: string
  /** The decoded public key blob. */
  key: Buffer
  /** Which file and line it came from, so a "changed" warning can say where the old key is. */
  source: string
  line: number
}

export type HostKeyVerdict =
  | { verdict: 'known'; entry: KnownHostEntry }
  | { verdict: 'unknown' }
  | { verdict: 'changed'; entries: KnownHostEntry[] }
  | { verdict: 'revoked'; entry: KnownHostEntry }

export function parseKnownHosts(text: string, source = ''): KnownHostEntry[] {
  const entries: KnownHostEntry[] = []
  text.split(/\r?\n/).forEach((raw, index) => {
    const trimmed = raw.trim()
    if (trimmed === '' || trimmed.startsWith('#')) return
    const fields = trimmed.split(/\s+/)
    let marker: KnownHostEntry['marker'] = ''
    if (fields[0]?.startsWith('@')) {
      const m = fields.shift()
      if (m !== '@revoked' && m !== '@cert-authority') return
      marker = m
    }
    const [hosts, keyType, keyBase64] = fields
    if (!hosts || !keyType || !keyBase64) return
    const key = Buffer.from(keyBase64, 'base64')
    if (key.length === 0) return
    const entry: KnownHostEntry = { marker, keyType, key, source, line: index + 1 }
    if (hosts.startsWith('|1|')) {
      const [, , salt, hash] = hosts.split('|')
      if (!salt || !hash) return
      entry.hashed = { salt: Buffer.from(salt, 'base64'), hash: Buffer.from(hash, 'base64') }
    } else {
      entry.patterns = hosts.split(',').filter((p) => p !== '')
    }
    entries.push(entry)
  })
  return entries
}

/** The name known_hosts stores for a server: `host` on port 22, `[host]:port` otherwise. */
export function hostPatternName(host: string, port: number): string {
  // A profile may carry an IPv6 address in brackets; known_hosts stores it bare (or in `[…]:port`).
  const h = host.toLowerCase().replace(/^\[(.*)\]$/, '$1')
  return port === 22 ? h : `[${h}]:${port}`
}

function globMatch(pattern: string, text: string): boolean {
  const re = new RegExp(
    '^' +
      pattern
        .toLowerCase()
        .replace(/[.+^${}()|[\]\\]/g, '\\$&')
        .replace(/\*/g, '.*')
        .replace(/\?/g, '.') +
      '$'
  )
  return re.test(text)
}

export function entryMatchesHost(entry: KnownHostEntry, name: string): boolean {
  if (entry.hashed) {
    const mac = createHmac('sha1', entry.hashed.salt).update(name).digest()
    return mac.length === entry.hashed.hash.length && timingSafeEqual(mac, entry.hashed.hash)
  }
  let matched = false
  for (const pattern of entry.patterns ?? []) {
    // A matching negation excludes the host whatever else matches (as OpenSSH's match_hostname).
    if (pattern.startsWith('!')) {
      if (globMatch(pattern.slice(1), name)) return false
    } else if (globMatch(pattern, name)) {
      matched = true
    }
  }
  return matched
}

/** The type inside an SSH public key blob (its first length-prefixed string). */
export function keyTypeOf(blob: Buffer): string {
  if (blob.length < 4) return 'unknown'
  const len = blob.readUInt32BE(0)
  return len > 0 && len < 64 && blob.length >= 4 + len
    ? blob.toString('latin1', 4, 4 + len)
    : 'unknown'
}

/** `SHA256:` + unpadded base64, byte for byte what `ssh-keygen -lf` prints. */
export function fingerprintSha256(blob: Buffer): string {
  return 'SHA256:' + createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')
}

export function knownHostsLine(host: string, port: number, blob: Buffer): string {
  return `${hostPatternName(host, port)} ${keyTypeOf(blob)} ${blob.toString('base64')}`
}

/**
 * Decide about the key a server presented. Known beats changed: a host may legitimately have
 * several lines (one per key type, or an old one left behind next to the current one). Any other
 * key on file for this host, whatever its type, makes the presented one "changed": a server that
 * suddenly shows an RSA key where an ed25519 one was trusted is exactly what an interceptor with
 * no copy of the real key would do. (OpenSSH avoids the case by asking for the known types first,
 * which we do too: see `hostKeyAlgorithmsFor`.)
 */
export function checkHostKey(
  entries: KnownHostEntry[],
  host: string,
  port: number,
  blob: Buffer
): HostKeyVerdict {
  const name = hostPatternName(host, port)
  const forHost = entries.filter((e) => e.marker !== '@cert-authority' && entryMatchesHost(e, name))
  const revoked = forHost.find((e) => e.marker === '@revoked' && e.key.equals(blob))
  if (revoked) return { verdict: 'revoked', entry: revoked }
  const plain = forHost.filter((e) => e.marker === '')
  const same = plain.find((e) => e.key.equals(blob))
  if (same) return { verdict: 'known', entry: same }
  if (plain.length > 0) return { verdict: 'changed', entries: plain }
  return { verdict: 'unknown' }
}

/** The key types on file for host[:port] (plain lines only), in file order, without repeats. */
export function knownKeyTypes(entries: KnownHostEntry[], host: string, port: number): string[] {
  const name = hostPatternName(host, port)
  const types = entries
    .filter((e) => e.marker === '' && entryMatchesHost(e, name))
    .map((e) => keyTypeOf(e.key))
  return [...new Set(types)]
}

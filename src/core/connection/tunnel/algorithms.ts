/**
 * What the tunnel offers in the SSH handshake. By default, what OpenSSH 9 offers, minus SHA-1:
 * no `ssh-rsa` (SHA-1) host-key signatures, no SHA-1 key exchange, no `hmac-sha1` (OpenSSH 9 still
 * lists hmac-sha1 last; we leave it out too, and a server that needs it is a legacy server). ssh2's
 * own defaults are looser (they include `ssh-rsa` and `hmac-sha1`), so we always pass our lists.
 *
 * A profile may allow the legacy algorithms for an old server (`allowLegacyAlgorithms`); they are
 * then offered after every modern one, so they are used only when the server offers nothing else,
 * and `legacyUsed` says which one was, for the log, the status detail and the doctor.
 *
 * Host-key algorithms are ordered like OpenSSH's: the types already on file for this host first, so
 * a server with several host keys presents the one we can check instead of one we would have to
 * call "changed".
 */
import { getCiphers } from 'node:crypto'
import type {
  Algorithms,
  CipherAlgorithm,
  KexAlgorithm,
  MacAlgorithm,
  ServerHostKeyAlgorithm
} from 'ssh2'

/** Our cipher preference with the OpenSSL name that must exist for ssh2 to use it. */
const cipherPreference: Array<[CipherAlgorithm, string]> = [
  // AEAD, and hardware-accelerated almost everywhere: the cheapest per byte of chat stream.
  ['aes128-gcm@openssh.com', 'aes-128-gcm'],
  ['aes256-gcm@openssh.com', 'aes-256-gcm'],
  // Fallbacks for servers configured without GCM.
  ['aes128-ctr', 'aes-128-ctr'],
  ['aes192-ctr', 'aes-192-ctr'],
  ['aes256-ctr', 'aes-256-ctr'],
  ['chacha20-poly1305@openssh.com', 'chacha20']
]

export function cipherList(available: string[] = getCiphers()): CipherAlgorithm[] {
  return cipherPreference.filter(([, ssl]) => available.includes(ssl)).map(([name]) => name)
}

export const modernKex: KexAlgorithm[] = [
  'curve25519-sha256',
  'curve25519-sha256@libssh.org',
  'ecdh-sha2-nistp256',
  'ecdh-sha2-nistp384',
  'ecdh-sha2-nistp521',
  'diffie-hellman-group-exchange-sha256',
  'diffie-hellman-group16-sha512',
  'diffie-hellman-group18-sha512',
  'diffie-hellman-group14-sha256'
]

export const modernHostKey: ServerHostKeyAlgorithm[] = [
  'ssh-ed25519',
  'ecdsa-sha2-nistp256',
  'ecdsa-sha2-nistp384',
  'ecdsa-sha2-nistp521',
  'rsa-sha2-512',
  'rsa-sha2-256'
]

export const modernMac: MacAlgorithm[] = [
  'hmac-sha2-256-etm@openssh.com',
  'hmac-sha2-512-etm@openssh.com',
  'hmac-sha2-256',
  'hmac-sha2-512'
]

/** Offered only with `allowLegacyAlgorithms`, after every modern one. */
export const legacy = {
  kex: [
    'diffie-hellman-group14-sha1',
    'diffie-hellman-group-exchange-sha1',
    'diffie-hellman-group1-sha1'
  ] as KexAlgorithm[],
  serverHostKey: ['ssh-rsa'] as ServerHostKeyAlgorithm[],
  // CBC modes: gone from OpenSSH's default client list since 7.x; old appliances still need them.
  cipher: ['aes128-cbc', 'aes192-cbc', 'aes256-cbc'] as CipherAlgorithm[],
  hmac: ['hmac-sha1-etm@openssh.com', 'hmac-sha1'] as MacAlgorithm[]
}

const legacyNames = new Set<string>([
  ...legacy.kex,
  ...legacy.serverHostKey,
  ...legacy.cipher,
  ...legacy.hmac
])
export const isLegacyAlgorithm = (name: string): boolean => legacyNames.has(name)

/** The host-key algorithms that can present a key of this type (as written in known_hosts). */
function algorithmsForKeyType(type: string, allowLegacy: boolean): ServerHostKeyAlgorithm[] {
  if (type === 'ssh-rsa')
    return [
      'rsa-sha2-512',
      'rsa-sha2-256',
      ...(allowLegacy ? (['ssh-rsa'] as ServerHostKeyAlgorithm[]) : [])
    ]
  return modernHostKey.includes(type as ServerHostKeyAlgorithm)
    ? [type as ServerHostKeyAlgorithm]
    : []
}

export function hostKeyAlgorithmsFor(
  knownTypes: string[],
  allowLegacy: boolean
): ServerHostKeyAlgorithm[] {
  const all = [...modernHostKey, ...(allowLegacy ? legacy.serverHostKey : [])]
  const preferred = knownTypes.flatMap((t) => algorithmsForKeyType(t, allowLegacy))
  return [...new Set([...preferred, ...all])]
}

export interface AlgorithmChoice {
  allowLegacy: boolean
  /** Key types on file for this host, in file order. */
  knownKeyTypes: string[]
}

export function algorithmsFor(
  choice: AlgorithmChoice,
  ciphers: CipherAlgorithm[] = cipherList()
): Algorithms {
  const extra = choice.allowLegacy
  return {
    kex: [...modernKex, ...(extra ? legacy.kex : [])],
    serverHostKey: hostKeyAlgorithmsFor(choice.knownKeyTypes, extra),
    cipher: [...ciphers, ...(extra ? legacy.cipher : [])],
    hmac: [...modernMac, ...(extra ? legacy.hmac : [])],
    compress: ['none']
  }
}

/** The legacy algorithms a finished handshake settled on (empty for a modern server). */
export function legacyUsed(negotiated: {
  kex: string
  serverHostKey: string
  cs: { cipher: string; mac: string }
  sc: { cipher: string; mac: string }
}): string[] {
  const used = [
    negotiated.kex,
    negotiated.serverHostKey,
    negotiated.cs.cipher,
    negotiated.cs.mac,
    negotiated.sc.cipher,
    negotiated.sc.mac
  ]
  return [...new Set(used.filter(isLegacyAlgorithm))]
}

/** Which part of the handshake a "no matching …" failure names, and ssh2's debug label for the server's list. */
const handshakeParts = [
  { failure: /no matching key exchange/i, remote: 'KEX method', part: 'kex', legacy: legacy.kex },
  {
    failure: /no matching host key/i,
    remote: 'Host key format',
    part: 'serverHostKey',
    legacy: legacy.serverHostKey
  },
  {
    failure: /no matching C->S cipher/i,
    remote: 'C->S cipher',
    part: 'cipher',
    legacy: legacy.cipher
  },
  {
    failure: /no matching S->C cipher/i,
    remote: 'S->C cipher',
    part: 'cipher',
    legacy: legacy.cipher
  },
  { failure: /no matching C->S MAC/i, remote: 'C->S MAC', part: 'hmac', legacy: legacy.hmac },
  { failure: /no matching S->C MAC/i, remote: 'S->C MAC', part: 'hmac', legacy: legacy.hmac }
] as const

/**
 * Records what the server offered, from ssh2's debug lines ("Handshake: (remote) KEX method: a,b"),
 * so a "no matching …" failure can say which legacy algorithm would have worked.
 */
export function createOfferLog() {
  const remote = new Map<string, string[]>()
  return {
    debug(line: string) {
      const m = /^Handshake: \(remote\) (.+?): (.*)$/.exec(line)
      if (m) remote.set(m[1] as string, (m[2] as string).split(',').filter(Boolean))
    },
    /** For a "no matching …" failure: the part, what the server offered, and the legacy ones of those we know. */
    explain(message: string): { part: string; offered: string[]; legacy: string[] } | undefined {
      const hit = handshakeParts.find((p) => p.failure.test(message))
      if (!hit) return undefined
      const offered = remote.get(hit.remote) ?? []
      return {
        part: hit.part,
        offered,
        legacy: offered.filter((a) => (hit.legacy as readonly string[]).includes(a))
      }
    }
  }
}

export type OfferLog = ReturnType<typeof createOfferLog>

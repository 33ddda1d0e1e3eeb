/**
 * Secrets (SSH passwords, key passphrases, API keys, the proxy password, credential headers) never
 * go into a profile file or to the renderer. They live behind this interface: Electron's glue
 * stores them encrypted with safeStorage; elsewhere (CLI, web harness, tests, or a desktop without
 * a keyring) they are kept in memory for the session only, and the user is asked again next time.
 *
 * Each secret is bound to what it was entered for (secretBinding): the backend for an API key or
 * a credential header, the proxy and its user for the proxy password, the SSH user, host and port
 * for a password, the key file for a passphrase. The binding is part of the key it is stored
 * under, so a profile re-pointed elsewhere finds nothing, and the user is asked again: a secret is
 * never sent to a place it was not given for.
 */
import { promises as fs } from 'node:fs'
import { join } from 'node:path'
import writeFileAtomic from 'write-file-atomic'
import { backendOrigin, type Profile, type SshEndpoint } from '@shared/profile'

export interface SecretStore {
  /** True when values survive a restart (encrypted on disk). */
  readonly persistent: boolean
  get(key: string): Promise<string | undefined>
  set(key: string, value: string, remember: boolean): Promise<void>
  delete(key: string): Promise<void>
  /** Forget every secret of a profile (when the profile is removed). */
  deletePrefix(prefix: string): Promise<void>
  /** The keys stored under a prefix (to forget those bound to an endpoint a profile left). */
  keys(prefix: string): Promise<string[]>
}

export type SshSecretKind = 'password' | 'passphrase' | 'jumpPassword' | 'jumpPassphrase'
/** `header:<lower-case name>` for a credential header's value (profileSecrets.ts). */
export type SecretKind = 'apiKey' | 'proxyPassword' | SshSecretKind | `header:${string}`

/** Every key of a profile starts with this (removing a profile removes them all). */
export function profileSecretPrefix(profileId: string): string {
  return `${profileId}:`
}

/** How 0.1 keyed a secret: by profile id only, bound to nothing. Read once, by migrateSecrets. */
export function legacySecretKey(profileId: string, kind: string): string {
  return `${profileId}:${kind}`
}

function hostPort(host: string, port: number): string {
  return `${host.includes(':') ? `[${host}]` : host}:${port}`
}

/** An SSH password is for one user on one server; a passphrase for one key file. */
export function sshSecretBinding(kind: SshSecretKind, endpoint: SshEndpoint): string {
  if (kind === 'passphrase' || kind === 'jumpPassphrase')
    return `key ${endpoint.keyPath || '~/.ssh/id_ed25519'}`
  return `ssh ${endpoint.username}@${hostPort(endpoint.host.toLowerCase(), endpoint.port)}`
}

/**
 * What a secret of this profile is for, as a string that changes whenever the place it would be
 * sent to changes; undefined when the profile has no such place (no jump host, no manual proxy).
 * The backend is its origin and, through a tunnel, the SSH server (and jump host) that reach it.
 */
export function secretBinding(profile: Profile, kind: SecretKind): string | undefined {
  const c = profile.connection
  if (kind === 'apiKey' || kind.startsWith('header:')) {
    const origin = backendOrigin(profile).origin
    if (c.kind === 'direct') return `backend ${origin}`
    const jump = c.jump ? `${hostPort(c.jump.host.toLowerCase(), c.jump.port)} ` : ''
    return `backend ${origin} via ${jump}${hostPort(c.ssh.host.toLowerCase(), c.ssh.port)}`
  }
  if (kind === 'proxyPassword') {
    let url: URL
    try {
      url = new URL(profile.proxy.url)
    } catch {
      return undefined
    }
    return `proxy ${profile.proxy.username}@${url.host}`
  }
  if (c.kind !== 'tunnel') return undefined
  if (kind === 'password' || kind === 'passphrase') return sshSecretBinding(kind, c.ssh)
  return c.jump ? sshSecretBinding(kind as SshSecretKind, c.jump) : undefined
}

function keyOf(profileId: string, kind: SecretKind, binding: string): string {
  return `${profileId}:${kind}@${binding}`
}

/** The key of an SSH secret for this endpoint (the tunnel knows the endpoint it is logging in to). */
export function sshSecretKey(
  profileId: string,
  kind: SshSecretKind,
  endpoint: SshEndpoint
): string {
  return keyOf(profileId, kind, sshSecretBinding(kind, endpoint))
}

/** The key this profile's secret is stored under now; undefined when it has nothing to bind to. */
export function secretKey(profile: Profile, kind: SecretKind): string | undefined {
  const binding = secretBinding(profile, kind)
  return binding === undefined ? undefined : keyOf(profile.id, kind, binding)
}

/** The secret stored for this profile as it points now (never one given for another endpoint). */
export async function getBoundSecret(
  store: SecretStore,
  profile: Profile,
  kind: SecretKind
): Promise<string | undefined> {
  const key = secretKey(profile, kind)
  return key === undefined ? undefined : store.get(key)
}

export class MemorySecretStore implements SecretStore {
  readonly persistent: boolean = false
  protected readonly values = new Map<string, string>()

  async get(key: string) {
    return this.values.get(key)
  }
  async set(key: string, value: string, _remember: boolean) {
    this.values.set(key, value)
  }
  async delete(key: string) {
    this.values.delete(key)
  }
  async deletePrefix(prefix: string) {
    for (const key of [...this.values.keys()]) if (key.startsWith(prefix)) this.values.delete(key)
  }
  async keys(prefix: string) {
    return [...this.values.keys()].filter((key) => key.startsWith(prefix))
  }
}

export interface Cipher {
  encrypt(plain: string): Buffer
  decrypt(data: Buffer): string
}

/**
 * Secrets encrypted by a cipher (Electron's safeStorage in the app), in `secrets.json` as base64.
 * Values the user chose not to remember stay in memory only.
 */
export class EncryptedFileSecretStore extends MemorySecretStore {
  override readonly persistent: boolean = true
  private readonly file: string
  private stored: Record<string, string> | undefined

  constructor(
    dataDir: string,
    private readonly cipher: Cipher
  ) {
    super()
    this.file = join(dataDir, 'secrets.json')
  }

  private async load(): Promise<Record<string, string>> {
    if (this.stored) return this.stored
    try {
      this.stored = JSON.parse(await fs.readFile(this.file, 'utf8')) as Record<string, string>
    } catch {
      this.stored = {}
    }
    return this.stored
  }

  private async save() {
    await writeFileAtomic(this.file, JSON.stringify(this.stored ?? {}), { mode: 0o600 })
  }

  override async get(key: string) {
    const inMemory = await super.get(key)
    if (inMemory !== undefined) return inMemory
    const encoded = (await this.load())[key]
    if (encoded === undefined) return undefined
    try {
      return this.cipher.decrypt(Buffer.from(encoded, 'base64'))
    } catch {
      return undefined
    }
  }

  override async set(key: string, value: string, remember: boolean) {
    await super.set(key, value, remember)
    const stored = await this.load()
    if (remember) stored[key] = this.cipher.encrypt(value).toString('base64')
    else delete stored[key]
    await this.save()
  }

  override async delete(key: string) {
    await super.delete(key)
    const stored = await this.load()
    delete stored[key]
    await this.save()
  }

  override async deletePrefix(prefix: string) {
    await super.deletePrefix(prefix)
    const stored = await this.load()
    for (const key of Object.keys(stored)) if (key.startsWith(prefix)) delete stored[key]
    await this.save()
  }

  override async keys(prefix: string) {
    const stored = Object.keys(await this.load()).filter((key) => key.startsWith(prefix))
    return [...new Set([...(await super.keys(prefix)), ...stored])]
  }
}

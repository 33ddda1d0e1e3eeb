/**
 * Secrets (SSH passwords, key passphrases, API keys) never go into a profile file or to the
 * renderer. They live behind this interface: Electron's glue stores them encrypted with
 * safeStorage; elsewhere (CLI, web harness, tests, or a desktop without a keyring) they are kept in
 * memory for the session only, and the user is asked again next time.
 */
import { promises as fs } from 'node:fs'
import { join } from 'node:path'
import writeFileAtomic from 'write-file-atomic'

export interface SecretStore {
  /** True when values survive a restart (encrypted on disk). */
  readonly persistent: boolean
  get(key: string): Promise<string | undefined>
  set(key: string, value: string, remember: boolean): Promise<void>
  delete(key: string): Promise<void>
  /** Forget every secret of a profile (when the profile is removed). */
  deletePrefix(prefix: string): Promise<void>
}

export function secretKey(profileId: string, kind: string): string {
  return `${profileId}:${kind}`
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
  override readonly persistent = true
  private readonly file: string
  private stored: Record<string, string> | undefined

  constructor(dataDir: string, private readonly cipher: Cipher) {
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
}

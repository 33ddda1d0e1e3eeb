/**
 * Connection profiles in `<dataDir>/profiles.json`. Every profile is validated on load and on
 * save; a bad draft is rejected with one error per field and the stored file is untouched.
 *
 * Other processes (the CLI, a second window, the harness) write the same file. Each change here is
 * made to the file as it is on disk at that moment (read again under the write queue), so a save
 * never writes back a stale copy over a profile another process added or edited; and `watch`
 * notices their writes, so a running app shows them within a second.
 */
import { randomUUID } from 'node:crypto'
import { promises as fs } from 'node:fs'
import { join } from 'node:path'
import { isDeepStrictEqual } from 'node:util'
import { fail } from '@shared/errors'
import { secretHeaderValueErrors } from '@shared/credentials'
import { ProfileSchema, validateProfile, type Profile } from '@shared/profile'
import type { Logger } from '../logger'
import { createWriteQueue, moveAside, readJsonFile, writeJsonFile } from './jsonFile'

export interface StoredProfiles {
  profiles: Profile[]
  activeId: string | null
  /** The names of the profiles in the file this version cannot use (kept there as they are). */
  unusable: string[]
}

interface ProfilesFile {
  version: 1
  activeId: string | null
  profiles: Profile[]
  /**
   * Entries of the file this version cannot use (a hand edit gone wrong, or a profile a newer
   * version wrote with something this one does not know). Never shown, never dropped: every write
   * puts them back as they were, after the profiles, so fixing the file or the newer version finds
   * them again.
   */
  unusable: unknown[]
}

/** How an entry this version cannot use is named to the person: its name, its id, or its place. */
function unusableName(entry: unknown, index: number): string {
  const { name, id } = (entry ?? {}) as { name?: unknown; id?: unknown }
  if (typeof name === 'string' && name.trim()) return name
  return typeof id === 'string' && id.trim() ? id : `#${index + 1}`
}

function stateOf({ profiles, activeId, unusable }: ProfilesFile): StoredProfiles {
  return { profiles, activeId, unusable: unusable.map((entry, i) => unusableName(entry, i)) }
}

/** The file as written: the unusable entries go back into `profiles`, untouched. */
function toFile({ version, activeId, profiles, unusable }: ProfilesFile) {
  return { version, activeId, profiles: [...profiles, ...unusable] }
}

export interface ProfileStore {
  state(): StoredProfiles
  get(id: string): Profile
  active(): Profile | undefined
  /**
   * Create (no id) or replace (known id). Throws `profile.invalid` with field errors; with
   * `expected`, `profile.changed` when the stored profile is no longer that (as JSON carries it).
   */
  save(draft: Record<string, unknown>, expected?: Record<string, unknown>): Promise<Profile>
  remove(id: string): Promise<StoredProfiles>
  select(id: string): Promise<StoredProfiles>
  /**
   * Call `listener` after another process changed profiles.json (polled every `intervalMs`); this
   * store's state is already the new one then. Returns the function that stops watching.
   */
  watch(listener: () => void, intervalMs?: number): () => void
  /** Where this store moved files it could not read: on load, and before a later write. */
  readonly recovered: readonly string[]
}

export interface ProfileStoreOptions {
  /** A file that stopped parsing while the store was open was moved aside to `movedTo`. */
  onMovedAside?: (movedTo: string) => void
}

/**
 * 0.1 accepted `http://user:pass@host` as a backend URL (and Node then sent it as Basic auth).
 * Such a URL is refused now: the credentials become the `Authorization: Basic …` header they
 * amounted to, which profileSecrets.ts moves into the secret store, and the URL loses them. The
 * backend sees the same request; profiles.json no longer holds the password.
 */
function liftUrlCredentials(raw: unknown, logger: Logger): unknown {
  const p = raw as {
    name?: string
    connection?: { kind?: string; url?: unknown }
    contract?: { headers?: unknown }
  } | null
  if (!p || p.connection?.kind !== 'direct' || typeof p.connection.url !== 'string') return raw
  let url: URL
  try {
    url = new URL(p.connection.url.trim())
  } catch {
    return raw
  }
  if (!url.username && !url.password) return raw
  const basic = Buffer.from(
    `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`
  ).toString('base64')
  url.username = ''
  url.password = ''
  const contract = p.contract && typeof p.contract === 'object' ? p.contract : {}
  const headers = Array.isArray(contract.headers)
    ? (contract.headers as Array<{ name?: unknown }>)
    : []
  const hasAuthorization = headers.some(
    (h) => typeof h?.name === 'string' && h.name.toLowerCase() === 'authorization'
  )
  logger.warn('moved user name and password out of a profile URL', {
    profile: p.name,
    into: hasAuthorization
      ? 'nothing (the profile has an Authorization header)'
      : 'an Authorization header'
  })
  return {
    ...p,
    connection: {
      ...p.connection,
      url: url.toString().replace(/\/$/, p.connection.url.trim().endsWith('/') ? '/' : '')
    },
    contract: {
      ...contract,
      headers: hasAuthorization
        ? headers
        : [...headers, { name: 'Authorization', value: `Basic ${basic}` }]
    }
  }
}

/**
 * The file's content, each profile validated; one broken profile does not take the others down,
 * and is kept as it was (`unusable`) rather than lost with the next write.
 */
function parseProfilesFile(raw: unknown, logger: Logger): ProfilesFile {
  const obj = raw as { activeId?: unknown; profiles?: unknown }
  if (!obj || !Array.isArray(obj.profiles)) throw new Error('not a profiles file')
  const profiles: Profile[] = []
  const unusable: unknown[] = []
  for (const p of obj.profiles as unknown[]) {
    const parsed = ProfileSchema.safeParse(liftUrlCredentials(p, logger))
    if (parsed.success) {
      profiles.push(parsed.data)
      continue
    }
    unusable.push(p)
    logger.warn('a profile in profiles.json cannot be used by this version; it is kept as it is', {
      profile: (p as { name?: unknown } | null)?.name,
      fields: parsed.error.issues.map((i) => i.path.join('.'))
    })
  }
  let activeId = typeof obj.activeId === 'string' ? obj.activeId : null
  if (activeId && !profiles.some((p) => p.id === activeId)) activeId = profiles[0]?.id ?? null
  return { version: 1, activeId, profiles, unusable }
}

/** What tells a rewritten file apart without reading it: every write renames a new file over it. */
async function fileSignature(file: string): Promise<string> {
  try {
    const s = await fs.stat(file, { bigint: true })
    return `${s.ino}:${s.size}:${s.mtimeNs}`
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'missing'
    throw error
  }
}

export async function openProfileStore(
  dataDir: string,
  logger: Logger,
  options: ProfileStoreOptions = {}
): Promise<ProfileStore> {
  const file = join(dataDir, 'profiles.json')
  const enqueue = createWriteQueue()
  const recovered: string[] = []

  const loaded = await readJsonFile(file, (raw) => parseProfilesFile(raw, logger))
  if (loaded.kind === 'corrupt') {
    recovered.push(loaded.movedTo)
    logger.error('profiles.json could not be read; moved aside', {
      movedTo: loaded.movedTo,
      reason: loaded.reason
    })
  }
  let data: ProfilesFile =
    loaded.kind === 'ok' ? loaded.value : { version: 1, activeId: null, profiles: [], unusable: [] }
  /** The file as this store last read it; null after a write of ours, so the next poll reads it
   * again (another process may have written between our rename and any stat of ours). */
  let seen: string | null = await fileSignature(file)

  /**
   * Take in what another process wrote since (run under the write queue, so never halfway through
   * a write of ours). Writers rename whole files, so a file that does not parse is a person's hand
   * edit: the profiles stay as they were taken last, and the next change moves the file aside
   * before it writes (`unreadable`), as opening does.
   */
  let unreadable = false
  const refresh = async (): Promise<boolean> => {
    const signature = await fileSignature(file)
    if (signature === seen) return false
    seen = signature
    let text: string
    try {
      text = await fs.readFile(file, 'utf8')
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
      // Removed by hand: what this process knows stays, and is written again with the next change.
      unreadable = false
      return false
    }
    let next: ProfilesFile
    try {
      next = parseProfilesFile(JSON.parse(text), logger)
    } catch (error) {
      if (!unreadable)
        logger.warn('profiles.json changed but cannot be read; the profiles stay as they were', {
          reason: error instanceof Error ? error.message : String(error)
        })
      unreadable = true
      return false
    }
    unreadable = false
    if (JSON.stringify(next) === JSON.stringify(data)) return false
    data = next
    return true
  }

  /** Change the profiles as they are on disk now, and write the result. */
  const change = <T>(apply: (current: ProfilesFile) => { next: ProfilesFile; result: T }) =>
    enqueue(async () => {
      await refresh()
      const { next, result } = apply(data)
      if (unreadable) {
        const movedTo = await moveAside(file)
        unreadable = false
        recovered.push(movedTo)
        logger.error('profiles.json could not be read; moved aside', { movedTo })
        options.onMovedAside?.(movedTo)
      }
      await writeJsonFile(file, toFile(next))
      data = next
      seen = null
      return result
    })

  const state = (): StoredProfiles => stateOf(data)

  return {
    recovered,
    state,
    get(id) {
      const profile = data.profiles.find((p) => p.id === id)
      if (!profile) fail('profile.not_found', `No profile with id ${id}`)
      return profile
    },
    active: () => data.profiles.find((p) => p.id === data.activeId),
    async save(draft, expected) {
      const id = typeof draft.id === 'string' && draft.id ? draft.id : randomUUID()
      const result = validateProfile({ ...draft, id })
      if (!result.ok)
        fail('profile.invalid', 'Some profile fields are not valid', { fields: result.fields })
      const profile = result.profile
      return change((current) => {
        // The last guard of "no credential in profiles.json": a credential header's value must
        // have gone to the secret store (profileSecrets.ts) before this point. A 0.1 value kept on
        // file because there was no keyring to move it to may stay as it is.
        const before = current.profiles.find((p) => p.id === id)
        // Compared as JSON carries both (no undefined fields; a caller in this process may hand
        // over the object itself), whatever the key order.
        const asJson = (v: unknown): unknown => JSON.parse(JSON.stringify(v ?? null))
        if (expected && !isDeepStrictEqual(asJson(before), asJson(expected)))
          fail(
            'profile.changed',
            `The profile "${before?.name ?? draft.name}" was changed elsewhere after it was read; nothing was saved`
          )
        const fields = secretHeaderValueErrors(profile.contract.headers, before?.contract.headers)
        if (fields.length > 0)
          fail(
            'profile.invalid',
            `The value of ${fields.map((f) => f.params.header).join(', ')} is a credential: it goes in the secret store, not profiles.json`,
            { fields }
          )
        const profiles = before
          ? current.profiles.map((p) => (p.id === id ? profile : p))
          : [...current.profiles, profile]
        return {
          next: { ...current, profiles, activeId: current.activeId ?? profile.id },
          result: profile
        }
      })
    },
    remove: (id) =>
      change((current) => {
        const profiles = current.profiles.filter((p) => p.id !== id)
        const activeId = current.activeId === id ? (profiles[0]?.id ?? null) : current.activeId
        const next = { ...current, profiles, activeId }
        return { next, result: stateOf(next) }
      }),
    select: (id) =>
      change((current) => {
        if (!current.profiles.some((p) => p.id === id))
          fail('profile.not_found', `No profile with id ${id}`)
        return {
          next: { ...current, activeId: id },
          result: stateOf({ ...current, activeId: id })
        }
      }),
    watch(listener, intervalMs = 500) {
      let busy = false
      const timer = setInterval(() => {
        // A slow disk must not stack polls up behind each other.
        if (busy) return
        busy = true
        enqueue(refresh)
          .then((changed) => changed && listener())
          .catch((error: unknown) =>
            logger.warn('could not check profiles.json for changes', {
              reason: error instanceof Error ? error.message : String(error)
            })
          )
          .finally(() => (busy = false))
      }, intervalMs)
      timer.unref()
      return () => clearInterval(timer)
    }
  }
}

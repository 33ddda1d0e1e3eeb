/**
 * Connection profiles in `<dataDir>/profiles.json`. Every profile is validated on load and on
 * save; a bad draft is rejected with one error per field and the stored file is untouched.
 */
import { randomUUID } from 'node:crypto'
import { join } from 'node:path'
import { fail } from '@shared/errors'
import { isSecretHeaderName, ProfileSchema, validateProfile, type Profile } from '@shared/profile'
import type { Logger } from '../logger'
import { createWriteQueue, readJsonFile, writeJsonFile } from './jsonFile'

export interface StoredProfiles {
  profiles: Profile[]
  activeId: string | null
}

interface ProfilesFile {
  version: 1
  activeId: string | null
  profiles: Profile[]
}

export interface ProfileStore {
  state(): StoredProfiles
  get(id: string): Profile
  active(): Profile | undefined
  /** Create (no id) or replace (known id). Throws `profile.invalid` with field errors. */
  save(draft: Record<string, unknown>): Promise<Profile>
  remove(id: string): Promise<StoredProfiles>
  select(id: string): Promise<StoredProfiles>
  /** Where a corrupt file was moved on load, if it was. */
  readonly recovered?: string
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

export async function openProfileStore(dataDir: string, logger: Logger): Promise<ProfileStore> {
  const file = join(dataDir, 'profiles.json')
  const enqueue = createWriteQueue()
  let recovered: string | undefined

  const loaded = await readJsonFile(file, (raw): ProfilesFile => {
    const obj = raw as Partial<ProfilesFile>
    if (!obj || !Array.isArray(obj.profiles)) throw new Error('not a profiles file')
    return {
      version: 1,
      activeId: typeof obj.activeId === 'string' ? obj.activeId : null,
      // One broken profile must not take the others down with it: keep the valid ones and log.
      profiles: obj.profiles.flatMap((p) => {
        const parsed = ProfileSchema.safeParse(liftUrlCredentials(p, logger))
        if (!parsed.success)
          logger.warn('dropping an invalid profile from profiles.json', {
            profile: (p as { name?: string })?.name
          })
        return parsed.success ? [parsed.data] : []
      })
    }
  })
  if (loaded.kind === 'corrupt') {
    recovered = loaded.movedTo
    logger.error('profiles.json could not be read; moved aside', {
      movedTo: loaded.movedTo,
      reason: loaded.reason
    })
  }
  let data: ProfilesFile =
    loaded.kind === 'ok' ? loaded.value : { version: 1, activeId: null, profiles: [] }
  if (data.activeId && !data.profiles.some((p) => p.id === data.activeId))
    data.activeId = data.profiles[0]?.id ?? null

  const persist = (next: ProfilesFile) =>
    enqueue(async () => {
      await writeJsonFile(file, next)
      data = next
    })

  const state = (): StoredProfiles => ({ profiles: data.profiles, activeId: data.activeId })

  return {
    recovered,
    state,
    get(id) {
      const profile = data.profiles.find((p) => p.id === id)
      if (!profile) fail('profile.not_found', `No profile with id ${id}`)
      return profile
    },
    active: () => data.profiles.find((p) => p.id === data.activeId),
    async save(draft) {
      const id = typeof draft.id === 'string' && draft.id ? draft.id : randomUUID()
      const result = validateProfile({ ...draft, id })
      if (!result.ok)
        fail('profile.invalid', 'Some profile fields are not valid', { fields: result.fields })
      const profile = result.profile
      // The last guard of "no credential in profiles.json": a credential header's value must have
      // gone to the secret store (profileSecrets.ts) before this point. A 0.1 value kept on file
      // because there was no keyring to move it to may stay as it is.
      const before = data.profiles.find((p) => p.id === id)
      const fields = profile.contract.headers.flatMap((h, i) =>
        isSecretHeaderName(h.name) &&
        h.value !== '' &&
        !before?.contract.headers.some((b) => b.name === h.name && b.value === h.value)
          ? [
              {
                field: `contract.headers.${i}.value`,
                code: 'header_is_secret',
                params: { header: h.name }
              }
            ]
          : []
      )
      if (fields.length > 0)
        fail(
          'profile.invalid',
          `The value of ${fields.map((f) => f.params.header).join(', ')} is a credential: it goes in the secret store, not profiles.json`,
          { fields }
        )
      const exists = data.profiles.some((p) => p.id === id)
      const profiles = exists
        ? data.profiles.map((p) => (p.id === id ? profile : p))
        : [...data.profiles, profile]
      await persist({ ...data, profiles, activeId: data.activeId ?? profile.id })
      return profile
    },
    async remove(id) {
      const profiles = data.profiles.filter((p) => p.id !== id)
      const activeId = data.activeId === id ? (profiles[0]?.id ?? null) : data.activeId
      await persist({ ...data, profiles, activeId })
      return state()
    },
    async select(id) {
      if (!data.profiles.some((p) => p.id === id))
        fail('profile.not_found', `No profile with id ${id}`)
      await persist({ ...data, activeId: id })
      return state()
    }
  }
}

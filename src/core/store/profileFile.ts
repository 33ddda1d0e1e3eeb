/**
 * The profile file IT hands out: `{"format":"kha-desktop-profiles","version":1,"profiles":[…]}`.
 * Written by Settings → Export and `kha-desktop profiles export FILE`, read by Import (first start,
 * Settings) and `profiles import FILE`.
 *
 * Secrets are never in it: they are not profile fields to begin with (they live in the secret
 * store), and a header that carries a credential (Authorization, an API key, a cookie) or a
 * password inside a URL is taken out on export too, so a file can be mailed around safely.
 *
 * VERSIONING: `version` is bumped only for a change an older reader would misread; new optional
 * top-level parts (prompts, later) can be added within version 1, and readers ignore what they do
 * not know. A newer version is refused with a message saying to update the app.
 */
import { AppFailure, appError } from '@shared/errors'
import { validateProfile, type Profile } from '@shared/profile'
import type { Prompt } from '@shared/prompts'
import { PromptSchema } from './prompts'
import type { ProfileStore } from './profiles'

export const PROFILE_FILE_FORMAT = 'kha-desktop-profiles'
export const PROFILE_FILE_VERSION = 1

export interface ProfileFile {
  format: typeof PROFILE_FILE_FORMAT
  version: number
  exportedAt: string
  profiles: Profile[]
  /** The prompt library (optional within version 1: older files have none). */
  prompts?: Prompt[]
}

const credentialHeader =
  /^(authorization|proxy-authorization|cookie|x-api-key|api-key|x-auth-token)$|(token|secret|password|apikey|api-key|api_key)/i

function withoutUrlPassword(value: string): string {
  try {
    const url = new URL(value)
    if (!url.password && !url.username) return value
    // The user name goes too: a profile URL may carry no user info at all (profile.ts).
    url.password = ''
    url.username = ''
    return url.toString()
  } catch {
    return value
  }
}

/** A profile as it goes into the file: no credential headers, no password in a URL. */
export function shareable(p: Profile): Profile {
  const connection =
    p.connection.kind === 'direct'
      ? { ...p.connection, url: withoutUrlPassword(p.connection.url) }
      : p.connection
  return {
    ...p,
    connection,
    contract: {
      ...p.contract,
      headers: p.contract.headers.filter((h) => !credentialHeader.test(h.name))
    },
    proxy: { ...p.proxy, url: withoutUrlPassword(p.proxy.url) }
  }
}

export function profileFileContent(
  profiles: Profile[],
  now: Date = new Date(),
  prompts: Prompt[] = []
): string {
  const file: ProfileFile = {
    format: PROFILE_FILE_FORMAT,
    version: PROFILE_FILE_VERSION,
    exportedAt: now.toISOString(),
    profiles: profiles.map(shareable),
    ...(prompts.length ? { prompts } : {})
  }
  return `${JSON.stringify(file, null, 2)}\n`
}

function badFile(message: string, params: Record<string, string | number> = {}): never {
  throw new AppFailure(appError('profile.bad_file', message, { params }))
}

/** The profiles of a file's text, each validated. Throws `profile.bad_file` naming what is wrong. */
export function readProfileFile(text: string): Profile[] {
  let doc: unknown
  try {
    doc = JSON.parse(text.replace(/^\uFEFF/, ''))
  } catch {
    badFile('This is not a kha-desktop profile file (it is not JSON).', { reason: 'not_json' })
  }
  const o = (doc ?? {}) as Partial<ProfileFile>
  if (o.format !== PROFILE_FILE_FORMAT)
    badFile('This is not a kha-desktop profile file.', { reason: 'format' })
  if (typeof o.version !== 'number' || o.version > PROFILE_FILE_VERSION) {
    badFile(
      `This profile file was made by a newer kha-desktop (version ${String(o.version)}); update the app to import it.`,
      { reason: 'version', version: String(o.version) }
    )
  }
  if (!Array.isArray(o.profiles) || o.profiles.length === 0)
    badFile('The profile file has no profiles.', { reason: 'empty' })
  return o.profiles.map((draft, i) => {
    const checked = validateProfile(draft)
    if (!checked.ok) {
      const name =
        typeof (draft as { name?: unknown })?.name === 'string'
          ? (draft as { name: string }).name
          : `#${i + 1}`
      const fields = checked.fields.map((f) => f.field).join(', ')
      badFile(`Profile "${name}" in the file is not valid (${fields}).`, {
        reason: 'invalid',
        name,
        fields
      })
    }
    return checked.profile
  })
}

/** The prompts of a profiles file already read by readProfileFile; malformed entries are skipped, not fatal. */
export function readPromptsOfFile(text: string): Prompt[] {
  const doc = JSON.parse(text.replace(/^\uFEFF/, '')) as Partial<ProfileFile>
  if (!Array.isArray(doc.prompts)) return []
  return doc.prompts.flatMap((p) => {
    const parsed = PromptSchema.safeParse(p)
    return parsed.success ? [parsed.data] : []
  })
}

/**
 * Add the file's profiles. One with the id of a profile already here replaces it (IT sent an
 * updated file); the others are added. Nothing else is touched, and the selection stays (the
 * first profile ever becomes the selected one, as with any first profile).
 */
export async function importProfiles(
  store: ProfileStore,
  profiles: Profile[]
): Promise<{ added: string[]; updated: string[] }> {
  const added: string[] = []
  const updated: string[] = []
  for (const p of profiles) {
    const exists = store.state().profiles.some((q) => q.id === p.id)
    await store.save(p as unknown as Record<string, unknown>)
    ;(exists ? updated : added).push(p.name)
  }
  return { added, updated }
}

/**
 * The secrets of a profile as a whole: what a request to its backend needs (the API key and the
 * values of credential headers, bound to the backend as the profile points now), moving
 * credential headers out of a profile before it is written, forgetting secrets bound to an
 * endpoint the profile has left, and the one-time upgrade from 0.1, which keyed secrets by
 * profile id only and kept header values in profiles.json.
 */
import { AppFailure, appError } from '@shared/errors'
import {
  backendOrigin,
  isSecretHeaderName,
  type BackendContract,
  type Profile
} from '@shared/profile'
import type { Logger } from './logger'
import { registerSecret } from './logger'
import {
  getBoundSecret,
  legacySecretKey,
  profileSecretPrefix,
  secretKey,
  type SecretKind,
  type SecretStore
} from './secrets'
import type { ProfileStore } from './store/profiles'

/** Every secret kind a profile can have besides its headers. */
const PROFILE_SECRET_KINDS = [
  'apiKey',
  'proxyPassword',
  'password',
  'passphrase',
  'jumpPassword',
  'jumpPassphrase'
] as const

export function headerSecretKind(name: string): SecretKind {
  return `header:${name.trim().toLowerCase()}`
}

/** The credential headers of a profile (by name; their values are in the secret store). */
export function secretHeaders(profile: Pick<Profile, 'contract'>): string[] {
  return profile.contract.headers.filter((h) => isSecretHeaderName(h.name)).map((h) => h.name)
}

/**
 * What a request to the backend needs from the secret store: the API key (bearer profiles) and
 * the contract with each credential header's value filled in. A credential header with no value
 * stored for this backend fails with `profile.secret_missing`: it is never sent empty, and never
 * with a value given for another address.
 */
export async function backendSecrets(
  profile: Profile,
  store: SecretStore
): Promise<{ apiKey?: string; contract: BackendContract }> {
  const apiKey =
    profile.contract.auth === 'bearer' ? await getBoundSecret(store, profile, 'apiKey') : undefined
  if (apiKey) registerSecret(apiKey)
  const headers = []
  for (const h of profile.contract.headers) {
    // A value still in the profile is a 0.1 header that could not be moved (no keyring): as it was.
    if (!isSecretHeaderName(h.name) || h.value !== '') {
      if (isSecretHeaderName(h.name)) registerSecret(h.value)
      headers.push(h)
      continue
    }
    const value = await getBoundSecret(store, profile, headerSecretKind(h.name))
    if (value === undefined) {
      throw new AppFailure(
        appError(
          'profile.secret_missing',
          `The value of the header ${h.name} is not stored for ${backendOrigin(profile).origin}: enter it again in the profile "${profile.name}"`,
          {
            params: { header: h.name, profile: profile.name }
          }
        )
      )
    }
    registerSecret(value)
    headers.push({ ...h, value })
  }
  return { ...(apiKey ? { apiKey } : {}), contract: { ...profile.contract, headers } }
}

/**
 * Before a profile is written: each credential header's value goes to the secret store, bound to
 * the profile's backend, and the profile keeps the name with an empty value. An empty value means
 * "keep the stored one". Returns the profile to write.
 */
export async function takeHeaderSecrets<P extends Profile>(
  profile: P,
  store: SecretStore
): Promise<P> {
  const headers = []
  for (const h of profile.contract.headers) {
    if (isSecretHeaderName(h.name) && h.value !== '') {
      registerSecret(h.value)
      try {
        await store.set(secretKey(profile, headerSecretKind(h.name)) as string, h.value, true)
      } catch (error) {
        // Say which value could not be kept: a profile file can hold many (the CLI's store refuses all).
        const reason = error instanceof AppFailure ? error.error.message : (error as Error).message
        throw new AppFailure(
          appError(
            'store.io',
            `The ${h.name} header of "${profile.name}" holds a credential, which cannot be kept here (${reason})`,
            { params: { profile: profile.name, header: h.name } }
          )
        )
      }
      headers.push({ ...h, value: '' })
    } else headers.push(h)
  }
  return { ...profile, contract: { ...profile.contract, headers } }
}

/** The keys of the secrets this profile can use as it points now. */
function currentKeys(profile: Profile): Set<string> {
  const kinds: SecretKind[] = [
    ...PROFILE_SECRET_KINDS,
    ...secretHeaders(profile).map(headerSecretKind)
  ]
  return new Set(
    kinds.map((kind) => secretKey(profile, kind)).filter((k): k is string => k !== undefined)
  )
}

/**
 * Forget the secrets bound to an endpoint this profile no longer has, or to a header it dropped:
 * they would never be used again, and should not sit on disk.
 */
export async function pruneSecrets(profile: Profile, store: SecretStore): Promise<void> {
  const keep = currentKeys(profile)
  for (const key of await store.keys(profileSecretPrefix(profile.id))) {
    // Only bound keys (`id:kind@binding`); a 0.1 key without a binding is migrateSecrets's.
    if (key.includes('@') && !keep.has(key)) await store.delete(key)
  }
}

/** Which credential headers of each profile have a value stored for its backend (for the UI). */
export async function storedHeaderSecrets(
  profiles: Profile[],
  store: SecretStore
): Promise<Record<string, string[]>> {
  const result: Record<string, string[]> = {}
  for (const p of profiles) {
    const stored: string[] = []
    for (const name of secretHeaders(p))
      if ((await getBoundSecret(store, p, headerSecretKind(name))) !== undefined) stored.push(name)
    if (stored.length > 0) result[p.id] = stored
  }
  return result
}

/**
 * The upgrade from 0.1, run at every start (it does nothing once done):
 * - a secret keyed by profile id only is bound to the endpoint the profile has now, so it keeps
 *   working there and nowhere else;
 * - a credential header's value in profiles.json moves into the secret store (stored first, then
 *   the profile rewritten, so a crash in between loses nothing). With a store that does not
 *   persist (no OS keyring, the CLI), the header stays where it is and a log line says so:
 *   moving it would lose it at the next start.
 */
export async function migrateSecrets(
  profiles: ProfileStore,
  store: SecretStore,
  logger: Logger
): Promise<void> {
  for (const profile of profiles.state().profiles) {
    for (const kind of PROFILE_SECRET_KINDS) {
      const legacy = legacySecretKey(profile.id, kind)
      const value = await store.get(legacy)
      const key = secretKey(profile, kind)
      if (value === undefined || key === undefined) continue
      await store.set(key, value, true)
      await store.delete(legacy)
      logger.info('bound a stored secret to the endpoint its profile has now', {
        profile: profile.name,
        kind
      })
    }
    const plain = profile.contract.headers
      .filter((h) => isSecretHeaderName(h.name) && h.value !== '')
      .map((h) => h.name)
    if (plain.length === 0) continue
    if (!store.persistent) {
      logger.warn('credential headers stay in profiles.json: no OS keyring to keep them in', {
        profile: profile.name,
        headers: plain
      })
      continue
    }
    await profiles.save(await takeHeaderSecrets(profile, store))
    logger.info('moved credential headers from profiles.json to the secret store', {
      profile: profile.name,
      headers: plain
    })
  }
}

/**
 * The certificates the app refused in this session, per profile. "Trust this certificate" may pin
 * only one of these: a fingerprint the server really presented and the user saw, never one typed
 * into a request from elsewhere. Kept in memory only, and small.
 */
import type { AppError } from '@shared/errors'

const maxPerProfile = 8

export interface RefusedCertificates {
  remember(profileId: string, error: AppError): void
  /** The refusal of that certificate for that profile, if it happened in this session. */
  find(profileId: string, fingerprint: string): AppError | undefined
}

export function createRefusedCertificates(): RefusedCertificates {
  const byProfile = new Map<string, Map<string, AppError>>()
  return {
    remember(profileId, error) {
      const fingerprint = error.params?.fingerprint
      if (typeof fingerprint !== 'string' || !fingerprint) return
      let seen = byProfile.get(profileId)
      if (!seen) byProfile.set(profileId, (seen = new Map()))
      seen.delete(fingerprint)
      seen.set(fingerprint, error)
      while (seen.size > maxPerProfile) seen.delete(seen.keys().next().value as string)
    },
    find(profileId, fingerprint) {
      return byProfile.get(profileId)?.get(fingerprint)
    }
  }
}

/**
 * The doctor as the core uses it: runs a check for a profile and keeps the last report in memory,
 * for "copy diagnostics". One check at a time: asking again while one runs returns the same run.
 */
import type { DoctorReport } from '@shared/doctor'
import type { Profile } from '@shared/profile'
import type { SecretStore } from '../secrets'
import { runDoctor } from './index'
import type { DoctorDeps, DoctorOptions } from './types'

export interface DoctorService {
  /** `secrets` are used for this run only, in front of the store (a key typed in a form not saved yet). */
  run(
    profile: Profile,
    opts?: DoctorOptions,
    secrets?: Record<string, string>
  ): Promise<DoctorReport>
  last(): DoctorReport | undefined
}

/** The store, with some values answered from memory first; writes go to the store. */
function overlaySecrets(store: SecretStore, values: Record<string, string>): SecretStore {
  return {
    persistent: store.persistent,
    get: async (key) => values[key] ?? store.get(key),
    set: (key, value, remember) => store.set(key, value, remember),
    delete: (key) => store.delete(key),
    deletePrefix: (prefix) => store.deletePrefix(prefix),
    keys: (prefix) => store.keys(prefix)
  }
}

export function createDoctorService(deps: DoctorDeps): DoctorService {
  let last: DoctorReport | undefined
  let running: { profileKey: string; promise: Promise<DoctorReport> } | undefined
  return {
    run(profile, opts, secrets) {
      const profileKey = JSON.stringify([
        profile,
        opts?.detect ?? false,
        Object.keys(secrets ?? {})
      ])
      if (running && running.profileKey === profileKey && !secrets) return running.promise
      const promise = runDoctor(
        profile,
        secrets ? { ...deps, secrets: overlaySecrets(deps.secrets, secrets) } : deps,
        opts
      )
        .then((report) => {
          last = report
          return report
        })
        .finally(() => {
          if (running?.promise === promise) running = undefined
        })
      running = { profileKey, promise }
      return promise
    },
    last: () => last
  }
}

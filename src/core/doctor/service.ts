/**
 * The doctor as the core uses it: runs a check for a profile and keeps the last report in memory,
 * for "copy diagnostics". One check at a time: asking again while one runs returns the same run.
 */
import type { DoctorReport } from '@shared/doctor'
import type { Profile } from '@shared/profile'
import { runDoctor } from './index'
import type { DoctorDeps, DoctorOptions } from './types'

export interface DoctorService {
  run(profile: Profile, opts?: DoctorOptions): Promise<DoctorReport>
  last(): DoctorReport | undefined
}

export function createDoctorService(deps: DoctorDeps): DoctorService {
  let last: DoctorReport | undefined
  let running: { profileKey: string; promise: Promise<DoctorReport> } | undefined
  return {
    run(profile, opts) {
      const profileKey = JSON.stringify(profile)
      if (running && running.profileKey === profileKey) return running.promise
      const promise = runDoctor(profile, deps, opts)
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

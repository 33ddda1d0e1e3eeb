/**
 * The doctor as the core uses it: runs a check for a profile, tells each step as it finishes
 * (`doctor:step`, tagged with the run's id), can stop a run, and keeps the last report in memory
 * for "copy diagnostics". One check at a time per profile: asking again while one runs joins that
 * run (its steps so far are told again under the new id, so a late listener misses none).
 */
import { randomUUID } from 'node:crypto'
import type { DoctorReport, DoctorStep } from '@shared/doctor'
import type { Profile } from '@shared/profile'
import type { SecretStore } from '../secrets'
import { runDoctor } from './index'
import type { DoctorDeps, DoctorOptions } from './types'

export interface DoctorService {
  /**
   * `secrets` are used for this run only, in front of the store (a key typed in a form not saved
   * yet). `runId` names the run in its `doctor:step` events and for `stop` (one is made up when
   * the caller has none).
   */
  run(
    profile: Profile,
    opts?: Omit<DoctorOptions, 'signal' | 'onStep'>,
    secrets?: Record<string, string>,
    runId?: string
  ): Promise<DoctorReport>
  /** Stop the run with this id (every run without one): its running step fails with `backend.aborted`, the rest are skipped. */
  stop(runId?: string): boolean
  last(): DoctorReport | undefined
}

/** Where each finished step goes (the core emits it as `doctor:step`). */
export type DoctorStepListener = (runId: string, profileId: string, step: DoctorStep) => void

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

interface Run {
  profileKey: string
  profileId: string
  promise: Promise<DoctorReport>
  controller: AbortController
  /** Every id this run answers to (a second caller joining it adds one). */
  runIds: Set<string>
  steps: DoctorStep[]
}

export function createDoctorService(
  deps: DoctorDeps,
  onStep: DoctorStepListener = () => undefined
): DoctorService {
  let last: DoctorReport | undefined
  const running = new Set<Run>()
  return {
    run(profile, opts, secrets, runId = randomUUID()) {
      const profileKey = JSON.stringify([
        profile,
        opts?.detect ?? false,
        Object.keys(secrets ?? {})
      ])
      const same = secrets ? undefined : [...running].find((r) => r.profileKey === profileKey)
      if (same && !same.controller.signal.aborted) {
        same.runIds.add(runId)
        for (const step of same.steps) onStep(runId, same.profileId, step)
        return same.promise
      }
      const controller = new AbortController()
      const runIds = new Set([runId])
      const steps: DoctorStep[] = []
      const promise = runDoctor(
        profile,
        secrets ? { ...deps, secrets: overlaySecrets(deps.secrets, secrets) } : deps,
        {
          ...opts,
          signal: controller.signal,
          onStep: (step) => {
            steps.push(step)
            for (const id of runIds) onStep(id, profile.id, step)
          }
        }
      )
        .then((report) => {
          last = report
          return report
        })
        .finally(() => running.delete(run))
      const run: Run = { profileKey, profileId: profile.id, controller, runIds, steps, promise }
      running.add(run)
      return promise
    },
    stop(runId) {
      let stopped = false
      for (const run of running) {
        if (runId !== undefined && !run.runIds.has(runId)) continue
        if (!run.controller.signal.aborted) stopped = true
        run.controller.abort()
      }
      return stopped
    },
    last: () => last
  }
}

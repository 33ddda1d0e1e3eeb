/**
 * The connection doctor: runs the steps of one profile's connection in order (name lookup, TCP,
 * SSH handshake and host key, authentication, the forward, the target, the health route, a test
 * chat) and reports each with its time and, for the first one that fails, the precise reason. The
 * steps after a failure are reported as skipped: they could not mean anything.
 *
 * It builds its own connection, separate from the app's live one, so running it never disturbs a
 * conversation in progress, and a tunnel that is reconnecting does not hide the real cause.
 */
import { AppFailure, appError, type AppError } from '@shared/errors'
import type { DoctorReport, DoctorStep } from '@shared/doctor'
import type { Profile } from '@shared/profile'
import { profileNetwork } from '../connection/network'
import { detectStep } from './detectStep'
import { networkDeps, planFor } from './plan'
import { DoctorStepFailure, type DoctorContext, type DoctorDeps, type DoctorOptions } from './types'

export { DoctorStepFailure, type DoctorDeps, type DoctorOptions } from './types'
export { planFor } from './plan'

function toAppError(error: unknown): AppError {
  if (error instanceof AppFailure) return error.error
  return appError(
    'internal',
    `The check failed unexpectedly: ${(error as Error)?.message ?? String(error)}`
  )
}

const stoppedFailure = () => new AppFailure(appError('backend.aborted', 'The check was stopped'))

/** `work`, or a `backend.aborted` failure as soon as `signal` aborts (the work is left to its cleanup). */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(stoppedFailure())
    signal.addEventListener('abort', onAbort, { once: true })
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort))
  })
}

export async function runDoctor(
  profile: Profile,
  deps: DoctorDeps,
  opts: DoctorOptions = {}
): Promise<DoctorReport> {
  const startedAt = new Date()
  const started = performance.now()
  const cleanups: Array<() => unknown> = []
  const network = profileNetwork(profile, networkDeps(profile.id, deps))
  const ctx: DoctorContext = {
    profile,
    deps,
    opts,
    network,
    connectMs: profile.timeouts.connectSec * 1000,
    idleMs: profile.timeouts.idleSec * 1000,
    bag: new Map(),
    defer: (cleanup) => void cleanups.push(cleanup)
  }
  const steps: DoctorStep[] = []
  let failed = false
  try {
    const plan = await planFor(profile, network.route)
    // Detection needs the link the earlier steps opened, and decides what health and chat ask.
    if (opts.detect)
      plan.splice(
        plan.findIndex((s) => s.id === 'health'),
        0,
        detectStep
      )
    for (const def of plan) {
      if (failed) {
        const step: DoctorStep = { id: def.id, status: 'skipped', ms: 0 }
        steps.push(step)
        opts.onStep?.(step)
        continue
      }
      const t0 = performance.now()
      let step: DoctorStep
      try {
        if (opts.signal?.aborted) throw stoppedFailure()
        // A stop ends the step at once, whether or not it watches the signal itself: the
        // cleanups below close whatever it still has open.
        const detail = opts.signal
          ? await untilAborted(def.run(ctx), opts.signal)
          : await def.run(ctx)
        step = {
          id: def.id,
          status: 'ok',
          ms: performance.now() - t0,
          ...(detail && Object.keys(detail).length ? { detail } : {})
        }
      } catch (error) {
        failed = true
        const appErr = toAppError(error)
        if (!(error instanceof AppFailure))
          deps.logger.error('doctor step crashed', { step: def.id, error })
        const detail = error instanceof DoctorStepFailure ? error.detail : undefined
        step = {
          id: def.id,
          status: 'failed',
          ms: performance.now() - t0,
          error: appErr,
          ...(detail ? { detail } : {})
        }
      }
      steps.push(step)
      opts.onStep?.(step)
    }
  } finally {
    for (const cleanup of cleanups.reverse()) {
      try {
        await cleanup()
      } catch {
        // Closing a half-open connection may fail; the report is what matters.
      }
    }
  }
  const report: DoctorReport = {
    profileId: profile.id,
    profileName: profile.name,
    startedAt: startedAt.toISOString(),
    ms: performance.now() - started,
    ok: !failed,
    steps,
    ...(ctx.bag.has('detected')
      ? { detected: ctx.bag.get('detected') as NonNullable<DoctorReport['detected']> }
      : {})
  }
  const failedStep = steps.find((s) => s.status === 'failed')
  deps.logger.info('connection check', {
    profile: profile.name,
    ok: report.ok,
    ...(failedStep
      ? {
          failedStep: failedStep.id,
          code: failedStep.error?.code,
          message: failedStep.error?.message
        }
      : {})
  })
  return report
}

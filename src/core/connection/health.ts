/**
 * Background health checks: the connection indicator must not stay green after the backend died,
 * nor red after it came back. The manager runs one schedule per active connector: a check every
 * `intervalMs` (45 s by default) while healthy, sooner and sooner apart after a failure (the same
 * backoff the tunnel uses, from ~1 s up to the interval), and at once when the window regains
 * focus (`connection:check`). A check that finds the backend again turns the state to connected,
 * which the renderer announces as "reconnected".
 *
 * SCOPE: when. What a check does (and what it skips, e.g. a tunnel waiting for a password) is the
 * manager's `run` function; this module has no I/O and is tested with fake timers.
 */
import { backoffDelay, type BackoffOptions } from './tunnel/backoff'

export type HealthOutcome = 'ok' | 'failed' | 'skipped'

export interface HealthScheduleOptions {
  /** Between checks while healthy (and the longest wait after failures). */
  intervalMs: number
  /** After failures: backoff from `baseMs`, capped at `intervalMs`. */
  backoff?: BackoffOptions
}

export const defaultHealthIntervalMs = 45_000

export interface HealthSchedule {
  /** Check now (a check already running is joined, not doubled); the next one is scheduled after. */
  now(): Promise<HealthOutcome>
  /** Failed checks in a row (drives the backoff). */
  failures(): number
  stop(): void
}

export function createHealthSchedule(
  run: () => Promise<HealthOutcome>,
  opts: HealthScheduleOptions
): HealthSchedule {
  let failures = 0
  let timer: ReturnType<typeof setTimeout> | undefined
  let running: Promise<HealthOutcome> | undefined
  let stopped = false

  const delay = () =>
    failures === 0
      ? opts.intervalMs
      : Math.min(
          opts.intervalMs,
          Math.max(
            500,
            backoffDelay(failures + 1, { baseMs: 2000, ...opts.backoff, capMs: opts.intervalMs })
          )
        )

  function schedule() {
    clearTimeout(timer)
    if (stopped) return
    timer = setTimeout(() => void now(), delay())
    // A pending check must never keep a CLI or a test process alive.
    ;(timer as { unref?: () => void }).unref?.()
  }

  function now(): Promise<HealthOutcome> {
    if (stopped) return Promise.resolve('skipped')
    if (running) return running
    clearTimeout(timer)
    running = run()
      .catch((): HealthOutcome => 'failed')
      .then((outcome) => {
        if (outcome === 'failed') failures++
        else if (outcome === 'ok') failures = 0
        return outcome
      })
      .finally(() => {
        running = undefined
        schedule()
      })
    return running
  }

  schedule()
  return {
    now,
    failures: () => failures,
    stop() {
      stopped = true
      clearTimeout(timer)
    }
  }
}

/**
 * The tunnel connector's life, as data: a union of phases and one pure transition function. The
 * connector (connector.ts) feeds it what happened (an attempt started, succeeded, failed; the live
 * session was lost; the user answered; close) and carries out what comes back (publish the state,
 * arm the retry timer). No timers, sockets or promises here, so every rule (when to retry and how
 * long to wait, when to stop and wait for the user, what the indicator shows) is tested as plain
 * logic in connectorMachine.test.ts.
 *
 *   connecting ──ok──▶ connected ──lost──▶ reconnecting(1, next try at) ──timer──▶ reconnecting(1)
 *       │                                      ▲            │
 *       ├─transient─▶ reconnecting(n+1) ───────┘            └─needs the user─▶ needsUser
 *       └─needs the user (host key, secret, login refused…)─▶ needsUser ──answered──▶ (next attempt)
 *   any ──close──▶ closed
 */
import type { ConnectionState } from '@shared/connection'
import type { AppError } from '@shared/errors'

export type TunnelPhase =
  /** The first attempt, before anything went wrong. */
  | { kind: 'connecting' }
  /** After a failure or a lost link: an attempt runs, or the next one is due at `nextRetryAt`. */
  | { kind: 'reconnecting'; attempt: number; nextRetryAt?: number }
  /** The session is up. `farSide`: the SSH server could not reach the target (requests fail, the tunnel is fine). */
  | { kind: 'connected'; farSide?: AppError }
  /** Stopped until the user acts (trust a key, give a secret, reconnect): retrying would fail the same way. */
  | { kind: 'needsUser'; error: AppError }
  | { kind: 'closed' }

export interface TunnelMachine {
  phase: TunnelPhase
  /** Consecutive failed attempts since the link was last up (drives the backoff). */
  failures: number
  everConnected: boolean
  /** Why the last attempt failed or the link was lost, shown while reconnecting. */
  lastError?: AppError
}

export type TunnelEvent =
  | { type: 'attemptStarted' }
  | { type: 'attemptSucceeded' }
  | { type: 'attemptFailed'; error: AppError }
  | { type: 'sessionLost'; error: AppError }
  /** The far side refused a forward while the session is up, or answered again (`farSide` cleared). */
  | { type: 'farSide'; error?: AppError }
  /** The user answered or asked to reconnect: start counting failures afresh. */
  | { type: 'userRetry' }
  | { type: 'close' }

export type TunnelEffect =
  { type: 'publish' } | { type: 'scheduleRetry'; delayMs: number } | { type: 'cancelRetry' }

export interface MachineContext {
  now: number
  /** Milliseconds before attempt `n` (1-based). */
  backoff(attempt: number): number
  /** Errors that wait for the user instead of being retried. */
  needsUser(error: AppError): boolean
}

export const initialMachine: TunnelMachine = {
  phase: { kind: 'connecting' },
  failures: 0,
  everConnected: false
}

const same = (m: TunnelMachine) => ({ machine: m, effects: [] as TunnelEffect[] })

/** A failure to retry: count it (unless the link was up a moment ago) and wait for the next attempt. */
function retryLater(m: TunnelMachine, error: AppError, failures: number, ctx: MachineContext) {
  const attempt = failures + 1
  const delayMs = ctx.backoff(attempt)
  const machine: TunnelMachine = {
    ...m,
    failures,
    lastError: error,
    phase: { kind: 'reconnecting', attempt, nextRetryAt: ctx.now + delayMs }
  }
  return {
    machine,
    effects: [{ type: 'publish' }, { type: 'scheduleRetry', delayMs }] as TunnelEffect[]
  }
}

export function transition(
  m: TunnelMachine,
  event: TunnelEvent,
  ctx: MachineContext
): { machine: TunnelMachine; effects: TunnelEffect[] } {
  if (m.phase.kind === 'closed') return same(m)
  switch (event.type) {
    case 'attemptStarted': {
      const phase: TunnelPhase =
        m.everConnected || m.failures > 0
          ? { kind: 'reconnecting', attempt: m.failures + 1 }
          : { kind: 'connecting' }
      return { machine: { ...m, phase }, effects: [{ type: 'cancelRetry' }, { type: 'publish' }] }
    }
    case 'attemptSucceeded':
      return {
        machine: { phase: { kind: 'connected' }, failures: 0, everConnected: true },
        effects: [{ type: 'publish' }]
      }
    case 'attemptFailed':
      if (ctx.needsUser(event.error))
        return {
          machine: {
            ...m,
            lastError: event.error,
            phase: { kind: 'needsUser', error: event.error }
          },
          effects: [{ type: 'publish' }]
        }
      return retryLater(m, event.error, m.failures + 1, ctx)
    case 'sessionLost':
      if (m.phase.kind !== 'connected') return same(m)
      // The link was up: this is the first failure of a new series.
      return retryLater(m, event.error, 0, ctx)
    case 'farSide': {
      if (m.phase.kind !== 'connected') return same(m)
      if (!event.error && !m.phase.farSide) return same(m)
      return {
        machine: {
          ...m,
          phase: { kind: 'connected', ...(event.error ? { farSide: event.error } : {}) }
        },
        effects: [{ type: 'publish' }]
      }
    }
    case 'userRetry':
      return { machine: { ...m, failures: 0 }, effects: [] }
    case 'close':
      // No publish here: the connector shows `idle` once sockets and timers are released.
      return { machine: { ...m, phase: { kind: 'closed' } }, effects: [{ type: 'cancelRetry' }] }
  }
}

/** What the connection indicator shows for a machine (the connector adds the detail and the prompts). */
export function statusOf(
  m: TunnelMachine
): Pick<ConnectionState, 'status' | 'attempt' | 'nextRetryAt' | 'error'> {
  const p = m.phase
  switch (p.kind) {
    case 'connecting':
      return { status: 'connecting' }
    case 'reconnecting':
      return {
        status: 'reconnecting',
        attempt: p.attempt,
        ...(p.nextRetryAt !== undefined ? { nextRetryAt: p.nextRetryAt } : {}),
        ...(m.lastError ? { error: m.lastError } : {})
      }
    case 'connected':
      return { status: 'connected', ...(p.farSide ? { error: p.farSide } : {}) }
    case 'needsUser':
      return { status: 'failed', error: p.error }
    case 'closed':
      return { status: 'idle' }
  }
}

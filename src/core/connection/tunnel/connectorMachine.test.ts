import { describe, expect, it } from 'vitest'
import type { AppError } from '@shared/errors'
import {
  initialMachine,
  statusOf,
  transition,
  type MachineContext,
  type TunnelEvent,
  type TunnelMachine
} from './connectorMachine'

const refused: AppError = { code: 'ssh.refused', message: 'refused' }
const hostKey: AppError = { code: 'ssh.hostkey_unknown', message: 'unknown key' }
const lost: AppError = { code: 'ssh.timeout', message: 'keepalive' }
const farSide: AppError = { code: 'ssh.target_closed', message: 'nothing at the target' }

const ctx: MachineContext = {
  now: 1000,
  backoff: (attempt) => attempt * 100,
  needsUser: (e) => e.code.startsWith('ssh.hostkey')
}

/** Run events from the start; return the last machine and every effect, in order. */
function run(events: TunnelEvent[], from: TunnelMachine = initialMachine) {
  let machine = from
  const effects: unknown[] = []
  for (const e of events) {
    const next = transition(machine, e, ctx)
    machine = next.machine
    effects.push(...next.effects)
  }
  return { machine, effects, status: statusOf(machine) }
}

describe('the tunnel connector as a state machine', () => {
  it('first attempt: connecting, then connected with the failure count cleared', () => {
    expect(run([{ type: 'attemptStarted' }]).status).toEqual({ status: 'connecting' })
    const up = run([{ type: 'attemptStarted' }, { type: 'attemptSucceeded' }])
    expect(up.status).toEqual({ status: 'connected' })
    expect(up.machine).toMatchObject({ failures: 0, everConnected: true })
  })

  it('a transient failure counts, backs off by attempt, and says when the next try is', () => {
    const once = run([{ type: 'attemptStarted' }, { type: 'attemptFailed', error: refused }])
    expect(once.status).toEqual({
      status: 'reconnecting',
      attempt: 2,
      nextRetryAt: 1200,
      error: refused
    })
    expect(once.effects).toContainEqual({ type: 'scheduleRetry', delayMs: 200 })
    const twice = run([
      { type: 'attemptStarted' },
      { type: 'attemptFailed', error: refused },
      { type: 'attemptStarted' },
      { type: 'attemptFailed', error: refused }
    ])
    expect(twice.status).toMatchObject({ status: 'reconnecting', attempt: 3, nextRetryAt: 1300 })
    // The attempt that then runs shows its number and the last reason, without a next-try time.
    expect(run([{ type: 'attemptStarted' }], twice.machine).status).toEqual({
      status: 'reconnecting',
      attempt: 3,
      error: refused
    })
  })

  it('an error that needs the user stops: failed, no retry scheduled; the user answering starts the count afresh', () => {
    const stopped = run([
      { type: 'attemptStarted' },
      { type: 'attemptFailed', error: refused },
      { type: 'attemptStarted' },
      { type: 'attemptFailed', error: hostKey }
    ])
    expect(stopped.status).toEqual({ status: 'failed', error: hostKey })
    expect(
      stopped.effects.filter((e) => (e as { type: string }).type === 'scheduleRetry')
    ).toHaveLength(1)
    const answered = run([{ type: 'userRetry' }, { type: 'attemptStarted' }], stopped.machine)
    expect(answered.machine.failures).toBe(0)
    expect(answered.status).toMatchObject({ status: 'connecting' })
  })

  it('a lost link reconnects from attempt 1, shows why, and reconnecting (not connecting) from then on', () => {
    const up = run([{ type: 'attemptStarted' }, { type: 'attemptSucceeded' }])
    const down = run([{ type: 'sessionLost', error: lost }], up.machine)
    expect(down.status).toEqual({
      status: 'reconnecting',
      attempt: 1,
      nextRetryAt: 1100,
      error: lost
    })
    expect(down.effects).toEqual([{ type: 'publish' }, { type: 'scheduleRetry', delayMs: 100 }])
    expect(run([{ type: 'attemptStarted' }], down.machine).status).toMatchObject({
      status: 'reconnecting',
      attempt: 1
    })
    // A loss reported when not connected (a late event) changes nothing.
    expect(run([{ type: 'sessionLost', error: lost }], down.machine).effects).toEqual([])
  })

  it('the far side refusing keeps "connected" with the reason, until a request gets through', () => {
    const up = run([{ type: 'attemptStarted' }, { type: 'attemptSucceeded' }])
    const refusedFar = run([{ type: 'farSide', error: farSide }], up.machine)
    expect(refusedFar.status).toEqual({ status: 'connected', error: farSide })
    expect(run([{ type: 'farSide' }], refusedFar.machine).status).toEqual({ status: 'connected' })
    // Nothing to clear: no publish.
    expect(run([{ type: 'farSide' }], up.machine).effects).toEqual([])
  })

  it('closed is final: it cancels the retry and ignores everything after', () => {
    const waiting = run([{ type: 'attemptStarted' }, { type: 'attemptFailed', error: refused }])
    const closed = run([{ type: 'close' }], waiting.machine)
    expect(closed.effects).toEqual([{ type: 'cancelRetry' }])
    expect(closed.status).toEqual({ status: 'idle' })
    const after = run(
      [
        { type: 'attemptSucceeded' },
        { type: 'attemptFailed', error: refused },
        { type: 'attemptStarted' }
      ],
      closed.machine
    )
    expect(after.effects).toEqual([])
    expect(after.machine.phase.kind).toBe('closed')
  })
})

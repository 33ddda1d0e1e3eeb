/**
 * Keeps exactly one connector alive: the one for the selected profile. Switching profile (or
 * editing how the selected one connects) closes the old connector cleanly (tunnel, sockets,
 * timers) before the next one starts, so the app never holds two tunnels at once.
 *
 * With `healthIntervalMs` it also checks the backend in the background (health.ts), so the
 * indicator follows a backend that dies or comes back without anyone sending a message.
 */
import type { ConnectionState, HealthResult } from '@shared/connection'
import { AppFailure, appError, fail } from '@shared/errors'
import type { Profile } from '@shared/profile'
import { checkHealth } from '../backend/client'
import { createDirectConnector } from './direct'
import { createHealthSchedule, type HealthOutcome, type HealthSchedule } from './health'
import type { Connector, Link } from './link'
import type { ConnectionEnvironment } from './network'
import { createTunnelConnector } from './tunnel'

export interface ConnectionManagerOptions extends ConnectionEnvironment {
  onState(state: ConnectionState): void
  /** Check the backend this often in the background (the app: 45 s); absent = only when asked (the CLI). */
  healthIntervalMs?: number
}

const idle: ConnectionState = { profileId: null, mode: null, status: 'idle' }

export function createConnectionManager(opts: ConnectionManagerOptions) {
  let current:
    | {
        key: string
        profile: Profile
        connector: Connector
        unsubscribe: () => void
        health?: HealthSchedule
        last?: HealthResult
      }
    | undefined
  let switching: Promise<void> = Promise.resolve()

  // What makes two versions of a profile need a new connection (the backend contract does not).
  const keyOf = (p: Profile) => JSON.stringify([p.id, p.connection, p.timeouts, p.tls, p.proxy])

  function create(profile: Profile): Connector {
    if (profile.connection.kind === 'direct') return createDirectConnector(profile, opts)
    return createTunnelConnector({
      profile,
      secrets: opts.secrets,
      logger: opts.logger,
      dataDir: opts.dataDir,
      homeDir: opts.homeDir,
      env: opts.env,
      network: opts,
      ...(opts.askUser ? { askUser: opts.askUser } : {})
    })
  }

  /**
   * Run `fn` over a link for `profile`: the live one when it is the selected profile as it is
   * connected now, else a connection of its own, closed afterwards (a profile not selected, a
   * draft not saved: e.g. to list its models).
   */
  async function withLink<T>(profile: Profile, fn: (link: Link) => Promise<T>): Promise<T> {
    await switching
    if (current && current.key === keyOf(profile)) return fn(await current.connector.link())
    const connector = create(profile)
    try {
      return await fn(await connector.link())
    } finally {
      await connector.close()
    }
  }

  async function closeCurrent() {
    if (!current) return
    const { connector, unsubscribe, health } = current
    current = undefined
    health?.stop()
    unsubscribe()
    await connector.close()
  }

  /**
   * One health check of the current connection. A connection that is busy connecting, or a tunnel
   * that is reconnecting or waiting for the user (a password, a host key), is left alone: it
   * reports its own state. A direct connection is checked even when failed: that is how it
   * finds the backend again.
   */
  async function check(entry: NonNullable<typeof current>): Promise<HealthOutcome> {
    const { connector, profile } = entry
    const s = connector.state()
    const tunnel = profile.connection.kind === 'tunnel'
    if (
      s.status === 'connecting' ||
      s.status === 'idle' ||
      s.hostKeyPrompt ||
      s.secretPrompt ||
      (tunnel && s.status !== 'connected')
    )
      return 'skipped'
    const started = performance.now()
    let link
    try {
      link = await connector.link()
    } catch (error) {
      entry.last = {
        ok: false,
        ms: performance.now() - started,
        error: error instanceof AppFailure ? error.error : appError('internal', String(error))
      }
      return 'failed'
    }
    const result = await checkHealth(
      link,
      profile.contract.healthPath,
      profile.timeouts.connectSec * 1000
    )
    if (current !== entry) return 'skipped'
    entry.last = result
    // A backend without a health route still answers: only transport failures and 5xx mean "down".
    if (result.ok || (result.status !== undefined && result.status < 500)) {
      connector.markConnected?.()
      return 'ok'
    }
    if (result.error) link.reportFailure?.(new AppFailure(result.error))
    return 'failed'
  }

  return {
    /** Make `profile` (or nothing) the active connection; a no-op when nothing relevant changed. */
    use(profile: Profile | undefined): Promise<void> {
      switching = switching.then(async () => {
        if (profile && current && current.key === keyOf(profile)) {
          current.profile = profile
          return
        }
        await closeCurrent()
        if (!profile) {
          opts.onState(idle)
          return
        }
        opts.logger.info('connecting', { profile: profile.name, mode: profile.connection.kind })
        const connector = create(profile)
        const unsubscribe = connector.onState(opts.onState)
        const entry: NonNullable<typeof current> = {
          key: keyOf(profile),
          profile,
          connector,
          unsubscribe
        }
        if (opts.healthIntervalMs)
          entry.health = createHealthSchedule(() => check(entry), {
            intervalMs: opts.healthIntervalMs
          })
        current = entry
        opts.onState(connector.state())
      })
      return switching
    },
    async connector(): Promise<Connector> {
      await switching
      if (!current) fail('profile.none_selected', 'No connection profile is selected')
      return current.connector
    },
    state(): ConnectionState {
      return current?.connector.state() ?? idle
    },
    withLink,
    /**
     * Check the backend now (the window regained focus, or "check" was asked) and let the state
     * follow; the next background check is timed from here.
     */
    async checkNow(): Promise<HealthResult> {
      await switching
      const entry = current
      if (!entry) fail('profile.none_selected', 'No connection profile is selected')
      const outcome = entry.health ? await entry.health.now() : await check(entry)
      if (outcome !== 'skipped') return entry.last ?? { ok: outcome === 'ok', ms: 0 }
      // Busy or waiting for the user: answer for the link as it is, without touching the state.
      try {
        const link = await entry.connector.link()
        return await checkHealth(
          link,
          entry.profile.contract.healthPath,
          entry.profile.timeouts.connectSec * 1000
        )
      } catch (error) {
        if (error instanceof AppFailure) return { ok: false, ms: 0, error: error.error }
        throw error
      }
    },
    async close() {
      await switching
      await closeCurrent()
    }
  }
}

export type ConnectionManager = ReturnType<typeof createConnectionManager>

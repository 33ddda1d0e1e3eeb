/**
 * Keeps exactly one connector alive: the one for the selected profile. Switching profile (or
 * editing how the selected one connects) closes the old connector cleanly (tunnel, sockets,
 * timers) before the next one starts, so the app never holds two tunnels at once.
 */
import type { ConnectionState } from '@shared/connection'
import { fail } from '@shared/errors'
import type { Profile } from '@shared/profile'
import { createDirectConnector } from './direct'
import type { Connector } from './link'
import type { ConnectionEnvironment } from './network'
import { createTunnelConnector } from './tunnel'

export interface ConnectionManagerOptions extends ConnectionEnvironment {
  onState(state: ConnectionState): void
}

const idle: ConnectionState = { profileId: null, mode: null, status: 'idle' }

export function createConnectionManager(opts: ConnectionManagerOptions) {
  let current: { key: string; profile: Profile; connector: Connector; unsubscribe: () => void } | undefined
  let switching: Promise<void> = Promise.resolve()

  // What makes two versions of a profile need a new connection (the backend contract does not).
  const keyOf = (p: Profile) => JSON.stringify([p.id, p.connection, p.timeouts, p.tls, p.proxy])


  function create(profile: Profile): Connector {
    if (profile.connection.kind === 'direct') return createDirectConnector(profile, opts)
    return createTunnelConnector({ profile, secrets: opts.secrets, logger: opts.logger, dataDir: opts.dataDir, homeDir: opts.homeDir, env: opts.env, network: opts, ...(opts.askUser ? { askUser: opts.askUser } : {}) })
  }

  async function closeCurrent() {
    if (!current) return
    const { connector, unsubscribe } = current
    current = undefined
    unsubscribe()
    await connector.close()
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
        current = { key: keyOf(profile), profile, connector, unsubscribe }
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
    async close() {
      await switching
      await closeCurrent()
    }
  }
}

export type ConnectionManager = ReturnType<typeof createConnectionManager>

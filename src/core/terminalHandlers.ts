/**
 * The terminal's own handlers (channels.ts `terminalChannels`): what only the person at the
 * terminal may do. Served by a dispatch of their own that only `startTerminalCore` returns, so
 * Electron main and the web harness (which use `startCore`) never hold it.
 */
import { fail } from '@shared/errors'
import type { Profile } from '@shared/profile'
import type { ConnectionManager } from './connection/manager'
import { forgetHost, knownHostsFiles } from './connection/tunnel/knownHosts'
import type { TerminalHandlers } from './dispatch'
import type { Logger } from './logger'
import type { ProfileStore } from './store/profiles'

export interface TerminalHandlerDeps {
  dataDir: string
  homeDir: string
  logger: Logger
  profiles: ProfileStore
  connections: ConnectionManager
  /** Make this profile the session's one (what `active()` answers for this core). */
  useProfile(profile: Profile): void
  /** The session's profile, else the one selected in the app. */
  active(): Profile | undefined
}

export function createTerminalHandlers(d: TerminalHandlerDeps): TerminalHandlers {
  return {
    'hosts:forget': async ({ host, port }) => {
      const result = await forgetHost(
        knownHostsFiles({ homeDir: d.homeDir, dataDir: d.dataDir }),
        host,
        port
      )
      if (result.removed.length > 0)
        d.logger.warn('ssh host keys forgotten (cli)', {
          host: result.name,
          keys: result.removed.map((r) => r.fingerprint).join(',')
        })
      return result
    },
    'session:use': async ({ profileId }) => {
      d.useProfile(d.profiles.get(profileId))
      return { profileId }
    },
    'session:connect': async () => {
      const profile = d.active()
      if (!profile) fail('profile.none_selected', 'No connection profile is selected')
      await d.connections.use(profile)
      return d.connections.state()
    }
  }
}

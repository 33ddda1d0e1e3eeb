/**
 * What the core is built with. The Electron glue, the CLI, the web harness and the tests each pass
 * their own: this is what keeps the core free of `electron`.
 */
import type { Logger } from './logger'
import type { SecretStore } from './secrets'

export interface CoreDeps {
  /** Folder that holds profiles.json, conversations/, known_hosts, logs. */
  dataDir: string
  secrets: SecretStore
  logger: Logger
  appInfo: {
    name: string
    version: string
    platform: string
    locale: string
    languages?: string[]
    shell: 'electron' | 'web'
  }
  /** Home folder, for ~/.ssh; tests point it at a temp dir. */
  homeDir: string
  /** Environment (SSH_AUTH_SOCK, proxies); tests pass their own. */
  env: Record<string, string | undefined>
  now?: () => number
}

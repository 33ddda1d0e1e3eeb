/**
 * The core's one entry: everything the app does except what needs Electron, for every shell
 * (Electron main, the web harness, the CLI, the bench, the e2e fixtures). A shell starts it with
 * `startCore`, drives it with `dispatch` and listens with `onEvent`; nothing else of the core is
 * theirs to reach (the lint rule on folders says so). Tests inside src/core may import internals.
 */
import type { EventName, EventPayloads } from '@shared/ipc/contract'
import type { CoreDeps } from './deps'
import type { Dispatch } from './dispatch'
import type { Platform } from './platform'

export type EventListener = <E extends EventName>(event: E, payload: EventPayloads[E]) => void

export interface Core {
  /** Run one contract call: validates the argument, never throws. */
  dispatch: Dispatch
  /** Every event main pushes (deltas batched), for the shell to forward to its window/clients. */
  onEvent(listener: EventListener): () => void
  /** Stop streams, close tunnels, flush stores. */
  dispose(): Promise<void>
}

export type CoreOptions = CoreDeps & {
  platform?: Platform
  /**
   * Keep the selected profile's connection open, from the start and after every change of the
   * selection (default). The CLI passes false: its commands open no connection (not even
   * `profiles add` selecting its first profile) unless `session:connect` asks for one (chat).
   */
  connect?: boolean
  /** Background health checks of the selected connection, every this many ms (default 45 s; 0 = off). */
  healthIntervalMs?: number
}

/** The core and the terminal's own dispatch (channels.ts `terminalChannels`): the CLI's only. */
export interface TerminalCore extends Core {
  terminal: { dispatch: Dispatch }
}

export { startCore, startTerminalCore, type StartCoreOptions, type StartedCore } from './startCore'
export type { Dispatch } from './dispatch'
export type { Platform } from './platform'
export { appVersion, packageName } from './version'
export { registerSecret, silentLogger, type LogLevel, type Logger } from './logger'
export { createFileLogger, type FileLogger } from './logging'
export {
  EncryptedFileSecretStore,
  MemorySecretStore,
  secretKey,
  type Cipher,
  type SecretStore
} from './secrets'
export { defaultDataDir, resolveDataDir } from './paths'

// What the terminal does itself, before or beside dispatch: its own name, version and data folder
// for --help; secrets from the environment or a hidden prompt (which secret a profile needs is
// asked of the tunnel's own prepareAuth, and which credential headers it has), flags parsed like
// ssh's (`--jump`, an OpenSSH config file), and the doctor's report as terminal lines. Everything
// else, the CLI asks the core through dispatch like every shell (terminal-only channels included:
// startTerminalCore).
export { appName } from './paths'
export { headerSecretKind, secretHeaders } from './profileSecrets'
export { prepareAuth } from './connection/tunnel/auth'
export { agentLikelyAvailable, systemAgentProbe } from './connection/tunnel/agentSource'
export { importSshConfig, inlineIncludes, parseJumpSpec } from './connection/tunnel/sshConfig'
export { formatDoctorStep, formatDoctorSummary } from './diagnostics'

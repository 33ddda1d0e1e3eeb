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
   * Open the selected profile's connection at start (default). Commands that only read the data
   * folder (the CLI's `conversations …`) pass false, so they never open a tunnel.
   */
  connectOnStart?: boolean
  /**
   * Work on this profile for the life of this core, as if it were selected, without changing the
   * selection stored for the app (the CLI's `chat --profile NAME`).
   */
  profileId?: string
  /** Background health checks of the selected connection, every this many ms (default 45 s; 0 = off). */
  healthIntervalMs?: number
}

export { createCore } from './createCore'
export { startCore, type StartCoreOptions, type StartedCore } from './startCore'
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

// What the CLI needs besides dispatch: its own terminal-side steps (secrets from the environment
// or a prompt, flags parsed like ssh's), the profile file and store it reads before any core runs,
// known_hosts clean-up, and the doctor with live steps (no contract event carries them yet).
export { appName } from './paths'
export { openProfileStore, type ProfileStore } from './store/profiles'
export { importProfiles, profileFileContent, readProfileFile } from './store/profileFile'
export { headerSecretKind, secretHeaders } from './profileSecrets'
export { prepareAuth } from './connection/tunnel/auth'
export { agentLikelyAvailable, systemAgentProbe } from './connection/tunnel/agentSource'
export { importSshConfig, inlineIncludes, parseJumpSpec } from './connection/tunnel/sshConfig'
export { forgetHost, knownHostsFiles } from './connection/tunnel/knownHosts'
export { formatDoctorStep, formatDoctorSummary } from './diagnostics'
export { runDoctor } from './doctor'

/**
 * The main-process core: everything the app does except what needs Electron. Built with its
 * dependencies (data folder, secret store, logger, platform hooks), so the Electron glue, the web
 * harness, the CLI and the tests all run the same code.
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
  /** Background health checks of the selected connection, every this many ms (default 45 s; 0 = off). */
  healthIntervalMs?: number
}

export { createCore } from './createCore'

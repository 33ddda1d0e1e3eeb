/**
 * The web harness's wire format between the page's `window.api` and the harness server: JSON text
 * frames over one WebSocket. Types only (and one path), shared by both ends; no DOM, no Node.
 */
import type { IpcResult } from '../../shared/errors'
import type { EventName } from '../../shared/ipc/contract'

/** Where the server accepts the socket (same origin as the page). */
export const harnessSocketPath = '/harness-ws'

/** Page → server: one contract call. `id` pairs it with its result. */
export interface InvokeMessage {
  type: 'invoke'
  id: number
  channel: string
  arg?: unknown
}

/** Server → page: the result of one call, or one core event (every client gets every event). */
export type ServerMessage =
  | { type: 'result'; id: number; result: IpcResult<unknown> }
  | { type: 'event'; event: EventName; payload: unknown }

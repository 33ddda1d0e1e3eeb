/**
 * A link is how HTTP requests reach the backend for one profile: a plain keep-alive agent in
 * direct mode, or an agent whose sockets are ssh2 `forwardOut` channels in tunnel mode. The
 * backend client only ever sees this interface, so it does not know which one it talks through.
 */
import type { Agent } from 'node:http'
import type { ConnectionState } from '@shared/connection'

export interface Link {
  /** Origin the request URLs are built on (the direct URL, or the tunnel's target). */
  readonly origin: URL
  /** Agent to pass to `http.request` / `https.request`. */
  readonly agent: Agent
  /** Tell the link a request failed at the transport level (it may start reconnecting). */
  reportFailure?(error: unknown): void
  close(): Promise<void>
}

/** Something that keeps a link up for one profile and reports its state (direct or tunnel). */
export interface Connector {
  /** Resolve with a usable link, waiting for a (re)connect in progress; reject with AppFailure. */
  link(): Promise<Link>
  state(): ConnectionState
  onState(listener: (state: ConnectionState) => void): () => void
  /** A request just succeeded over the link: the backend is reachable. */
  markConnected?(): void
  /** Retry now (skipping a backoff wait). */
  reconnect(): void
  trustHostKey?(fingerprint: string): Promise<void>
  provideSecret?(value: string, remember: boolean): Promise<void>
  close(): Promise<void>
}

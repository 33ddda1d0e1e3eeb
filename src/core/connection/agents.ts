/**
 * HTTP(S) agents whose sockets come from an `open` function instead of `net.connect`: an ssh2
 * `direct-tcpip` channel (tunnel mode), a CONNECT tunnel through a proxy, or a plain TCP socket
 * (direct https). Node's agent asks `createConnection` for a socket and we answer asynchronously,
 * so keep-alive pooling, request queuing and `maxSockets` all work as usual. (ssh2's own HTTPAgent
 * is not used: it opens a whole new SSH connection, handshake and login, for every socket.)
 *
 * The https agent runs TLS over the opened stream with the profile's trust (tls/secure.ts) and
 * hands the socket to the request only after the certificate was accepted, so a refused server
 * never sees the request. TLS sessions are not cached: every new socket gets a full handshake and
 * so a full trust decision (keep-alive keeps that to one per socket, not per request).
 */
import http from 'node:http'
import https from 'node:https'
import type { Duplex } from 'node:stream'
import { secureStream, type TlsPolicy } from './tls/secure'

/** Opens one byte stream to the target; rejects with an AppFailure (the request then fails with it). */
export type OpenStream = () => Promise<Duplex>

type Callback = (err: Error | null, stream: Duplex) => void

const noop = () => undefined

/**
 * An SSH channel is a Duplex but not a net.Socket: node's http calls a few socket methods on it
 * (keep-alive bookkeeping), which mean nothing for a channel. The SSH connection's own TCP socket
 * has Nagle turned off when it is opened, which is what `setNoDelay` would have asked for.
 */
export function asSocket(channel: Duplex): Duplex {
  const s = channel as Duplex & Record<string, unknown>
  for (const name of ['setNoDelay', 'setKeepAlive', 'setTimeout', 'ref', 'unref']) {
    if (typeof s[name] !== 'function') s[name] = noop
  }
  if (typeof s.destroySoon !== 'function') s.destroySoon = () => channel.destroy()
  return channel
}

export interface StreamAgentOptions {
  keepAlive?: boolean
  maxSockets?: number
  /** Idle keep-alive sockets are closed after this many ms. */
  timeout?: number
}

const defaults: StreamAgentOptions = { keepAlive: true, maxSockets: 16 }

export class StreamHttpAgent extends http.Agent {
  constructor(
    private readonly open: OpenStream,
    options: StreamAgentOptions = defaults
  ) {
    super(options)
  }

  override createConnection(_options: http.ClientRequestArgs, cb?: Callback): Duplex | undefined {
    this.open().then(
      (stream) => cb?.(null, asSocket(stream)),
      (error: Error) => cb?.(error, undefined as unknown as Duplex)
    )
    return undefined
  }
}

/** TLS to the target inside the stream: the certificate is checked against the target's name and the profile's trust. */
export class StreamHttpsAgent extends https.Agent {
  constructor(
    private readonly open: OpenStream,
    private readonly policy: TlsPolicy,
    options: StreamAgentOptions = defaults
  ) {
    super({ ...options, maxCachedSessions: 0 })
  }

  override createConnection(_options: https.RequestOptions, cb?: Callback): Duplex | undefined {
    this.open()
      .then((stream) => secureStream(asSocket(stream), this.policy))
      .then(
        ({ socket }) => cb?.(null, socket),
        (error: Error) => cb?.(error, undefined as unknown as Duplex)
      )
    return undefined
  }
}

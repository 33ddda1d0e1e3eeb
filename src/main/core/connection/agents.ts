/**
 * HTTP(S) agents whose sockets are SSH channels. Node's agent asks `createConnection` for a socket;
 * we answer with a fresh `direct-tcpip` channel on the tunnel's one SSH connection, so keep-alive
 * pooling, request queuing and `maxSockets` all work as in direct mode. (ssh2's own HTTPAgent is
 * not used: it opens a whole new SSH connection, handshake and login, for every socket.)
 */
import http from 'node:http'
import https from 'node:https'
import { isIP } from 'node:net'
import type { Duplex } from 'node:stream'
import tls from 'node:tls'

/** Opens one channel to the target; rejects with an AppFailure (the request then fails with it). */
export type OpenChannel = () => Promise<Duplex>

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

const agentOptions = { keepAlive: true, maxSockets: 16 }

export class TunnelHttpAgent extends http.Agent {
  constructor(private readonly open: OpenChannel) {
    super(agentOptions)
  }

  override createConnection(_options: http.ClientRequestArgs, cb?: Callback): Duplex | undefined {
    this.open().then(
      (channel) => cb?.(null, asSocket(channel)),
      (error: Error) => cb?.(error, undefined as unknown as Duplex)
    )
    return undefined
  }
}

/** TLS to the target inside the channel: the certificate is checked against the target's name. */
export class TunnelHttpsAgent extends https.Agent {
  constructor(
    private readonly open: OpenChannel,
    private readonly targetHost: string
  ) {
    super(agentOptions)
  }

  override createConnection(options: https.RequestOptions, cb?: Callback): Duplex | undefined {
    this.open().then(
      (channel) => {
        const servername = options.servername ?? (isIP(this.targetHost) ? undefined : this.targetHost)
        const socket = tls.connect({ ...(options as tls.ConnectionOptions), socket: asSocket(channel) as never, ...(servername ? { servername } : {}) })
        cb?.(null, socket)
      },
      (error: Error) => cb?.(error, undefined as unknown as Duplex)
    )
    return undefined
  }
}

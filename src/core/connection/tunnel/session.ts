/**
 * One SSH session of a tunnel: a single long-lived ssh2 `Client` to the SSH host, reached either
 * directly or through a jump host (connect to the jump host, `forwardOut` to the SSH host, and
 * run the second client over that channel, which is what ProxyJump does). Every HTTP request then
 * opens a cheap channel on it; nothing here handshakes per request.
 *
 * The loose ssh2 defaults are never used: the host key is always checked (`hostVerifier`), the
 * handshake is bounded (`readyTimeout`), keepalives are on, AES-GCM is offered first, and SHA-1
 * algorithms are offered only when the profile allows legacy algorithms (algorithms.ts).
 */
import type { Duplex } from 'node:stream'
import { Client, type ClientChannel, type ConnectConfig, type NegotiatedAlgorithms } from 'ssh2'
import { AppFailure, appError, type AppError } from '@shared/errors'
import type { SshEndpoint } from '@shared/profile'
import { algorithmsFor, createOfferLog, legacyUsed } from './algorithms'
import type { AuthPlan, Role } from './auth'
import { ackPromptly } from './promptAcks'
import { connectError, forwardError, type ConnectContext } from './sshErrors'

/** Profiles may write an IPv6 address in brackets; sockets and sshd want it bare. */
export const bareHost = (host: string): string => host.replace(/^\[(.*)\]$/, '$1')

export interface HopOptions {
  role: Role
  endpoint: SshEndpoint
  plan: AuthPlan
  /** A channel through the jump host, instead of a TCP connection. */
  sock?: Duplex
  via?: string
  connectSec: number
  keepaliveIntervalSec: number
  keepaliveCountMax: number
  /** Offer SHA-1 and CBC algorithms too, after the modern ones (the profile's `allowLegacyAlgorithms`). */
  allowLegacy: boolean
  /** Host-key types on file for this host: asked for first, as OpenSSH does. */
  knownKeyTypes: string[]
  /** Decide about the server's key; resolve false to refuse (the connector then shows a prompt). */
  verifyHost(role: Role, host: string, port: number, key: Buffer): Promise<boolean>
  /** The error to report when `verifyHost` refused (it knows unknown from changed). */
  hostKeyError(): AppError | undefined
  /** Told about the client as soon as it exists, so an attempt can be aborted (close()). */
  register?(client: Client): void
  /** Told the algorithms once the key exchange is done (before login). */
  onHandshake?(negotiated: NegotiatedAlgorithms): void
  debug?(message: string): void
}

export interface OpenHop {
  client: Client
  negotiated?: NegotiatedAlgorithms
  /** Legacy algorithms the handshake settled on (only possible with `allowLegacy`). */
  legacy: string[]
}

/** The error for a handshake that found no algorithm in common, when legacy ones would have worked. */
function legacyError(
  endpoint: SshEndpoint,
  part: string,
  needs: string[],
  offered: string[]
): AppError {
  return appError(
    'ssh.legacy_algorithms',
    `The SSH server ${endpoint.host}:${endpoint.port} offers only old algorithms (${needs.join(', ')}), which are off by default because they rely on SHA-1 or CBC. Allow legacy algorithms in the profile only if this server cannot be updated.`,
    {
      params: {
        host: endpoint.host,
        port: endpoint.port,
        part,
        needs: needs.join(', '),
        offered: offered.join(', ')
      }
    }
  )
}

/** Marks the error ssh2 reports when our wrapped RSA key refuses a SHA-1 signature (auth.ts). */
export const sha1SignatureRefused = 'ssh-rsa (SHA-1) signatures are not allowed for this profile'

/**
 * Connect and log in. Resolves once ssh2 says 'ready'; afterwards the first 'error' or 'close'
 * calls `onLost` once (an 'error' listener stays attached for the client's whole life: an
 * unhandled 'error' event would crash the main process).
 */
export function openHop(opts: HopOptions, onLost: (error: AppError) => void): Promise<OpenHop> {
  const { endpoint } = opts
  const ctx = (): ConnectContext => ({
    host: endpoint.host,
    port: endpoint.port,
    connectSec: opts.connectSec,
    methods: opts.plan.methods,
    username: endpoint.username,
    ...(opts.via ? { via: opts.via } : {}),
    ...(opts.plan.agentTried ? { agentTried: opts.plan.agentTried } : {}),
    ...(opts.plan.serverMethods() ? { serverMethods: opts.plan.serverMethods() } : {})
  })
  return new Promise((resolve, reject) => {
    const client = new Client()
    opts.register?.(client)
    // While the user reads a code off their phone, ssh2's readyTimeout must not end the login.
    opts.plan.attach?.({
      pauseTimeout: () =>
        clearTimeout((client as unknown as { _readyTimeout?: NodeJS.Timeout })._readyTimeout)
    })
    let ready = false
    let settled = false
    let negotiated: NegotiatedAlgorithms | undefined
    let firstError: AppError | undefined
    let lost = false
    const lose = (error: AppError) => {
      if (lost) return
      lost = true
      onLost(error)
    }
    const failEarly = (error: AppError) => {
      if (settled) return
      settled = true
      reject(new AppFailure(error))
      client.destroy()
    }
    client.on('handshake', (n: NegotiatedAlgorithms) => {
      negotiated = n
      opts.onHandshake?.(n)
    })
    // Chat requests and token streams are many small writes: no Nagle delay on the SSH socket.
    client.on('connect', () =>
      (client as unknown as { _sock?: { setNoDelay?: (on: boolean) => void } })._sock?.setNoDelay?.(
        true
      )
    )
    client.on('ready', () => {
      ready = true
      settled = true
      resolve({
        client,
        ...(negotiated ? { negotiated } : {}),
        legacy: negotiated ? legacyUsed(negotiated) : []
      })
    })
    const offers = createOfferLog()
    const classify = (err: Error): AppError => {
      const refused = opts.hostKeyError()
      if (refused) return refused
      const message = String(err?.message ?? '')
      const noMatch = offers.explain(message)
      if (noMatch && noMatch.legacy.length > 0 && !opts.allowLegacy)
        return legacyError(endpoint, noMatch.part, noMatch.legacy, noMatch.offered)
      if (message.includes(sha1SignatureRefused))
        return legacyError(endpoint, 'pubkey', ['ssh-rsa'], [])
      const unanswered = opts.plan.unanswered?.()
      if (unanswered && /authentication methods failed/i.test(message)) {
        return appError(
          'ssh.prompt_unanswered',
          `${endpoint.host}:${endpoint.port} asked "${unanswered}" and no answer was given, so the login stopped`,
          {
            params: { host: endpoint.host, port: endpoint.port, prompt: unanswered }
          }
        )
      }
      return connectError(err, ctx())
    }
    client.on('error', (err: Error) => {
      const error = classify(err)
      firstError ??= error
      if (!ready) failEarly(error)
      else lose(error)
    })
    client.on('close', () => {
      const error =
        firstError ??
        appError(
          'ssh.disconnected',
          `The SSH server ${endpoint.host}:${endpoint.port} closed the connection`,
          { params: { host: endpoint.host, port: endpoint.port } }
        )
      if (!ready) failEarly(error)
      else lose(error)
    })
    const config: ConnectConfig = {
      host: bareHost(endpoint.host),
      port: endpoint.port,
      username: endpoint.username,
      ...(opts.sock ? { sock: opts.sock as unknown as NonNullable<ConnectConfig['sock']> } : {}),
      // ssh2 calls it with (methodsLeft, partialSuccess, next); our plan returns the method directly.
      authHandler: opts.plan.authHandler as unknown as ConnectConfig['authHandler'],
      hostVerifier: (key: Buffer, verify: (ok: boolean) => void) => {
        opts
          .verifyHost(opts.role, endpoint.host, endpoint.port, key)
          .then(verify, () => verify(false))
      },
      readyTimeout: opts.connectSec * 1000,
      keepaliveInterval: opts.keepaliveIntervalSec * 1000,
      keepaliveCountMax: opts.keepaliveCountMax,
      algorithms: algorithmsFor({
        allowLegacy: opts.allowLegacy,
        knownKeyTypes: opts.knownKeyTypes
      }),
      // Always on: the server's offers are read from ssh2's debug lines (createOfferLog).
      debug: (line: string) => {
        offers.debug(line)
        opts.debug?.(line)
      }
    }
    try {
      client.connect(config)
    } catch (error) {
      failEarly(connectError(error, ctx()))
    }
  })
}

/** Open a `direct-tcpip` channel to host:port as seen from the SSH server. Rejects with AppFailure. */
export function forward(
  client: Client,
  host: string,
  port: number,
  sshHost: string
): Promise<ClientChannel> {
  return new Promise((resolve, reject) => {
    try {
      // The originator address is informational for sshd; 127.0.0.1:0 says "a local client".
      client.forwardOut('127.0.0.1', 0, bareHost(host), port, (err, channel) => {
        if (err) reject(new AppFailure(forwardError(err, { host, port }, sshHost)))
        else resolve(ackPromptly(channel))
      })
    } catch (error) {
      // ssh2 throws synchronously when the connection is already gone.
      reject(
        new AppFailure(
          appError('ssh.disconnected', `The SSH connection to ${sshHost} is closed`, {
            params: { host: sshHost, reason: String((error as Error).message) }
          })
        )
      )
    }
  })
}

/** End a client politely, then for sure: resolves when its socket is closed (bounded). */
export function endClient(client: Client, graceMs = 1000): Promise<void> {
  return new Promise((resolve) => {
    const sock = (client as unknown as { _sock?: { destroyed?: boolean } })._sock
    if (!sock || sock.destroyed) return resolve()
    const timer = setTimeout(() => {
      client.destroy()
      resolve()
    }, graceMs)
    client.once('close', () => {
      clearTimeout(timer)
      resolve()
    })
    client.end()
  })
}

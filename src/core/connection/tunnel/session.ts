/**
 * One SSH session of a tunnel: a single long-lived ssh2 `Client` to the SSH host, reached either
 * directly or through a jump host (connect to the jump host, `forwardOut` to the SSH host, and
 * run the second client over that channel, which is what ProxyJump does). Every HTTP request then
 * opens a cheap channel on it; nothing here handshakes per request.
 *
 * The loose ssh2 defaults are never used: the host key is always checked (`hostVerifier`), the
 * handshake is bounded (`readyTimeout`), keepalives are on, and AES-GCM is offered first.
 */
import { getCiphers } from 'node:crypto'
import type { Duplex } from 'node:stream'
import { Client, type CipherAlgorithm, type ClientChannel, type ConnectConfig, type NegotiatedAlgorithms } from 'ssh2'
import { AppFailure, appError, type AppError } from '@shared/errors'
import type { SshEndpoint } from '@shared/profile'
import type { AuthPlan, Role } from './auth'
import { ackPromptly } from './promptAcks'
import { connectError, forwardError, type ConnectContext } from './sshErrors'

/** Our cipher preference with the OpenSSL name that must exist for ssh2 to use it. */
const cipherPreference: Array<[CipherAlgorithm, string]> = [
  // AEAD, and hardware-accelerated almost everywhere: the cheapest per byte of chat stream.
  ['aes128-gcm@openssh.com', 'aes-128-gcm'],
  ['aes256-gcm@openssh.com', 'aes-256-gcm'],
  // Fallbacks for servers configured without GCM.
  ['aes128-ctr', 'aes-128-ctr'],
  ['aes192-ctr', 'aes-192-ctr'],
  ['aes256-ctr', 'aes-256-ctr'],
  ['chacha20-poly1305@openssh.com', 'chacha20']
]

export function cipherList(available: string[] = getCiphers()): CipherAlgorithm[] {
  return cipherPreference.filter(([, ssl]) => available.includes(ssl)).map(([name]) => name)
}

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
  /** Decide about the server's key; resolve false to refuse (the connector then shows a prompt). */
  verifyHost(role: Role, host: string, port: number, key: Buffer): Promise<boolean>
  /** The error to report when `verifyHost` refused (it knows unknown from changed). */
  hostKeyError(): AppError | undefined
  /** Told about the client as soon as it exists, so an attempt can be aborted (close()). */
  register?(client: Client): void
  debug?(message: string): void
}

export interface OpenHop {
  client: Client
  negotiated?: NegotiatedAlgorithms
}

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
    client.on('handshake', (n: NegotiatedAlgorithms) => (negotiated = n))
    // Chat requests and token streams are many small writes: no Nagle delay on the SSH socket.
    client.on('connect', () => (client as unknown as { _sock?: { setNoDelay?: (on: boolean) => void } })._sock?.setNoDelay?.(true))
    client.on('ready', () => {
      ready = true
      settled = true
      resolve({ client, ...(negotiated ? { negotiated } : {}) })
    })
    client.on('error', (err: Error) => {
      const error = opts.hostKeyError() ?? connectError(err, ctx())
      firstError ??= error
      if (!ready) failEarly(error)
      else lose(error)
    })
    client.on('close', () => {
      const error = firstError ?? appError('ssh.disconnected', `The SSH server ${endpoint.host}:${endpoint.port} closed the connection`, { params: { host: endpoint.host, port: endpoint.port } })
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
        opts.verifyHost(opts.role, endpoint.host, endpoint.port, key).then(verify, () => verify(false))
      },
      readyTimeout: opts.connectSec * 1000,
      keepaliveInterval: opts.keepaliveIntervalSec * 1000,
      keepaliveCountMax: opts.keepaliveCountMax,
      algorithms: { cipher: cipherList() },
      ...(opts.debug ? { debug: opts.debug } : {})
    }
    try {
      client.connect(config)
    } catch (error) {
      failEarly(connectError(error, ctx()))
    }
  })
}

/** Open a `direct-tcpip` channel to host:port as seen from the SSH server. Rejects with AppFailure. */
export function forward(client: Client, host: string, port: number, sshHost: string): Promise<ClientChannel> {
  return new Promise((resolve, reject) => {
    try {
      // The originator address is informational for sshd; 127.0.0.1:0 says "a local client".
      client.forwardOut('127.0.0.1', 0, bareHost(host), port, (err, channel) => {
        if (err) reject(new AppFailure(forwardError(err, { host, port }, sshHost)))
        else resolve(ackPromptly(channel))
      })
    } catch (error) {
      // ssh2 throws synchronously when the connection is already gone.
      reject(new AppFailure(appError('ssh.disconnected', `The SSH connection to ${sshHost} is closed`, { params: { host: sshHost, reason: String((error as Error).message) } })))
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

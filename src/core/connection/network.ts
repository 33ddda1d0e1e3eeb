/**
 * How one profile reaches the network: through its proxy or not, and with which TLS trust. The
 * direct connector, the tunnel connector and the doctor all build their sockets here, so the app
 * and its check can never disagree about a proxy or a certificate.
 */
import net from 'node:net'
import type { Duplex } from 'node:stream'
import type { AskUser } from '@shared/connection'
import type { AppError } from '@shared/errors'
import type { Profile } from '@shared/profile'
import { registerSecret, type Logger } from '../logger'
import { getBoundSecret, type SecretStore } from '../secrets'
import { openConnect } from './proxy/connect'
import { proxyFor, type ProxyEndpoint, type ProxyTarget } from './proxy/resolve'
import type { TlsPolicy } from './tls/secure'
import { trustContext } from './tls/trust'

export interface NetworkDeps {
  env: Record<string, string | undefined>
  homeDir: string
  secrets: SecretStore
  /** The OS proxy settings for a URL (Electron's `session.resolveProxy`); absent in the CLI and tests. */
  resolveSystemProxy?(url: string): Promise<string>
  /** Every certificate refused for a profile (so "trust this certificate" knows it was presented). */
  onCertificateRefused?(profileId: string, error: AppError): void
}

/** What opening any connection for a profile needs: the network deps plus logs and the data folder (known_hosts). */
export interface ConnectionEnvironment extends NetworkDeps {
  logger: Logger
  dataDir: string
  /**
   * Show an SSH server's keyboard-interactive questions (a verification code) to the person and
   * return their answers: the app's dialog, the CLI's terminal. Absent = nobody to ask.
   */
  askUser?: AskUser
}

export interface OpenedStream {
  stream: Duplex
  /** The proxy it went through, if any. */
  proxy: ProxyEndpoint | null
}

export interface ProfileNetwork {
  /** The proxy for a target (null = direct). Throws AppFailure for an unusable proxy setting. */
  route(target: ProxyTarget): Promise<ProxyEndpoint | null>
  /** A connected byte stream to host:port: TCP, or a CONNECT tunnel through the proxy. */
  open(target: ProxyTarget, timeoutMs: number, signal?: AbortSignal): Promise<OpenedStream>
  /** The TLS trust for https to host:port. */
  tls(host: string, port: number): TlsPolicy
}

/** A plain TCP connection, resolved once connected; errors are the raw Node errors (mapped by the caller's family). */
export function openTcp(
  host: string,
  port: number,
  timeoutMs: number,
  signal?: AbortSignal
): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: host.replace(/^\[(.*)\]$/, '$1'), port })
    const done = (error?: Error) => {
      clearTimeout(timer)
      signal?.removeEventListener('abort', onAbort)
      socket.removeListener('error', done)
      if (error) {
        socket.destroy()
        reject(error)
      } else resolve(socket)
    }
    const timer = setTimeout(
      () => done(Object.assign(new Error('connect timed out'), { code: 'ETIMEDOUT' })),
      timeoutMs
    )
    const onAbort = () => done(Object.assign(new Error('aborted'), { name: 'AbortError' }))
    signal?.addEventListener('abort', onAbort, { once: true })
    socket.once('connect', () => {
      socket.setNoDelay(true)
      done()
    })
    socket.once('error', done)
  })
}

export function profileNetwork(profile: Profile, deps: NetworkDeps): ProfileNetwork {
  const context = trustContext({ caFile: profile.tls.caFile, homeDir: deps.homeDir, env: deps.env })

  const route = (target: ProxyTarget) =>
    proxyFor(profile.proxy, target, {
      env: deps.env,
      ...(deps.resolveSystemProxy ? { resolveSystemProxy: deps.resolveSystemProxy } : {})
    })

  async function proxyPassword(proxy: ProxyEndpoint): Promise<string | undefined> {
    if (proxy.password !== undefined) {
      registerSecret(proxy.password)
      return proxy.password
    }
    if (proxy.source !== 'manual' || !proxy.username) return undefined
    const stored = await getBoundSecret(deps.secrets, profile, 'proxyPassword')
    if (stored) registerSecret(stored)
    return stored
  }

  return {
    route,
    async open(target, timeoutMs, signal) {
      const proxy = await route(target)
      if (!proxy)
        return { stream: await openTcp(target.host, target.port, timeoutMs, signal), proxy: null }
      const password = await proxyPassword(proxy)
      const stream = await openConnect(proxy, target, {
        timeoutMs,
        ...(password !== undefined ? { password } : {}),
        ...(signal ? { signal } : {})
      })
      return { stream, proxy }
    },
    tls(host, port) {
      return {
        host,
        port,
        context,
        pins: profile.tls.pinnedCertificates,
        onRefused: (error) => deps.onCertificateRefused?.(profile.id, error)
      }
    }
  }
}

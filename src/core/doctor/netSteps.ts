/**
 * The first two steps of every plan: look the name up, then open a TCP connection to it, the same
 * way the real connection will (the OS resolver, the profile's connect timeout). They are
 * parameterised by which host they check (the backend for direct profiles, the SSH server or jump
 * host for tunnels) and by the error family to report in (`backend.*` or `ssh.*`), so the message
 * says which of the two could not be reached.
 */
import { lookup as dnsLookup } from 'node:dns/promises'
import net from 'node:net'
import { AppFailure, appError, type AppError } from '@shared/errors'
import type { DoctorContext, Lookup, StepDef, StepDetail } from './types'

export interface Endpoint {
  host: string
  port: number
  /** `backend`: the HTTP server of a direct profile; `ssh`: the SSH server we connect to first; `proxy`: the HTTP proxy in front of either. */
  family: 'backend' | 'ssh' | 'proxy'
}

const defaultLookup: Lookup = (hostname) => dnsLookup(hostname, { all: true, verbatim: true })

/** `[::1]` → `::1`: URL host names keep IPv6 brackets; the resolver and `net` do not want them. */
export function bareHost(host: string): string {
  return host.replace(/^\[(.*)\]$/, '$1')
}

function withTimeout<T>(promise: Promise<T>, ms: number, onTimeout: () => AppError): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new AppFailure(onTimeout())), ms)
  })
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
}

function dnsError(endpoint: Endpoint, error: unknown): AppError {
  const host = bareHost(endpoint.host)
  const code = (error as NodeJS.ErrnoException)?.code ?? ''
  const why =
    code === 'EAI_AGAIN'
      ? 'the name server did not answer'
      : code === 'ENOTFOUND'
        ? 'no such name'
        : ((error as Error)?.message ?? String(error))
  if (endpoint.family === 'proxy')
    return appError('proxy.dns', `The proxy name ${host} could not be resolved (${why})`, {
      params: { host, proxy: `${host}:${endpoint.port}` }
    })
  return endpoint.family === 'ssh'
    ? appError('ssh.dns', `The SSH server name ${host} could not be resolved (${why})`, {
        params: { host }
      })
    : appError('backend.dns', `The name ${host} could not be resolved (${why})`, {
        params: { host }
      })
}

export function resolveStep(endpointOf: (ctx: DoctorContext) => Endpoint): StepDef {
  return {
    id: 'resolve',
    async run(ctx): Promise<StepDetail> {
      const endpoint = endpointOf(ctx)
      const host = bareHost(endpoint.host)
      if (net.isIP(host)) {
        ctx.addresses = [host]
        return { addresses: host }
      }
      const lookup = ctx.deps.lookup ?? defaultLookup
      let found
      try {
        found = await withTimeout(lookup(host), ctx.connectMs, () =>
          dnsError(endpoint, Object.assign(new Error('timed out'), { code: 'EAI_AGAIN' }))
        )
      } catch (error) {
        throw error instanceof AppFailure ? error : new AppFailure(dnsError(endpoint, error))
      }
      if (found.length === 0)
        throw new AppFailure(
          dnsError(endpoint, Object.assign(new Error('no address'), { code: 'ENOTFOUND' }))
        )
      ctx.addresses = found.map((a) => a.address)
      return { host, addresses: ctx.addresses.join(', ') }
    }
  }
}

export function tcpError(endpoint: Endpoint, error: unknown, connectMs: number): AppError {
  const host = bareHost(endpoint.host)
  const params = { host, port: String(endpoint.port) }
  const code = (error as NodeJS.ErrnoException)?.code
  const seconds = Math.round(connectMs / 1000)
  if (endpoint.family === 'ssh') {
    switch (code) {
      case 'ECONNREFUSED':
        return appError(
          'ssh.refused',
          `Nothing accepts SSH connections at ${host}:${endpoint.port} (is sshd running, is the port right?)`,
          { params }
        )
      case 'ETIMEDOUT':
        return appError(
          'ssh.timeout',
          `Connecting to the SSH server ${host}:${endpoint.port} took longer than ${seconds} s`,
          { params: { ...params, seconds } }
        )
      // Same codes as the tunnel's own errors (sshErrors.ts): `reason` tells unreachable from refused.
      case 'EHOSTUNREACH':
      case 'ENETUNREACH':
      case 'EHOSTDOWN':
      case 'ENETDOWN':
        return appError(
          'ssh.refused',
          `The SSH server ${host} cannot be reached from this computer`,
          { params: { ...params, reason: 'unreachable' } }
        )
      default:
        return appError(
          'ssh.refused',
          `Could not connect to the SSH server ${host}:${endpoint.port}: ${(error as Error)?.message ?? String(error)}`,
          {
            params: { ...params, reason: String(code ?? (error as Error)?.message ?? 'unknown') }
          }
        )
    }
  }
  switch (code) {
    case 'ECONNREFUSED':
      return appError(
        'backend.refused',
        `Nothing accepts connections at ${host}:${endpoint.port}`,
        { params }
      )
    case 'ETIMEDOUT':
      return appError(
        'backend.connect_timeout',
        `Connecting to ${host}:${endpoint.port} took longer than ${seconds} s`,
        { params: { ...params, seconds } }
      )
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'EHOSTDOWN':
    case 'ENETDOWN':
      return appError('backend.unreachable', `${host} cannot be reached from this computer`, {
        params
      })
    default:
      return appError(
        'backend.unreachable',
        `Could not reach ${host}:${endpoint.port}: ${(error as Error)?.message ?? String(error)}`,
        { params }
      )
  }
}

/** Open a TCP connection (then close it): resolves with the address that answered. */
export function probeTcp(
  host: string,
  port: number,
  timeoutMs: number,
  signal?: AbortSignal
): Promise<{ address: string; port: number }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: bareHost(host), port })
    const done = (fn: () => void) => {
      clearTimeout(timer)
      signal?.removeEventListener('abort', onAbort)
      socket.destroy()
      fn()
    }
    const timer = setTimeout(
      () =>
        done(() => reject(Object.assign(new Error('connect timed out'), { code: 'ETIMEDOUT' }))),
      timeoutMs
    )
    const onAbort = () =>
      done(() => reject(Object.assign(new Error('aborted'), { name: 'AbortError' })))
    signal?.addEventListener('abort', onAbort, { once: true })
    socket.once('connect', () =>
      done(() =>
        resolve({ address: socket.remoteAddress ?? host, port: socket.remotePort ?? port })
      )
    )
    socket.once('error', (error) => done(() => reject(error)))
  })
}

export function tcpStep(endpointOf: (ctx: DoctorContext) => Endpoint): StepDef {
  return {
    id: 'tcp',
    async run(ctx) {
      const endpoint = endpointOf(ctx)
      try {
        const { address, port } = await probeTcp(
          endpoint.host,
          endpoint.port,
          ctx.connectMs,
          ctx.opts.signal
        )
        return { address, port }
      } catch (error) {
        if ((error as Error)?.name === 'AbortError')
          throw new AppFailure(appError('backend.aborted', 'The check was stopped'))
        throw new AppFailure(tcpError(endpoint, error, ctx.connectMs))
      }
    }
  }
}

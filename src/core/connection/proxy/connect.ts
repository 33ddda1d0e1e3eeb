/**
 * HTTP CONNECT through a proxy: one request, `CONNECT host:port`, and on `200` the proxy's socket
 * becomes a byte stream to the target. Used for every proxied connection: https (TLS then runs
 * inside it, with our own verification), plain http (so that a buffering proxy cannot hold back a
 * token stream, and requests look exactly as in direct mode), and the SSH connection (ssh2's
 * `sock`).
 *
 * Why not `https-proxy-agent`: it replays a non-200 CONNECT answer (a 407) to the HTTP client as
 * if the backend had sent it, so "the proxy wants a password" would look like a backend error, and
 * it is an HTTP agent, which ssh2 cannot use. This is ~100 lines with precise errors instead.
 */
import http from 'node:http'
import type { Socket } from 'node:net'
import { AppFailure, appError, type AppError } from '@shared/errors'
import type { ProxyEndpoint } from './resolve'

export interface ConnectOptions {
  timeoutMs: number
  /** The password for `proxy.username` (a manual proxy's, from the secret store). */
  password?: string
  signal?: AbortSignal
}

const hostPort = (host: string, port: number) =>
  `${host.includes(':') ? `[${host.replace(/^\[(.*)\]$/, '$1')}]` : host}:${port}`

export function proxyName(proxy: Pick<ProxyEndpoint, 'host' | 'port'>): string {
  return hostPort(proxy.host, proxy.port)
}

function transportError(error: unknown, proxy: ProxyEndpoint, target: string): AppError {
  const err = error as NodeJS.ErrnoException
  const name = proxyName(proxy)
  const params = {
    proxy: name,
    host: proxy.host,
    port: String(proxy.port),
    target,
    source: proxy.source
  }
  switch (err?.code) {
    case 'ECONNREFUSED':
      return appError(
        'proxy.refused',
        `Nothing accepts connections at the proxy ${name} (${proxy.source}): is the proxy address right?`,
        { params }
      )
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return appError(
        'proxy.dns',
        `The proxy name ${proxy.host} (${proxy.source}) could not be resolved`,
        { params }
      )
    case 'ETIMEDOUT':
      return appError('proxy.failed', `The proxy ${name} did not answer in time`, {
        params: { ...params, reason: 'timeout' }
      })
    case 'ECONNRESET':
      return appError('proxy.failed', `The proxy ${name} closed the connection before answering`, {
        params: { ...params, reason: 'reset' }
      })
    default:
      return appError(
        'proxy.failed',
        `Could not use the proxy ${name}: ${err?.message ?? String(error)}`,
        { params: { ...params, reason: String(err?.code ?? err?.message ?? 'unknown') } }
      )
  }
}

export function statusError(
  status: number,
  statusText: string,
  proxy: ProxyEndpoint,
  target: string,
  sentCredentials: boolean,
  authenticate?: string
): AppError {
  const name = proxyName(proxy)
  const params = { proxy: name, target, status, source: proxy.source }
  // 407 is the standard answer; some proxies (tinyproxy) answer 401 to wrong credentials. An
  // answer to CONNECT comes from the proxy itself, so both mean "the proxy wants other credentials".
  if (status === 407 || status === 401) {
    const scheme = (authenticate ?? '').trim().split(/\s+/)[0] ?? ''
    const unsupported = scheme !== '' && !/^basic$/i.test(scheme)
    const why = unsupported
      ? `it asks for ${scheme} sign-in, which the app does not support (only Basic: a user name and password)`
      : sentCredentials
        ? 'it refused the user name and password'
        : 'it wants a user name and password'
    return appError('proxy.auth_required', `The proxy ${name} answered ${status}: ${why}`, {
      params: {
        ...params,
        credentials: sentCredentials ? 'rejected' : 'missing',
        ...(scheme ? { scheme } : {})
      }
    })
  }
  if (status === 403) {
    return appError(
      'proxy.denied',
      `The proxy ${name} does not allow connections to ${target} (403${statusText ? ` ${statusText}` : ''}); some proxies allow CONNECT only to port 443`,
      { params }
    )
  }
  return appError(
    'proxy.failed',
    `The proxy ${name} could not open a connection to ${target} (${status}${statusText ? ` ${statusText}` : ''})`,
    { params: { ...params, reason: 'status' } }
  )
}

/** Open a byte stream to target through the proxy. Rejects with AppFailure `proxy.*`. */
export function openConnect(
  proxy: ProxyEndpoint,
  target: { host: string; port: number },
  opts: ConnectOptions
): Promise<Socket> {
  const authority = hostPort(target.host, target.port)
  const password = opts.password ?? proxy.password ?? ''
  const sentCredentials = proxy.username !== ''
  const headers: Record<string, string> = { host: authority }
  if (sentCredentials)
    headers['proxy-authorization'] =
      `Basic ${Buffer.from(`${proxy.username}:${password}`, 'utf8').toString('base64')}`
  return new Promise((resolve, reject) => {
    let settled = false
    const req = http.request({
      host: proxy.host,
      port: proxy.port,
      method: 'CONNECT',
      path: authority,
      headers,
      agent: false,
      setHost: false
    })
    const done = (error?: AppError, socket?: Socket) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      opts.signal?.removeEventListener('abort', onAbort)
      if (error) {
        req.destroy()
        reject(new AppFailure(error))
      } else resolve(socket as Socket)
    }
    const timer = setTimeout(
      () =>
        done(
          transportError(
            Object.assign(new Error('timed out'), { code: 'ETIMEDOUT' }),
            proxy,
            authority
          )
        ),
      opts.timeoutMs
    )
    const onAbort = () => done(appError('backend.aborted', 'The request was stopped'))
    opts.signal?.addEventListener('abort', onAbort, { once: true })
    const refusal = (res: http.IncomingMessage) =>
      statusError(
        res.statusCode ?? 0,
        res.statusMessage ?? '',
        proxy,
        authority,
        sentCredentials,
        res.headers['proxy-authenticate'] as string | undefined
      )
    req.once('connect', (res: http.IncomingMessage, socket: Socket, head: Buffer) => {
      if (res.statusCode === 200) {
        if (head.length > 0) socket.unshift(head)
        socket.setNoDelay(true)
        done(undefined, socket)
        return
      }
      socket.destroy()
      done(refusal(res))
    })
    // A proxy that answers CONNECT like a normal request (no upgrade) ends up here.
    req.once('response', (res: http.IncomingMessage) => {
      res.resume()
      done(refusal(res))
    })
    req.once('error', (error) => done(transportError(error, proxy, authority)))
    req.end()
  })
}

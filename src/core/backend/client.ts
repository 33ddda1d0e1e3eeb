/**
 * The backend client: sends one HTTP request over a link (direct or tunnel) and streams the reply
 * as text deltas. It owns the three ways a request can end early: the user stops it (the request
 * is destroyed, so the backend sees the connection close), nothing connects within the connect
 * timeout, or the backend goes silent for longer than the idle timeout.
 */
import http, { type IncomingMessage } from 'node:http'
import https from 'node:https'
import type { Socket } from 'node:net'
import { AppFailure, appError, type AppError } from '@shared/errors'
import type { Limits, Profile, ReplyFormat } from '@shared/profile'
import type { Link } from '../connection/link'
import { decodeReply } from './decoders'
import { capReply } from './limits'
import { httpStatusError, transportError } from './errors'
import { joinUrl, type HttpRequestSpec } from './request'

export interface StreamOptions {
  format: ReplyFormat
  field: string
  connectMs: number
  idleMs: number
  signal?: AbortSignal
  onDelta?: (text: string) => void
  /** Largest reply and largest streamed piece (the profile's `limits`; generous defaults). */
  limits?: Limits
}

const maxErrorBody = 64 * 1024

/** Send the request; resolve with the response once its headers arrive (status not yet checked). */
interface OpenResponse {
  res: IncomingMessage
  /** End the request with this error (it wins over the generic "aborted" that follows). */
  cancel: (error: AppError) => void
  /** Restart the idle timer: call on every chunk. */
  idle: () => void
  /** Stop all timers. */
  done: () => void
  /** The first cause of an early end we made ourselves (a timeout, a stop), if any. */
  failure: () => AppError | undefined
}

function openResponse(link: Link, spec: HttpRequestSpec, opts: StreamOptions): Promise<OpenResponse> {
  return new Promise((resolve, reject) => {
    const transport = spec.url.protocol === 'https:' ? https : http
    const req = transport.request(spec.url, {
      method: spec.method,
      headers: spec.body ? { ...spec.headers, 'content-length': Buffer.byteLength(spec.body).toString() } : spec.headers,
      agent: link.agent,
      signal: opts.signal
    })
    let failure: AppError | undefined
    let idleTimer: NodeJS.Timeout | undefined
    const clear = () => {
      clearTimeout(connectTimer)
      clearTimeout(idleTimer)
    }
    const cancel = (error: AppError) => {
      failure ??= error
      clear()
      req.destroy(new AppFailure(error))
    }
    const idle = () => {
      clearTimeout(idleTimer)
      idleTimer = setTimeout(
        () => cancel(appError('backend.idle_timeout', `The backend sent nothing for ${Math.round(opts.idleMs / 1000)} s`, { params: { seconds: Math.round(opts.idleMs / 1000) } })),
        opts.idleMs
      )
    }
    const connectTimer = setTimeout(
      () => cancel(appError('backend.connect_timeout', `Connecting to ${spec.url.host} took longer than ${Math.round(opts.connectMs / 1000)} s`, { params: { host: spec.url.hostname, seconds: Math.round(opts.connectMs / 1000) } })),
      opts.connectMs
    )
    req.on('socket', (socket: Socket) => {
      const connected = () => {
        clearTimeout(connectTimer)
        idle()
      }
      // A reused keep-alive socket (or a tunnel channel) is already connected.
      if ((socket as Socket).connecting) socket.once('connect', connected)
      else connected()
      if (typeof socket.setNoDelay === 'function') socket.setNoDelay(true)
    })
    req.on('response', (res) => {
      idle()
      resolve({ res, cancel, idle, done: clear, failure: () => failure })
    })
    req.on('error', (error) => {
      clear()
      const mapped = failure ?? transportError(error, spec.url, 'connect')
      // Mark resets on a reused keep-alive socket: the caller may safely send once more.
      if (mapped.code === 'backend.reset' && req.reusedSocket) mapped.params = { ...mapped.params, reusedSocket: 1 }
      reject(new AppFailure(mapped))
    })
    req.on('close', clear)
    req.end(spec.body)
  })
}

/**
 * Open the response, once more if a pooled keep-alive socket turned out to be closed by the server
 * in the meantime (the request then never reached it, so sending it again is safe).
 */
async function openWithRetry(link: Link, spec: HttpRequestSpec, opts: StreamOptions): Promise<OpenResponse> {
  try {
    return await openResponse(link, spec, opts)
  } catch (error) {
    if (error instanceof AppFailure && error.error.code === 'backend.reset' && error.error.params?.reusedSocket === 1 && !opts.signal?.aborted) {
      return openResponse(link, spec, opts)
    }
    throw error
  }
}

/** Send a chat request and stream the reply; resolves with the whole text. Throws AppFailure. */
export async function streamChat(link: Link, spec: HttpRequestSpec, opts: StreamOptions): Promise<string> {
  const { res, cancel, idle, done, failure } = await openWithRetry(link, spec, opts)
  try {
    const status = res.statusCode ?? 0
    if (status >= 400 || status < 200) {
      const body = await readCapped(res, maxErrorBody)
      throw new AppFailure(httpStatusError(status, body))
    }
    let text = ''
    const bytes = tapIdle(res, idle)
    for await (const delta of decodeReply(opts.format, opts.field, capReply(bytes, opts.format, opts.limits))) {
      text += delta
      opts.onDelta?.(delta)
    }
    // Only SSE can end before the body does (at `[DONE]`): the reply is complete, so read what
    // is left quietly; a connection that drops now loses nothing the user would see.
    try {
      for await (const rest of bytes) void rest
    } catch {
      // already complete
    }
    return text
  } catch (error) {
    if (error instanceof AppFailure && error.error.code !== 'backend.stream_dropped') throw error
    if (opts.signal?.aborted) throw new AppFailure(appError('backend.aborted', 'The request was stopped'))
    const cause = failure()
    if (cause) throw new AppFailure(cause)
    throw new AppFailure(error instanceof AppFailure ? error.error : transportError(error, spec.url, 'stream'))
  } finally {
    done()
    if (!res.complete) cancel(appError('backend.aborted', 'The request was stopped'))
  }
}

/**
 * The response body, chunk by chunk, restarting the idle timer on each. Not `for await (… of res)`:
 * when a stream is cut, Node destroys the response and its async iterator throws at once, dropping
 * chunks that had already arrived; a user would lose the last words of the partial reply. Here every
 * received chunk is yielded before the error is.
 */
async function* tapIdle(res: IncomingMessage, idle: () => void): AsyncGenerator<Uint8Array> {
  const queue: Buffer[] = []
  let failure: Error | undefined
  let closed = false
  let wake: (() => void) | undefined
  const notify = () => {
    wake?.()
    wake = undefined
  }
  res.on('data', (chunk: Buffer) => {
    queue.push(chunk)
    // Backpressure: a fast server (a 50 MB reply) must not fill memory faster than we decode.
    if (queue.length > 64) res.pause()
    notify()
  })
  res.on('error', (error) => {
    failure = error
    notify()
  })
  res.on('close', () => {
    closed = true
    notify()
  })
  for (;;) {
    const chunk = queue.shift()
    if (chunk) {
      idle()
      if (queue.length < 16 && res.isPaused()) res.resume()
      yield chunk
      continue
    }
    if (failure) throw failure
    if (closed) {
      if (!res.complete) throw Object.assign(new Error('aborted'), { code: 'ECONNRESET' })
      return
    }
    await new Promise<void>((resolve) => (wake = resolve))
  }
}

async function readCapped(res: IncomingMessage, cap: number): Promise<string> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of res) {
    chunks.push(chunk as Buffer)
    size += (chunk as Buffer).length
    if (size > cap) break
  }
  return Buffer.concat(chunks).toString('utf8').slice(0, cap)
}

/** GET /v1/models of an OpenAI-compatible server: the model ids it serves. Throws AppFailure. */
export async function listModels(link: Link, profile: Profile, apiKey: string | undefined): Promise<string[]> {
  const url = joinUrl(link.origin, '/v1/models')
  const headers: Record<string, string> = { accept: 'application/json' }
  for (const h of profile.contract.headers) headers[h.name.toLowerCase()] = h.value
  if (profile.contract.auth === 'bearer' && apiKey) headers.authorization = `Bearer ${apiKey}`
  const timeout = profile.timeouts.connectSec * 1000
  const { res, done } = await openResponse(link, { method: 'GET', url, headers }, { format: 'json', field: '', connectMs: timeout, idleMs: timeout })
  const body = await readCapped(res, 4 * 1024 * 1024)
  done()
  const status = res.statusCode ?? 0
  if (status < 200 || status >= 300) throw new AppFailure(httpStatusError(status, body))
  try {
    const parsed = JSON.parse(body) as { data?: Array<{ id?: unknown }> }
    return (parsed.data ?? []).map((m) => m.id).filter((id): id is string => typeof id === 'string')
  } catch {
    throw new AppFailure(appError('backend.bad_reply', 'The model list is not JSON'))
  }
}

/** GET a small document (a probe of what a server is): its status and up to 1 MiB of body. Throws AppFailure when nothing answers. */
export async function getSmall(link: Link, path: string, timeoutMs: number, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  const url = joinUrl(link.origin, path)
  const { res, done } = await openResponse(link, { method: 'GET', url, headers: { accept: 'application/json', ...headers } }, { format: 'text', field: '', connectMs: timeoutMs, idleMs: timeoutMs })
  try {
    return { status: res.statusCode ?? 0, body: await readCapped(res, 1024 * 1024) }
  } finally {
    done()
  }
}

/** GET the health route: ok when the backend answers 2xx. Never throws. */
export async function checkHealth(link: Link, path: string, timeoutMs: number): Promise<{ ok: boolean; ms: number; status?: number; error?: AppError }> {
  const started = performance.now()
  const url = joinUrl(link.origin, path)
  try {
    const { res, done } = await openResponse(link, { method: 'GET', url, headers: { accept: 'application/json' } }, { format: 'text', field: '', connectMs: timeoutMs, idleMs: timeoutMs })
    const status = res.statusCode ?? 0
    const body = await readCapped(res, maxErrorBody)
    done()
    const ms = performance.now() - started
    if (status >= 200 && status < 300) return { ok: true, ms, status }
    return { ok: false, ms, status, error: httpStatusError(status, body) }
  } catch (error) {
    const ms = performance.now() - started
    return { ok: false, ms, error: error instanceof AppFailure ? error.error : transportError(error, url, 'connect') }
  }
}

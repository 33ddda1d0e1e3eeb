/**
 * The plain HTTP client the core is compared with: `http.request` on a keep-alive agent, the body
 * read to its end. Times are taken with performance.now() around the whole exchange.
 */
import http from 'node:http'
import { now } from './stats'

export interface Timed {
  /** Request start to the end of the body. */
  totalMs: number
  /** Request start to the first body chunk that holds an SSE `data:` line (or any chunk). */
  firstMs: number
  bytes: number
  status: number
}

export function keepAliveAgent(): http.Agent {
  // Node's agent already sets noDelay (TCP_NODELAY) on its sockets.
  return new http.Agent({ keepAlive: true, maxSockets: 16 })
}

/** GET `url` through `agent` and read the body to the end; rejects on error or after `timeoutMs`. */
export function timedGet(
  url: URL,
  agent: http.Agent,
  headers: Record<string, string> = {},
  timeoutMs = 30_000
): Promise<Timed> {
  return new Promise((resolve, reject) => {
    const start = now()
    let firstMs = Number.NaN
    let bytes = 0
    const req = http.request(url, { agent, headers }, (res) => {
      res.on('data', (chunk: Buffer) => {
        if (Number.isNaN(firstMs)) firstMs = now() - start
        bytes += chunk.length
      })
      res.on('end', () => {
        clearTimeout(timer)
        if (!res.complete) reject(new Error(`incomplete response from ${url.pathname}`))
        else resolve({ totalMs: now() - start, firstMs, bytes, status: res.statusCode ?? 0 })
      })
      res.on('error', reject)
    })
    const timer = setTimeout(
      () => req.destroy(new Error(`GET ${url.pathname}: no answer within ${timeoutMs} ms`)),
      timeoutMs
    )
    req.on('error', (error) => {
      clearTimeout(timer)
      reject(error)
    })
    req.end()
  })
}

/**
 * Read an SSE reply and time the first `data:` event that is not `[DONE]` (the first token) and
 * the end; counts the events.
 */
export function timedSse(
  url: URL,
  agent: http.Agent,
  timeoutMs = 60_000
): Promise<{ ttftMs: number; totalMs: number; events: number }> {
  return new Promise((resolve, reject) => {
    const start = now()
    let ttftMs = Number.NaN
    let events = 0
    let carry = ''
    const req = http.request(url, { agent, headers: { accept: 'text/event-stream' } }, (res) => {
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => {
        const text = carry + chunk
        const frames = text.split('\n\n')
        carry = frames.pop() ?? ''
        for (const frame of frames) {
          if (!frame.startsWith('data:') || frame.includes('[DONE]')) continue
          if (events === 0) ttftMs = now() - start
          events++
        }
      })
      res.on('end', () => {
        clearTimeout(timer)
        resolve({ ttftMs, totalMs: now() - start, events })
      })
      res.on('error', reject)
    })
    const timer = setTimeout(
      () => req.destroy(new Error(`SSE ${url.pathname}: not finished within ${timeoutMs} ms`)),
      timeoutMs
    )
    req.on('error', (error) => {
      clearTimeout(timer)
      reject(error)
    })
    req.end()
  })
}

/**
 * A `Transport` for `buildApi` over a WebSocket to the web harness, so the page gets the same
 * `window.api` as the Electron preload builds. Calls made before the socket is open (the app
 * renders right away) wait in a queue; if the socket drops (the harness restarted), calls in
 * flight fail with a clear error, the transport reconnects by itself and queued calls go out then.
 * Only events someone subscribed to (through buildApi, which knows the contract's) are delivered.
 * The socket factory is injected so that this runs under Vitest with a fake socket.
 */
import { appError, type IpcResult } from '../../shared/errors'
import type { EventName, Transport } from '../../shared/ipc/contract'
import type { InvokeMessage, ServerMessage } from './protocol'

/** The part of the browser's WebSocket this transport uses. */
export interface SocketLike {
  readonly readyState: number
  send(data: string): void
  close(code?: number, reason?: string): void
  onopen: ((ev: unknown) => void) | null
  onmessage: ((ev: { data: unknown }) => void) | null
  onclose: ((ev: unknown) => void) | null
  onerror: ((ev: unknown) => void) | null
}

const OPEN = 1

export interface WsTransport extends Transport {
  /** Stop reconnecting and close the socket (tests; a page never needs it). */
  close(): void
}

export function createWsTransport(
  url: string,
  openSocket: (url: string) => SocketLike,
  opts: {
    retryMs?: number
    maxRetryMs?: number
    /** A call waiting this long for a connection fails instead of hanging (the harness is gone). */
    queueTimeoutMs?: number
    setTimer?: (fn: () => void, ms: number) => unknown
    now?: () => number
  } = {}
): WsTransport {
  const setTimer = opts.setTimer ?? ((fn, ms) => setTimeout(fn, ms))
  const firstRetry = opts.retryMs ?? 200
  const maxRetry = opts.maxRetryMs ?? 2000
  const queueTimeout = opts.queueTimeoutMs ?? 15_000
  const now = opts.now ?? Date.now

  let socket: SocketLike | undefined
  let nextId = 1
  let retry = firstRetry
  let closed = false
  const queue: Array<{ message: InvokeMessage; at: number }> = []
  const inFlight = new Map<number, (result: IpcResult<unknown>) => void>()
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>()

  const lost = () =>
    appError(
      'internal',
      'The connection to the app core was lost; it is reconnecting. Try again in a moment.'
    )

  function flush() {
    while (socket && socket.readyState === OPEN && queue.length > 0)
      socket.send(JSON.stringify(queue.shift()?.message))
  }

  function onMessage(data: unknown) {
    let message: ServerMessage
    try {
      message = JSON.parse(String(data)) as ServerMessage
    } catch {
      return
    }
    if (message.type === 'result') {
      const resolve = inFlight.get(message.id)
      inFlight.delete(message.id)
      resolve?.(message.result)
    } else if (message.type === 'event') {
      for (const listener of [...(listeners.get(message.event) ?? [])]) {
        try {
          listener(message.payload)
        } catch (error) {
          // One bad listener must not starve the others (Electron's ipcRenderer behaves the same).
          console.error(error)
        }
      }
    }
  }

  function connect() {
    if (closed) return
    const s = openSocket(url)
    socket = s
    s.onopen = () => {
      retry = firstRetry
      flush()
    }
    s.onmessage = (ev) => onMessage(ev.data)
    s.onerror = () => {
      // onclose follows; reconnecting happens there.
    }
    s.onclose = () => {
      if (socket !== s) return
      socket = undefined
      // Calls already sent may or may not have run in the core: report them failed rather than
      // resend them (a resent chat:send would post the message twice).
      const waiting = new Set(queue.map((q) => q.message.id))
      for (const [id, resolve] of inFlight) {
        if (waiting.has(id)) continue
        inFlight.delete(id)
        resolve({ ok: false, error: lost() })
      }
      // Calls still waiting for a connection give up after a while, so the UI can say so.
      while (queue.length > 0 && now() - (queue[0]?.at ?? 0) > queueTimeout) {
        const expired = queue.shift()
        if (!expired) break
        inFlight.get(expired.message.id)?.({ ok: false, error: lost() })
        inFlight.delete(expired.message.id)
      }
      if (closed) return
      setTimer(connect, retry)
      retry = Math.min(retry * 2, maxRetry)
    }
  }

  connect()

  return {
    invoke(channel, arg) {
      if (closed) return Promise.resolve({ ok: false, error: lost() })
      const id = nextId++
      return new Promise<IpcResult<unknown>>((resolve) => {
        inFlight.set(id, resolve)
        queue.push({ message: { type: 'invoke', id, channel, arg }, at: now() })
        flush()
      })
    },
    subscribe(event, listener) {
      let set = listeners.get(event)
      if (!set) listeners.set(event, (set = new Set()))
      // Wrap so that subscribing the same function twice gives two independent subscriptions.
      const entry = (payload: unknown) => listener(payload)
      set.add(entry)
      return () => void set.delete(entry)
    },
    close() {
      closed = true
      socket?.close(1000)
      for (const [id, resolve] of inFlight) {
        inFlight.delete(id)
        resolve({ ok: false, error: lost() })
      }
      queue.length = 0
    }
  }
}

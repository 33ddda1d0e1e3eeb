import { describe, expect, it } from 'vitest'
import { buildApi } from '../../shared/ipc/buildApi'
import { contractNames } from '../../shared/ipc/channels'
import { createWsTransport, type SocketLike } from './wsTransport'

/** A socket the test opens, answers and drops by hand. */
class FakeSocket implements SocketLike {
  readyState = 0
  sent: Array<Record<string, unknown>> = []
  onopen: ((ev: unknown) => void) | null = null
  onmessage: ((ev: { data: unknown }) => void) | null = null
  onclose: ((ev: unknown) => void) | null = null
  onerror: ((ev: unknown) => void) | null = null
  send(data: string) {
    if (this.readyState !== 1) throw new Error('send before open')
    this.sent.push(JSON.parse(data) as Record<string, unknown>)
  }
  close() {
    this.drop()
  }
  open() {
    this.readyState = 1
    this.onopen?.({})
  }
  drop() {
    this.readyState = 3
    this.onclose?.({})
  }
  receive(message: unknown) {
    this.onmessage?.({ data: JSON.stringify(message) })
  }
}

function setup(opts: { queueTimeoutMs?: number } = {}) {
  const sockets: FakeSocket[] = []
  const timers: Array<() => void> = []
  let clock = 0
  const transport = createWsTransport(
    'ws://127.0.0.1:1/harness-ws',
    () => {
      const s = new FakeSocket()
      sockets.push(s)
      return s
    },
    { setTimer: (fn) => timers.push(fn), now: () => clock, ...opts }
  )
  const last = () => sockets[sockets.length - 1] as FakeSocket
  return {
    transport,
    api: buildApi(transport, contractNames),
    sockets,
    last,
    runTimers: () => timers.splice(0).forEach((t) => t()),
    advance: (ms: number) => (clock += ms)
  }
}

describe('the web harness transport', () => {
  it('queues calls made before the socket opens and sends them once it does', async () => {
    const { api, last } = setup()
    const info = api.app.info()
    const list = api.profiles.list()
    expect(last().sent).toEqual([])
    last().open()
    expect(last().sent.map((m) => m.channel)).toEqual(['app:info', 'profiles:list'])
    const [a, b] = last().sent as Array<{ id: number }>
    last().receive({ type: 'result', id: b?.id, result: { ok: true, data: 'B' } })
    last().receive({ type: 'result', id: a?.id, result: { ok: true, data: 'A' } })
    expect(await info).toEqual({ ok: true, data: 'A' })
    expect(await list).toEqual({ ok: true, data: 'B' })
  })

  it('delivers events to their subscribers only, until they unsubscribe', () => {
    const { api, last } = setup()
    last().open()
    const deltas: unknown[] = []
    const off = api.on('chat:delta', (p) => deltas.push(p))
    last().receive({ type: 'event', event: 'chat:delta', payload: { text: 'a' } })
    last().receive({ type: 'event', event: 'chat:done', payload: {} })
    last().receive({ type: 'event', event: 'not-an-event', payload: {} })
    off()
    last().receive({ type: 'event', event: 'chat:delta', payload: { text: 'b' } })
    expect(deltas).toEqual([{ text: 'a' }])
  })

  it('fails calls in flight when the socket drops, reconnects, and sends later calls', async () => {
    const { api, last, sockets, runTimers } = setup()
    last().open()
    const lost = api.chat.send({ text: 'hello' })
    last().drop()
    expect(await lost).toMatchObject({ ok: false, error: { code: 'internal' } })
    const later = api.profiles.list()
    runTimers()
    expect(sockets).toHaveLength(2)
    last().open()
    const sent = last().sent[0] as { id: number; channel: string }
    expect(sent.channel).toBe('profiles:list')
    last().receive({ type: 'result', id: sent.id, result: { ok: true, data: [] } })
    expect(await later).toEqual({ ok: true, data: [] })
  })

  it('gives up on a queued call when no connection comes for too long', async () => {
    const { api, last, runTimers, advance } = setup({ queueTimeoutMs: 1000 })
    const waiting = api.profiles.list()
    advance(1500)
    last().drop()
    runTimers()
    expect(await waiting).toMatchObject({ ok: false, error: { code: 'internal' } })
  })

  it('ignores malformed frames and events outside the contract', async () => {
    const { api, last } = setup()
    last().open()
    const seen: unknown[] = []
    api.on('chat:delta', (p) => seen.push(p))
    last().onmessage?.({ data: 'not json' })
    last().onmessage?.({
      data: JSON.stringify({ type: 'event', event: 'ELECTRON_BROWSER_REQUIRE', payload: 1 })
    })
    last().onmessage?.({ data: JSON.stringify({ type: 'event', event: 'chat:delta', payload: 2 }) })
    expect(seen).toEqual([2])
  })
})

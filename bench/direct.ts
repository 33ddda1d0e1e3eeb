/**
 * 1. Direct calls: a chat turn through the core versus the same request with plain `http.request`.
 *
 * - plain: GET /api_chat?message=… (Accept: text/event-stream), the body read to its end, on a
 *   keep-alive agent with Nagle off: what the core's backend client sends for the reference
 *   contract, and the least any client can spend.
 * - core: `core.dispatch('chat:send')` (the handler table the renderer's IPC reaches) until the
 *   reply's `chat:done` event: argument validation, the user message and the reply placeholder
 *   persisted (fsync) before the request, the request over the direct connector's agent, SSE
 *   decoding, delta batching, the final save and the event.
 * - lower level, same table: `connection:check` (GET /health through the connector's link) versus
 *   plain GET /health: what the core adds to a request when nothing is persisted.
 *
 * Samples alternate plain / core in blocks of 25, so that load from other processes lands on both alike.
 */
import type { RunningBackend } from '../test/fixtures/backend'
import { referenceContract, startCoreDriver } from './lib/coreDriver'
import { keepAliveAgent, timedGet } from './lib/http'
import { ms, type Report } from './lib/report'
import { alternating, now, progress, summarize } from './lib/stats'

export async function benchDirect(ctx: {
  backend: RunningBackend
  report: Report
  quick: boolean
}): Promise<void> {
  const { backend, report } = ctx
  const samples = ctx.quick ? 300 : 1500
  const perConversation = 50
  const driver = await startCoreDriver({
    name: 'bench direct',
    connection: { kind: 'direct', url: backend.url },
    contract: referenceContract,
    timeouts: { connectSec: 10, idleSec: 60 }
  })
  const agent = keepAliveAgent()
  const chatUrl = new URL('/api_chat?message=ping', backend.url)
  const healthUrl = new URL('/health', backend.url)
  const sse = { accept: 'text/event-stream' }
  try {
    await backend.clearKnobs()
    const plain: number[] = []
    const core: number[] = []
    const ack: number[] = []
    const text: number[] = []
    let conversationId: string | undefined
    let turns = 0
    // A conversation of `perConversation` turns at a time, as people use it; the turn that creates
    // the conversation is not timed.
    const coreTurn = async (timed: boolean) => {
      if (!conversationId || turns >= perConversation) {
        const first = await driver.turn('ping')
        conversationId = first.result.conversation.id
        turns = 1
      }
      const r = await driver.turn('ping', conversationId)
      turns++
      if (timed) {
        core.push(r.doneMs)
        ack.push(r.ackMs)
        text.push(r.textMs)
      }
    }
    progress(`direct: warming up, then ${samples} chat turns each way`)
    for (let i = 0; i < 40; i++) {
      await timedGet(chatUrl, agent, sse)
      await coreTurn(false)
    }
    const [plainMs] = await alternating(
      samples,
      25,
      async () => (await timedGet(chatUrl, agent, sse)).totalMs,
      async () => (await coreTurn(true), 0)
    )
    plain.push(...plainMs)

    const checkSamples = ctx.quick ? 300 : 1500
    const coreCheck = async () => {
      const start = now()
      const res = await driver.core.dispatch('connection:check', undefined)
      const c = now() - start
      if (!res.ok || !(res.data as { ok: boolean }).ok)
        throw new Error(`connection:check failed: ${JSON.stringify(res)}`)
      return c
    }
    const plainHealth = async () => (await timedGet(healthUrl, agent)).totalMs
    await alternating(40, 20, plainHealth, coreCheck)
    const [health, check] = await alternating(checkSamples, 25, plainHealth, coreCheck)

    const p = summarize(plain)
    const c = summarize(core)
    const a = summarize(ack)
    const x = summarize(text)
    const h = summarize(health)
    const k = summarize(check)
    report.set('direct.p50_ms', p.p50)
    report.set('direct.p99_ms', p.p99)
    report.set('core.p50_ms', c.p50)
    report.set('core.p99_ms', c.p99)
    report.set('core.added_p50_ms', c.p50 - p.p50)
    report.set('core.send_ack_p50_ms', a.p50)
    report.set('core.last_delta_p50_ms', x.p50)
    report.set('direct.health_p50_ms', h.p50)
    report.set('direct.health_p99_ms', h.p99)
    report.set('core.check_p50_ms', k.p50)
    report.set('core.check_p99_ms', k.p99)
    const added = c.p50 - p.p50
    const sec = '1 direct'
    report.row({
      section: sec,
      figure: `plain http chat request (n=${p.n}) p50 / p99`,
      value: `${ms(p.p50)} / ${ms(p.p99)}`
    })
    report.row({
      section: sec,
      figure: `core chat:send → chat:done (n=${c.n}) p50 / p99`,
      value: `${ms(c.p50)} / ${ms(c.p99)}`,
      compared: `added p50 ${ms(added)}, p99 ${ms(c.p99 - p.p99)}`,
      goal: { text: '≤ 0.5 ms added at p50', met: added <= 0.5 }
    })
    report.row({
      section: sec,
      figure: '  chat:send resolved (message saved, before the request) p50',
      value: ms(a.p50)
    })
    report.row({
      section: sec,
      figure: '  whole reply text delivered (last chat:delta) p50',
      value: ms(x.p50),
      compared: `added p50 ${ms(x.p50 - p.p50)}`
    })
    report.row({
      section: sec,
      figure: `plain GET /health (n=${h.n}) p50 / p99`,
      value: `${ms(h.p50)} / ${ms(h.p99)}`
    })
    report.row({
      section: sec,
      figure: `core connection:check (same route, nothing saved) p50 / p99`,
      value: `${ms(k.p50)} / ${ms(k.p99)}`,
      compared: `added p50 ${ms(k.p50 - h.p50)}`
    })
  } finally {
    agent.destroy()
    await driver.close()
  }
}

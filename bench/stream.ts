/**
 * 3. Streaming through the core and the bridge into the renderer (the web harness in Chromium:
 * the same core, its events carried over the harness's WebSocket instead of Electron IPC).
 *
 * - Throughput: the backend streams 5,000 SSE tokens as fast as it can (`tokens=5000`,
 *   `delay_ms=0`); the reply is sent from the composer (Enter), and the page counts what the
 *   bridge delivers (`chat:delta` characters) from the first delta to `chat:done`, and when the
 *   final text is painted. The same span is also taken where the core emits the events (the
 *   harness runs in this process), which separates the core from the page. Baseline: the same
 *   stream read with plain http in Node.
 * - Time to first token: `window.api.chat.send` in the page → the first `chat:delta` in the page,
 *   versus request → first SSE `data:` event read directly with http. Both on a short reply. The
 *   core's share (the harness receives `chat:send` → the core emits the first delta) is shown too.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { RunningBackend } from '../test/fixtures/backend'
import { keepAliveAgent, timedSse } from './lib/http'
import { ms, ratio, type Report } from './lib/report'
import { fmt, median, progress, summarize } from './lib/stats'
import {
  composer,
  markCore,
  probe,
  startWebApp,
  waitForProbe,
  waitForStreamDone
} from './lib/webApp'

interface StreamCounts {
  deltas: number
  chars: number
  first: number | null
  done: number | null
  enterAt: number | null
}

export async function benchStream(ctx: {
  backend: RunningBackend
  report: Report
  quick: boolean
}): Promise<void> {
  const { backend, report } = ctx
  const tokens = 5000
  const runs = ctx.quick ? 3 : 7
  const ttftSamples = ctx.quick ? 20 : 80
  const dataDir = mkdtempSync(join(tmpdir(), 'kha-bench-stream-'))
  const agent = keepAliveAgent()
  const app = await startWebApp({ dataDir, backendUrl: backend.url })
  const { page, harness } = app

  const marks = markCore(harness)

  try {
    await backend.clearKnobs()
    // A first turn creates the conversation the measured turns go to.
    await composer(page).fill('warm-up')
    await composer(page).press('Enter')
    await waitForProbe(page, 'replyShows', ['Echo: warm-up'], 15_000)
    const conversationId = await page.evaluate(async () => {
      const api = (
        globalThis as unknown as {
          api: {
            conversations: {
              list(): Promise<{ ok: boolean; data: { summaries: Array<{ id: string }> } }>
            }
          }
        }
      ).api
      const list = await api.conversations.list()
      return list.data.summaries[0]?.id as string
    })

    // Time to first token first, while the conversation is short (each save writes all of it).
    progress(`stream: ${ttftSamples} time-to-first-token samples each way`)
    const appTtft: number[] = []
    const coreTtft: number[] = []
    const directTtft: number[] = []
    const url = new URL('/api_chat?message=ping', backend.url)
    for (let i = 0; i < 10; i++) {
      await timedSse(url, agent)
      await probe(page, 'ttft', conversationId, 'ping')
    }
    while (appTtft.length < ttftSamples) {
      for (let k = 0; k < 5; k++) directTtft.push((await timedSse(url, agent)).ttftMs)
      for (let k = 0; k < 5; k++) {
        const r = await probe<{ ttft: number | null; messageId: string }>(
          page,
          'ttft',
          conversationId,
          'ping'
        )
        if (r.ttft === null) throw new Error('a reply ended without any delta')
        appTtft.push(r.ttft)
        const m = marks.of(r.messageId)
        coreTtft.push(m.firstDelta - m.sendIn)
      }
    }

    progress(`stream: ${runs} × ${tokens} tokens into the page, and the same read directly`)
    const viaApp: number[] = []
    const viaCore: number[] = []
    const paintLag: number[] = []
    const direct: number[] = []
    const expectedTokens = tokens + 2 // "Echo: " and the message word
    // Run -1 is not kept: the first pass through a code path pays for JIT compilation.
    for (let i = -1; i < runs; i++) {
      const keep = i >= 0
      const sse = await timedSse(
        new URL(`/api_chat?message=stream&tokens=${tokens}`, backend.url),
        agent
      )
      if (sse.events !== expectedTokens)
        throw new Error(`direct SSE: ${sse.events} events, expected ${expectedTokens}`)
      if (keep) direct.push(sse.events / ((sse.totalMs - sse.ttftMs) / 1000))

      const word = `stream${i + 1}`
      await backend.setKnobs({ tokens, delay_ms: 0, once: true })
      await probe(page, 'startStream')
      await composer(page).fill(word)
      await composer(page).press('Enter')
      const painted = probe<number>(
        page,
        'whenReplyShows',
        [`Echo: ${word} `, ` w${tokens}`],
        60_000
      )
      painted.catch(() => undefined)
      await waitForStreamDone(page, 60_000)
      const paintedAt = await painted
      const s = await probe<StreamCounts>(page, 'stopStream')
      const expectedChars =
        `Echo: ${word}`.length +
        Array.from({ length: tokens }, (_, k) => ` w${k + 1}`).join('').length
      if (s.chars !== expectedChars)
        throw new Error(`page received ${s.chars} characters, expected ${expectedChars}`)
      if (!keep) continue
      viaApp.push(expectedTokens / (((s.done as number) - (s.first as number)) / 1000))
      paintLag.push(paintedAt - (s.done as number))
      const m = marks.of(marks.lastDone() ?? '')
      viaCore.push(expectedTokens / ((m.done - m.firstDelta) / 1000))
    }

    const tps = median(viaApp)
    const ctps = median(viaCore)
    const dtps = median(direct)
    const a = summarize(appTtft)
    const c = summarize(coreTtft)
    const d = summarize(directTtft)
    const added = a.p50 - d.p50
    report.set('stream.tokens_per_s', tps)
    report.set('stream.core_tokens_per_s', ctps)
    report.set('stream.direct_tokens_per_s', dtps)
    report.set('stream.final_paint_after_done_ms', median(paintLag))
    report.set('stream.ttft_added_ms', added)
    report.set('stream.ttft_p50_ms', a.p50)
    report.set('stream.ttft_p99_ms', a.p99)
    report.set('stream.core_ttft_p50_ms', c.p50)
    report.set('stream.direct_ttft_p50_ms', d.p50)
    const sec = '3 stream'
    report.row({
      section: sec,
      figure: `SSE read directly with http: ${tokens} tokens (median of ${runs})`,
      value: `${fmt(dtps, 0)} tokens/s`
    })
    report.row({
      section: sec,
      figure: 'core: first delta → done, as the core emits them',
      value: `${fmt(ctps, 0)} tokens/s`,
      compared: `${ratio(ctps, dtps)} direct`
    })
    report.row({
      section: sec,
      figure: 'core + bridge into the page: first delta → done',
      value: `${fmt(tps, 0)} tokens/s`,
      compared: `${ratio(tps, dtps)} direct; final text painted ${ms(median(paintLag), 0)} after done`
    })
    report.row({
      section: sec,
      figure: `time to first token, direct SSE (n=${d.n}) p50 / p99`,
      value: `${ms(d.p50)} / ${ms(d.p99)}`
    })
    report.row({
      section: sec,
      figure: `time to first token, window.api → page (n=${a.n}) p50 / p99`,
      value: `${ms(a.p50)} / ${ms(a.p99)}`,
      compared: `added p50 ${ms(added)}`
    })
    report.row({
      section: sec,
      figure: '  of which in the core (chat:send in → first delta out) p50',
      value: ms(c.p50),
      compared: 'includes saving the message before the request'
    })
  } finally {
    marks.stop()
    agent.destroy()
    await app.close()
    rmSync(dataDir, { recursive: true, force: true })
  }
}

/**
 * Sidebar search with 10,000 conversations and 200,000 messages: time to open the store, to build
 * the in-memory index, and per query once it is built. Prints figures; asserts nothing.
 * Run alone: npx tsx bench/search.ts [--conversations N] [--messages-per M]
 * `npm run bench` runs it as its last section (fewer query rounds with --quick).
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { silentLogger } from '../src/core/logger'
import { openConversationStore } from '../src/core/store/conversations'
import { tempDir } from '../test/helpers/tempDir'
import { ms, type Report } from './lib/report'
import { progress, summarize } from './lib/stats'

const words = ['서버', '방화벽', 'tunnel', 'deploy', '회의록', 'backend', '요약', 'latency', '배포', 'keepalive', 'uvicorn', '프록시']

export interface SearchFigures {
  conversations: number
  messages: number
  openMs: number
  rebuildMs: number
  buildMs: number
  query: ReturnType<typeof summarize>
  rssMb: number
}

export async function runSearch(conversations: number, perConversation: number, rounds: number): Promise<SearchFigures> {
  const { dir, cleanup } = tempDir('kha-bench-search-')
  try {
    mkdirSync(join(dir, 'conversations'))
    let seed = 7
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
    const sentence = (n: number) => Array.from({ length: n }, () => words[Math.floor(rand() * words.length)]).join(' ')
    for (let c = 0; c < conversations; c++) {
      const id = `c${c}`
      const messages = Array.from({ length: perConversation }, (_, m) => ({
        id: `${id}-m${m}`,
        role: m % 2 ? 'assistant' : 'user',
        text: sentence(m % 2 ? 30 : 10),
        status: 'done',
        createdAt: c * 100 + m
      }))
      writeFileSync(join(dir, 'conversations', `${id}.json`), JSON.stringify({ id, title: sentence(4), createdAt: c, updatedAt: c, messageCount: messages.length, messages }))
    }
    // The first open writes the summaries index the files lack; the figure is the usual, second open.
    let t = performance.now()
    await openConversationStore(dir, silentLogger)
    const rebuildMs = performance.now() - t
    t = performance.now()
    const store = await openConversationStore(dir, silentLogger)
    const openMs = performance.now() - t
    t = performance.now()
    await store.search('warm-up', 1)
    const buildMs = performance.now() - t
    const queries = ['방화벽', 'KEEPALIVE', '회의록 요약', 'nothing-matches-this', 'tun']
    const times: number[] = []
    for (let round = 0; round < rounds; round++) {
      for (const q of queries) {
        t = performance.now()
        await store.search(q, 50)
        times.push(performance.now() - t)
      }
    }
    return { conversations, messages: conversations * perConversation, openMs, rebuildMs, buildMs, query: summarize(times), rssMb: process.memoryUsage().rss / 2 ** 20 }
  } finally {
    cleanup()
  }
}

export async function benchSearch(ctx: { report: Report; quick: boolean }): Promise<void> {
  progress('search: 10,000 conversations, 200,000 messages')
  const f = await runSearch(10_000, 20, ctx.quick ? 5 : 20)
  const { report } = ctx
  report.set('search.open_store_ms', f.openMs)
  report.set('search.build_index_ms', f.buildMs)
  report.set('search.query_p50_ms', f.query.p50)
  report.set('search.query_p95_ms', f.query.p95)
  const sec = 'issue 6 search'
  report.row({ section: sec, figure: `open the store (${f.conversations} conversations)`, value: ms(f.openMs, 0), compared: `${ms(f.rebuildMs, 0)} when the index must be rebuilt` })
  report.row({ section: sec, figure: `build the message index (${f.messages} messages, once, in the background)`, value: ms(f.buildMs, 0) })
  report.row({ section: sec, figure: `query (n=${f.query.n}) p50 / p95`, value: `${ms(f.query.p50)} / ${ms(f.query.p95)}`, compared: `max ${ms(f.query.max)}` })
}

if (require.main === module) {
  const arg = (name: string, fallback: number) => {
    const i = process.argv.indexOf(name)
    return i > 0 ? Number(process.argv[i + 1]) : fallback
  }
  void runSearch(arg('--conversations', 10_000), arg('--messages-per', 20), 5).then((f) => {
    console.log(`search bench: ${f.conversations} conversations, ${f.messages} messages`)
    console.log(`  open store: ${f.openMs.toFixed(0)} ms (${f.rebuildMs.toFixed(0)} ms when the summaries index must be rebuilt)`)
    console.log(`  build message index (once, in the background after start): ${f.buildMs.toFixed(0)} ms`)
    console.log(`  query p50 ${f.query.p50.toFixed(2)} ms, p95 ${f.query.p95.toFixed(2)} ms, max ${f.query.max.toFixed(2)} ms`)
    console.log(`  main RSS ${f.rssMb.toFixed(0)} MB`)
  })
}

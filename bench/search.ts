/**
 * Sidebar search with 10,000 conversations and 200,000 messages in the history database: the 0.1
 * import that fills it, opening the store (also after a delete and a restart), and per query, with
 * three or more characters (trigram index) and with two Korean syllables (bounded scan). Prints
 * figures; asserts nothing.
 * Run alone: npx tsx bench/search.ts [--conversations N] [--messages-per M]
 * `npm run bench` runs it as its last section (fewer query rounds with --quick).
 */
import { performance } from 'node:perf_hooks'
import { silentLogger } from '../src/core/logger'
import { openConversationStore } from '../src/core/store/conversations'
import { writeLegacyFolder } from '../test/helpers/legacyFolder'
import { tempDir } from '../test/helpers/tempDir'
import { ms, type Report } from './lib/report'
import { topicWords } from './lib/seed'
import { progress, summarize } from './lib/stats'

export interface SearchFigures {
  conversations: number
  messages: number
  /** First open: the 0.1 JSON history imported into the database (once per installation). */
  importMs: number
  openMs: number
  /** Open after deleting one conversation and restarting (the purge of the deleted one included). */
  openAfterDeleteMs: number
  query: ReturnType<typeof summarize>
  query2: ReturnType<typeof summarize>
  rssMb: number
}

export async function runSearch(
  conversations: number,
  perConversation: number,
  rounds: number
): Promise<SearchFigures> {
  const { dir, cleanup } = tempDir('kha-bench-search-')
  try {
    // The history as release 0.1 wrote it: the first open imports it (the upgrade path).
    writeLegacyFolder(dir, { conversations, messagesPer: perConversation, words: topicWords })
    let t = performance.now()
    ;(await openConversationStore(dir, silentLogger)).close()
    const importMs = performance.now() - t
    t = performance.now()
    const store = await openConversationStore(dir, silentLogger)
    const openMs = performance.now() - t
    const queries = ['방화벽', 'KEEPALIVE', '회의록 요약', 'nothing-matches-this', 'tun']
    // Two syllables: below the trigram index, answered by the bounded scan ('결재' matches nothing: the whole bound).
    const shortQueries = ['회의', '배포', '결재', '요약']
    const time = async (list: string[]) => {
      const times: number[] = []
      for (let round = 0; round < rounds; round++) {
        for (const q of list) {
          t = performance.now()
          await store.search(q, 50)
          times.push(performance.now() - t)
        }
      }
      return summarize(times)
    }
    const query = await time(queries)
    const query2 = await time(shortQueries)
    const rssMb = process.memoryUsage().rss / 2 ** 20
    await store.remove('c42')
    store.close()
    // A later session (an hour on, when the deleted one is purged) opens the store.
    t = performance.now()
    const later = await openConversationStore(dir, silentLogger, () => Date.now() + 3_600_000)
    const openAfterDeleteMs = performance.now() - t
    later.close()
    return {
      conversations,
      messages: conversations * perConversation,
      importMs,
      openMs,
      openAfterDeleteMs,
      query,
      query2,
      rssMb
    }
  } finally {
    cleanup()
  }
}

export async function benchSearch(ctx: { report: Report; quick: boolean }): Promise<void> {
  progress('search: 10,000 conversations, 200,000 messages')
  const f = await runSearch(10_000, 20, ctx.quick ? 5 : 20)
  const { report } = ctx
  report.set('search.import_legacy_ms', f.importMs)
  report.set('search.open_store_ms', f.openMs)
  report.set('search.open_store_after_delete_ms', f.openAfterDeleteMs)
  report.set('search.query_p50_ms', f.query.p50)
  report.set('search.query_p95_ms', f.query.p95)
  report.set('search.query_2char_p50_ms', f.query2.p50)
  report.set('search.query_2char_p95_ms', f.query2.p95)
  const sec = 'issue 15 search'
  report.row({
    section: sec,
    figure: `import the 0.1 history (${f.conversations} conversations, ${f.messages} messages, once)`,
    value: ms(f.importMs, 0)
  })
  report.row({
    section: sec,
    figure: 'open the store',
    value: ms(f.openMs, 1),
    compared: `${ms(f.openAfterDeleteMs, 1)} after a delete and a restart`
  })
  report.row({
    section: sec,
    figure: `query, 3+ characters (n=${f.query.n}) p50 / p95`,
    value: `${ms(f.query.p50)} / ${ms(f.query.p95)}`,
    compared: `max ${ms(f.query.max)}`
  })
  report.row({
    section: sec,
    figure: `query, 2 Korean syllables (n=${f.query2.n}) p50 / p95`,
    value: `${ms(f.query2.p50)} / ${ms(f.query2.p95)}`,
    compared: `max ${ms(f.query2.max)}`
  })
}

if (require.main === module) {
  const arg = (name: string, fallback: number) => {
    const i = process.argv.indexOf(name)
    return i > 0 ? Number(process.argv[i + 1]) : fallback
  }
  void runSearch(arg('--conversations', 10_000), arg('--messages-per', 20), 5).then((f) => {
    console.log(`search bench: ${f.conversations} conversations, ${f.messages} messages`)
    console.log(`  import the 0.1 history: ${f.importMs.toFixed(0)} ms`)
    console.log(
      `  open store: ${f.openMs.toFixed(1)} ms (${f.openAfterDeleteMs.toFixed(1)} ms after a delete and a restart)`
    )
    console.log(
      `  query p50 ${f.query.p50.toFixed(2)} ms, p95 ${f.query.p95.toFixed(2)} ms, max ${f.query.max.toFixed(2)} ms`
    )
    console.log(
      `  2-syllable query p50 ${f.query2.p50.toFixed(2)} ms, p95 ${f.query2.p95.toFixed(2)} ms, max ${f.query2.max.toFixed(2)} ms`
    )
    console.log(`  main RSS ${f.rssMb.toFixed(0)} MB`)
  })
}

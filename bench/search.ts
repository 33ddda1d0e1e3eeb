/**
 * Sidebar search with 10,000 conversations and 200,000 messages: time to open the store, to build
 * the in-memory index, and per query once it is built. Prints figures; asserts nothing.
 * Run: npx tsx bench/search.ts [--conversations N] [--messages-per M]
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { silentLogger } from '../src/main/core/logger'
import { openConversationStore } from '../src/main/core/store/conversations'
import { tempDir } from '../test/helpers/tempDir'

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(name)
  return i > 0 ? Number(process.argv[i + 1]) : fallback
}
const conversations = arg('--conversations', 10_000)
const perConversation = arg('--messages-per', 20)

const words = ['서버', '방화벽', 'tunnel', 'deploy', '회의록', 'backend', '요약', 'latency', '배포', 'keepalive', 'uvicorn', '프록시']
async function main() {
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
  for (let round = 0; round < 5; round++) {
    for (const q of queries) {
      t = performance.now()
      await store.search(q, 50)
      times.push(performance.now() - t)
    }
  }
  times.sort((a, b) => a - b)
  const p = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]?.toFixed(2)
  console.log(`search bench: ${conversations} conversations, ${conversations * perConversation} messages`)
  console.log(`  open store: ${openMs.toFixed(0)} ms (${rebuildMs.toFixed(0)} ms when the summaries index must be rebuilt)`)
  console.log(`  build message index (once, in the background after start): ${buildMs.toFixed(0)} ms`)
  console.log(`  query p50 ${p(0.5)} ms, p95 ${p(0.95)} ms, max ${times.at(-1)?.toFixed(2)} ms`)
  console.log(`  main RSS ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MB`)
} finally {
  cleanup()
}
}

void main()

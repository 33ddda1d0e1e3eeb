/**
 * Run by bench/footprint.ts as its own process (bundled by esbuild, `node --expose-gc`), so that
 * the figure is the core's memory and not the benchmark's: a core on a temp data folder, 1,000
 * chat turns against the backend (conversations of 20 turns, eight at a time), then RSS after a
 * full GC.
 * Prints one JSON line: { rssBeforeMb, rssAfterMb, heapUsedAfterMb, turns, seconds }.
 */
import { performance } from 'node:perf_hooks'
import { referenceContract, startCoreDriver } from './lib/coreDriver'

const mb = (bytes: number) => bytes / 2 ** 20

async function settle(): Promise<NodeJS.MemoryUsage> {
  const gc = (globalThis as { gc?: () => void }).gc
  for (let i = 0; i < 3; i++) {
    gc?.()
    await new Promise((r) => setTimeout(r, 50))
  }
  return process.memoryUsage()
}

async function main() {
  const url = process.argv[2]
  const turns = Number(process.argv[3] ?? 1000)
  const perConversation = 20
  if (!url) throw new Error('usage: footprintChild <backend url> [turns]')
  const driver = await startCoreDriver({
    name: 'bench footprint',
    connection: { kind: 'direct', url },
    contract: referenceContract,
    timeouts: { connectSec: 10, idleSec: 60 }
  })
  // One turn first, so the baseline includes the connection and the code paths already loaded.
  await driver.turn('warm-up')
  const before = await settle()
  const started = performance.now()
  // Eight conversations at a time (each one turn after another, as in the app): the same 1,000
  // turns, with the disk writes of different conversations overlapping, so it takes seconds.
  let next = 0
  const worker = async () => {
    let conversationId: string | undefined
    let inConversation = 0
    while (next < turns) {
      const i = next++
      const text = `메시지 ${i}: how far is the deploy? 배포 상태를 알려 주세요.`
      const r = await driver.turn(text, inConversation === 0 ? undefined : conversationId)
      // The test core keeps every event it saw (for tests that look back): that log is the
      // bench's, not the core's, and 1,000 turns of it would count against the core here.
      driver.t.events.length = 0
      conversationId = r.result.conversation.id
      inConversation = (inConversation + 1) % perConversation
    }
  }
  await Promise.all(Array.from({ length: 8 }, worker))
  const seconds = (performance.now() - started) / 1000
  const after = await settle()
  await driver.close()
  process.stdout.write(
    JSON.stringify({
      rssBeforeMb: mb(before.rss),
      rssAfterMb: mb(after.rss),
      heapUsedBeforeMb: mb(before.heapUsed),
      heapUsedAfterMb: mb(after.heapUsed),
      turns,
      seconds,
      gc: typeof (globalThis as { gc?: unknown }).gc === 'function'
    }) + '\n'
  )
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${(error as Error).stack ?? String(error)}\n`)
    process.exit(1)
  }
)

/**
 * The first start after an upgrade from 0.1 with a large history, through the core as every shell
 * starts it: the core answers at once, tells the import's progress (the start-up screen and the
 * CLI show it), history calls wait for the import and then see exactly what the 0.1 files held;
 * a core disposed halfway leaves nothing written and the files where they were.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { LegacyImportProgress } from '../../src/shared/conversation'
import { createLogger, silentLogger } from '../../src/core/logger'
import { BUSY_TIMEOUT_MS, openDatabase } from '../../src/core/store/db'
import { startTestCore, type TestCore } from '../helpers/core'
import { writeLegacyFolder } from '../helpers/legacyFolder'
import { tempDir } from '../helpers/tempDir'

const CONVERSATIONS = 1500
const words = ['서버', '방화벽', 'tunnel', 'deploy', '회의록', 'backend', '요약', '결재']

let data: { dir: string; cleanup(): void }
const cores: TestCore[] = []
beforeEach(() => {
  data = tempDir('kha-import-progress-')
  writeLegacyFolder(data.dir, {
    conversations: CONVERSATIONS,
    messagesPer: 10,
    words,
    deletedEvery: 100
  })
})
afterEach(async () => {
  for (const c of cores.splice(0)) await c.close()
  data.cleanup()
})
const start = async () => {
  const core = await startTestCore({ dataDir: data.dir, healthIntervalMs: 0 })
  cores.push(core)
  return core
}
const progressEvents = (core: TestCore) =>
  core.events
    .filter((e) => e.event === 'conversations:importProgress')
    .map((e) => e.payload as LegacyImportProgress)

describe('the first start after an upgrade from 0.1, with a large history', () => {
  it('answers at once, tells how far the import is, and then holds exactly what the 0.1 files held', async () => {
    const core = await start()
    // Known before the worker has written anything: how many conversations are coming.
    expect(await core.ok('conversations:importProgress')).toMatchObject({
      state: 'conversations',
      total: CONVERSATIONS
    })
    const order: string[] = []
    const list = core.ok('conversations:list').then((r) => (order.push('list'), r))
    const profiles = core.ok('profiles:list').then((r) => {
      order.push('profiles')
      // Answered while the import still runs: it has not said it is done.
      expect(progressEvents(core).some((p) => p.state === 'done')).toBe(false)
      return r
    })
    await core.next('conversations:importProgress', (p) => p.state === 'done', 120_000)
    expect((await profiles).profiles).toEqual([])
    const { summaries } = await list
    expect(order).toEqual(['profiles', 'list'])

    // Progress in order: conversations counted up to the total, then the search index, then done.
    const told = progressEvents(core)
    const states = told.map((p) => p.state).filter((s, i, all) => s !== all[i - 1])
    expect(states).toEqual(['conversations', 'search', 'done'])
    const counts = told.filter((p) => p.state === 'conversations').map((p) => p.done)
    expect(counts).toEqual([...counts].sort((a, b) => a - b))
    expect(counts.filter((n) => n > 0 && n < CONVERSATIONS).length).toBeGreaterThan(10)
    expect(counts.at(-1)).toBe(CONVERSATIONS)
    // The search index is built in slices, and told as it goes: the bar fills again.
    const indexed = told.filter((p) => p.state === 'search').map((p) => p.done)
    expect(indexed).toEqual([...indexed].sort((a, b) => a - b))
    expect(indexed.length).toBeGreaterThan(10)
    expect(indexed.at(-1)).toBe(CONVERSATIONS)
    expect(told.every((p) => p.total === CONVERSATIONS)).toBe(true)
    expect(await core.ok('conversations:importProgress')).toEqual({
      state: 'done',
      done: CONVERSATIONS,
      total: CONVERSATIONS
    })

    // Every conversation that was not deleted, with its messages as the file has them.
    const legacy = readdirSync(data.dir).find((f) => f.startsWith('legacy-0.1-'))!
    const folder = join(data.dir, legacy, 'conversations')
    const files = readdirSync(folder)
    const deleted = new Set(files.filter((f) => f.endsWith('.deleted')).map((f) => f.slice(0, -8)))
    const kept = files
      .filter((f) => f.endsWith('.json'))
      .map((f) => f.slice(0, -5))
      .filter((id) => !deleted.has(id))
    expect(summaries.map((s) => s.id).sort()).toEqual(kept.sort())
    for (const id of ['c1', 'c777', `c${CONVERSATIONS - 1}`]) {
      const file = JSON.parse(readFileSync(join(folder, `${id}.json`), 'utf8')) as {
        title: string
        messages: Array<{ id: string; role: string; text: string; status: string }>
      }
      const got = await core.ok('conversations:get', { id })
      expect(got.title).toBe(file.title)
      expect(got.messages.map((m) => [m.id, m.role, m.text, m.status])).toEqual(
        file.messages.map((m) => [m.id, m.role, m.text, m.status])
      )
    }
    const hits = await core.ok('conversations:search', { query: '방화벽', limit: 500 })
    expect(hits.length).toBe(500)
    expect(hits.every((h) => !deleted.has(h.conversationId))).toBe(true)
  }, 120_000)

  it('disposed halfway, it writes nothing and keeps the files; the next start imports everything', async () => {
    const first = await start()
    await first.next(
      'conversations:importProgress',
      (p) => p.state === 'conversations' && p.done > 0,
      120_000
    )
    await first.close()
    cores.splice(cores.indexOf(first), 1)
    expect(
      readdirSync(join(data.dir, 'conversations')).filter((f) => f.endsWith('.json'))
    ).toHaveLength(CONVERSATIONS)
    const db = new DatabaseSync(join(data.dir, 'history.sqlite'), { readOnly: true })
    try {
      expect(db.prepare('SELECT count(*) AS n FROM messages').get()).toEqual({ n: 0 })
      expect(
        db.prepare("SELECT count(*) AS n FROM meta WHERE key = 'legacy_import'").get()
      ).toEqual({ n: 0 })
    } finally {
      db.close()
    }

    const again = await start()
    const { summaries } = await again.ok('conversations:list')
    expect(summaries).toHaveLength(CONVERSATIONS - CONVERSATIONS / 100)
    expect(existsSync(join(data.dir, 'conversations'))).toBe(false)
  }, 120_000)

  it('waits for another process that holds the write lock (its own import), answering meanwhile, then imports', async () => {
    // The database as any start leaves it, then another connection takes the write lock.
    openDatabase(data.dir, silentLogger).db.close()
    const other = new DatabaseSync(join(data.dir, 'history.sqlite'), { timeout: 1000 })
    other.exec('BEGIN IMMEDIATE')
    let released = false
    try {
      const lines: string[] = []
      const core = await startTestCore({
        dataDir: data.dir,
        healthIntervalMs: 0,
        logger: createLogger((line) => lines.push(line))
      })
      cores.push(core)
      // Held longer than a connection's busy timeout (after which a plain BEGIN IMMEDIATE fails),
      // while the core goes on answering.
      const before = Date.now()
      while (Date.now() - before < BUSY_TIMEOUT_MS + 1000) {
        await core.ok('profiles:list')
        await new Promise((next) => setTimeout(next, 100))
      }
      expect(await core.ok('conversations:importProgress')).toEqual({
        state: 'conversations',
        done: 0,
        total: CONVERSATIONS
      })
      const list = core.ok('conversations:list')
      other.exec('ROLLBACK')
      released = true
      expect((await list).summaries).toHaveLength(CONVERSATIONS - CONVERSATIONS / 100)
      // The worker waited: it neither failed nor handed over to the main thread.
      expect(progressEvents(core).map((p) => p.state)).not.toContain('failed')
      expect(lines.filter((l) => l.includes('the import worker failed'))).toEqual([])
    } finally {
      if (!released) other.exec('ROLLBACK')
      other.close()
    }
  }, 120_000)
})

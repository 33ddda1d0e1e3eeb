/**
 * Upgrade from 0.1 on a data folder 0.1 itself wrote (test/fixtures/v0.1-data): everything kept,
 * deleted stays deleted, an unreadable file kept byte for byte and reported, old files moved to a
 * dated folder, and a second start (or one after an interrupted move) imports nothing twice.
 */
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createLogger, silentLogger } from '../../src/core/logger'
import { openConversationStore, type ConversationStore } from '../../src/core/store/conversations'
import { openDatabase } from '../../src/core/store/db'
import { importLegacyHistory, LegacyImportStopped } from '../../src/core/store/legacyImport'
import { shortGrams } from '../../src/core/store/shortGrams'
import { writeLegacyFolder } from '../helpers/legacyFolder'
import { tempDir } from '../helpers/tempDir'

const fixture = resolve(__dirname, '../fixtures/v0.1-data')
const ids = {
  korean: '51168b3c-235d-4687-b398-9198e14a28ef',
  failed: '7113a911-55cb-4e14-bcab-ca04a3f48d84',
  stopped: 'b8440c78-5af7-414b-a219-a38336c366a0',
  deleted: '5619c64d-4cde-4802-b577-fd84ee984ea5'
}

let data: { dir: string; cleanup(): void }
const stores: ConversationStore[] = []
beforeEach(() => {
  data = tempDir('kha-upgrade-')
  cpSync(fixture, data.dir, {
    recursive: true,
    filter: (src) => !src.endsWith('.md') && !src.endsWith('.txt')
  })
})
afterEach(() => {
  for (const s of stores.splice(0)) s.close()
  data.cleanup()
})
const open = async (logger = silentLogger) => {
  const s = await openConversationStore(data.dir, logger)
  stores.push(s)
  return s
}

describe('upgrade from 0.1', () => {
  it('imports every conversation, message, status and error; deleted stays deleted; old files go to a dated folder', async () => {
    const garbage = Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x00, 0x0a])
    writeFileSync(join(data.dir, 'conversations', 'broken.json'), garbage)
    const original = JSON.parse(
      readFileSync(join(fixture, 'conversations', `${ids.failed}.json`), 'utf8')
    ) as { messages: Array<{ id: string; text: string; status: string }> }

    const lines: string[] = []
    const s = await open(createLogger((line) => lines.push(line)))
    // Done by the import worker (the main thread's event loop stays free), not the fallback.
    expect(lines.filter((l) => l.includes('on this thread'))).toEqual([])
    expect(lines.some((l) => l.includes('imported the 0.1 conversation history'))).toBe(true)
    expect(
      s
        .list()
        .map((c) => c.id)
        .sort()
    ).toEqual([ids.korean, ids.failed, ids.stopped].sort())
    expect(s.list().find((c) => c.id === ids.korean)?.title).toBe('주간 회의 안건')

    const failed = await s.get(ids.failed)
    expect(failed.messages.map((m) => [m.id, m.text, m.status])).toEqual(
      original.messages.map((m) => [m.id, m.text, m.status])
    )
    expect(failed.messages[3]).toMatchObject({
      status: 'failed',
      error: { code: 'backend.http_status' }
    })
    expect(failed.messages[3]?.parentId).toBe(failed.messages[2]?.id)
    const stopped = await s.get(ids.stopped)
    expect(stopped.messages[1]).toMatchObject({ status: 'stopped' })
    expect(stopped.messages[1]?.text).not.toBe('')
    expect((await s.search('결재', 10)).map((h) => h.conversationId)).toEqual([ids.korean])
    expect(await s.search('점심 메뉴', 10)).toEqual([])

    // The unreadable file, byte for byte, reported; the rest moved to legacy-0.1-<date>/.
    expect(s.recovered()).toHaveLength(1)
    expect(readFileSync(s.recovered()[0]!)).toEqual(garbage)
    const legacy = readdirSync(data.dir).find((f) => /^legacy-0\.1-\d{4}-\d\d-\d\d$/.test(f))!
    expect(legacy).toBeTruthy()
    expect(readdirSync(join(data.dir, legacy, 'conversations')).sort()).toEqual(
      readdirSync(join(fixture, 'conversations')).sort()
    )
    expect(existsSync(join(data.dir, legacy, 'conversations.json'))).toBe(true)
    expect(existsSync(join(data.dir, 'conversations'))).toBe(false)
    expect(readFileSync(join(data.dir, 'profiles.json'), 'utf8')).toBe(
      readFileSync(join(fixture, 'profiles.json'), 'utf8')
    )
  })

  it('never imports twice, even when a start stopped after the import but before the files were moved', async () => {
    const first = await open()
    const before = first.list()
    first.close()
    // As if the previous start had died right after its commit: the old files are back in place.
    cpSync(join(fixture, 'conversations'), join(data.dir, 'conversations'), { recursive: true })
    const again = await open()
    expect(again.list()).toEqual(before)
    expect((await again.get(ids.korean)).messages).toHaveLength(4)
    expect(existsSync(join(data.dir, 'conversations'))).toBe(false)
  })
})

describe('the import builds its search indexes once, after its rows', () => {
  // A generated 0.1 folder only (not the fixture's four).
  beforeEach(() => rmSync(join(data.dir, 'conversations'), { recursive: true }))
  const words = [
    '서버',
    '방화벽',
    'tunnel',
    'deploy',
    '회의록',
    'backend',
    '요약',
    '결재',
    'AI',
    '배포'
  ]

  it('finds exactly what rows written one by one through the triggers find, in the same order', async () => {
    writeLegacyFolder(data.dir, { conversations: 120, messagesPer: 9, words, deletedEvery: 17 })
    const imported = await open()
    const db = new DatabaseSync(join(data.dir, 'history.sqlite'))
    try {
      // The trigram index holds exactly the messages' text (FTS5 compares it with the table).
      db.exec("INSERT INTO messages_fts (messages_fts, rank) VALUES ('integrity-check', 1)")
      // The pair index: every message's grams, as the insert trigger would have written them.
      db.exec(
        "CREATE VIRTUAL TABLE temp.short_terms USING fts5vocab (main, 'messages_short', 'instance')"
      )
      const terms = new Map<number, Set<string>>()
      for (const r of db.prepare('SELECT doc, term FROM temp.short_terms').all() as Array<{
        doc: number
        term: string
      }>)
        (terms.get(r.doc) ?? terms.set(r.doc, new Set()).get(r.doc)!).add(r.term)
      const rows = db.prepare('SELECT seq, text, attachments_text FROM messages').all() as Array<{
        seq: number
        text: string
        attachments_text: string | null
      }>
      expect(rows.length).toBe(120 * 9)
      for (const r of rows)
        expect([...(terms.get(r.seq) ?? [])].sort()).toEqual(
          shortGrams(`${r.text}\n${r.attachments_text ?? ''}`)
            .split(' ')
            .sort()
        )
      // The triggers are back, as the migrations wrote them.
      const fresh = tempDir('kha-fresh-')
      const schema = (d: DatabaseSync) =>
        d.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' ORDER BY name").all()
      try {
        const { db: freshDb } = openDatabase(fresh.dir, silentLogger)
        expect(schema(db)).toEqual(schema(freshDb))
        freshDb.close()
      } finally {
        fresh.cleanup()
      }

      // The same conversations written through the triggers (a backup's import), in the same order.
      const order = (
        db
          .prepare(
            'SELECT conversation_id AS id FROM messages GROUP BY conversation_id ORDER BY min(seq)'
          )
          .all() as Array<{ id: string }>
      ).map((r) => r.id)
      const other = tempDir('kha-by-row-')
      const byRow = await openConversationStore(other.dir, silentLogger)
      try {
        const shown = new Set(imported.list().map((c) => c.id))
        const list = await Promise.all(
          order.filter((id) => shown.has(id)).map((id) => imported.getAll(id))
        )
        expect(byRow.importConversations(list).imported).toBe(shown.size)
        for (const q of [
          '방화벽',
          'tunnel deploy',
          '회의록 요약',
          'TUNNEL',
          '결재',
          '배포',
          'AI',
          '서',
          'nothing'
        ])
          expect(await imported.search(q, 500), q).toEqual(await byRow.search(q, 500))
        expect((await imported.search('방화벽', 500)).length).toBeGreaterThan(20)
      } finally {
        byRow.close()
        other.cleanup()
      }
    } finally {
      db.close()
    }
  })

  it('stopped halfway, it leaves nothing: no rows, the triggers in place, the 0.1 files where they were', () => {
    writeLegacyFolder(data.dir, { conversations: 50, messagesPer: 4 })
    const files = readdirSync(join(data.dir, 'conversations')).sort()
    const { db } = openDatabase(data.dir, silentLogger)
    try {
      const seen: string[] = []
      let asked = 0
      expect(() =>
        importLegacyHistory(db, data.dir, silentLogger, Date.now, {
          onProgress: (p) => seen.push(`${p.state} ${p.done}/${p.total}`),
          shouldStop: () => ++asked > 30
        })
      ).toThrow(LegacyImportStopped)
      expect(seen[0]).toBe('conversations 0/50')
      expect(db.prepare('SELECT count(*) AS n FROM messages').get()).toEqual({ n: 0 })
      expect(db.prepare('SELECT count(*) AS n FROM meta').get()).toEqual({ n: 0 })
      expect(
        db
          .prepare(
            "SELECT count(*) AS n FROM sqlite_schema WHERE type = 'trigger' AND name LIKE '%_insert'"
          )
          .get()
      ).toEqual({ n: 2 })
      expect(readdirSync(join(data.dir, 'conversations')).sort()).toEqual(files)

      // The next attempt imports everything, and says so as it goes.
      seen.length = 0
      expect(
        importLegacyHistory(db, data.dir, silentLogger, Date.now, {
          onProgress: (p) => seen.push(`${p.state} ${p.done}/${p.total}`)
        }).imported
      ).toBe(50)
      expect(seen).toContain('conversations 50/50')
      expect(seen.filter((p) => p.startsWith('search')).length).toBeGreaterThan(10)
      expect(seen.at(-1)).toBe('search 50/50')
      expect(db.prepare('SELECT count(*) AS n FROM messages').get()).toEqual({ n: 200 })
    } finally {
      db.close()
    }
  })
})

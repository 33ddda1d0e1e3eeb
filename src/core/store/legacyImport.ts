/**
 * Upgrade from release 0.1, which kept history as JSON: `conversations/<id>.json` (one file per
 * conversation, messages as a list), `conversations.json` (an index of summaries, a cache of the
 * files) and `conversations/<id>.deleted` (deleted, purged at the next start).
 *
 * Every conversation is imported in one transaction, with its messages (text, status, error) as a
 * chain of parent ids; a deleted one stays deleted; a reply that was streaming when 0.1 stopped is
 * marked stopped (failed when empty), as 0.1 itself did on open. The same transaction records that
 * the import happened. Only after it commits are the old files moved, all of them, to
 * `legacy-0.1-<date>/` in the data folder; a file that does not parse goes to its `unreadable/`
 * folder, byte for byte, and is reported. Nothing is deleted.
 *
 * Interrupted before the commit (or stopped: `shouldStop`), nothing was written and the next start
 * imports again; interrupted after it, the next start only finishes moving the files.
 *
 * Speed (docs/PERFORMANCE.md, `search.import_legacy_ms`): the rows go in through prepared
 * statements reused for every row, and the two full-text indexes are built once over all of them at
 * the end (`bulkIndexes`), not row by row through their triggers: FTS5 writes its pending terms out
 * at the end of every statement, so 200,000 trigger inserts make 200,000 tiny index segments to
 * merge (about five sixths of the time before).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmdirSync } from 'node:fs'
import { join } from 'node:path'
import type { DatabaseSync } from 'node:sqlite'
import { randomUUID } from 'node:crypto'
import { titleFromMessage, type LegacyImportProgress } from '@shared/conversation'
import type { Logger } from '../logger'
import { BUSY_TIMEOUT_MS, inTransaction, isBusy } from './db'

const STATUSES = new Set(['done', 'streaming', 'stopped', 'failed'])

interface LegacyMessage {
  id?: unknown
  role?: unknown
  text?: unknown
  status?: unknown
  createdAt?: unknown
  error?: unknown
}

interface LegacyConversation {
  id: string
  title: string
  createdAt: number
  updatedAt: number
  messages: LegacyMessage[]
}

function parseConversation(text: string, fileId: string): LegacyConversation {
  const raw = JSON.parse(text) as Partial<LegacyConversation>
  if (!raw || typeof raw !== 'object' || !Array.isArray(raw.messages))
    throw new Error('not a conversation')
  const messages = raw.messages.filter((m): m is LegacyMessage => !!m && typeof m === 'object')
  const at = (v: unknown, fallback: number) =>
    typeof v === 'number' && Number.isFinite(v) ? v : fallback
  const createdAt = at(raw.createdAt, Date.now())
  return {
    id: typeof raw.id === 'string' && raw.id ? raw.id : fileId,
    title: typeof raw.title === 'string' ? raw.title : '',
    createdAt,
    updatedAt: at(raw.updatedAt, createdAt),
    messages
  }
}

export interface LegacyImportResult {
  imported: number
  /** Where files that did not parse now are. */
  unreadable: string[]
  /** The folder the 0.1 files were moved to, when there were any. */
  movedTo?: string
}

function dated(now: number): string {
  return `legacy-0.1-${new Date(now).toISOString().slice(0, 10)}`
}

/** What the import tells as it goes, and how it is told to stop. */
export interface LegacyImportHooks {
  /** Called at each phase, and after every hundredth of the conversations is written. */
  onProgress?: (progress: LegacyImportProgress) => void
  /** Asked between conversations and between phases: true rolls the import back (nothing is written) and throws. */
  shouldStop?: () => boolean
  /**
   * How long to wait for another connection's write to end before starting (another process
   * importing the same folder at the same moment: its import is then found done). Beyond the
   * connection's own busy timeout; `shouldStop` is asked at each of its turns. Default: none.
   */
  waitForWriterMs?: number
}

export class LegacyImportStopped extends Error {
  constructor() {
    super('the 0.1 import was stopped before it finished; nothing was written')
  }
}

/**
 * The messages table's insert triggers that keep the two full-text indexes (migrations.ts 1 and
 * 3), each with the statement that does the same for many rows at once. The import drops them
 * inside its transaction, writes its rows, runs these over the new rows and puts the triggers back
 * exactly as they were (their own SQL from sqlite_schema): other connections never see them gone.
 * Keep in step with the triggers; legacyImport.test.ts compares the result with rows written
 * through the triggers.
 */
const bulkIndexes: Record<string, string> = {
  messages_fts_insert:
    'INSERT INTO messages_fts (rowid, text, attachments_text) SELECT seq, text, attachments_text FROM messages WHERE seq > ? AND seq <= ?',
  messages_short_insert:
    'INSERT INTO messages_short (rowid, grams) SELECT seq, short_grams(text, attachments_text) FROM messages WHERE seq > ? AND seq <= ?'
}

/**
 * Each index is filled in this many slices of the new rows: a few statements, so still a few
 * segments to merge, and between them the import can tell how far it is and look at its stop flag.
 */
const INDEX_SLICES = 20

function withIndexesBuiltAfter<T>(
  db: DatabaseSync,
  write: () => T,
  /** The share of the index work done, 0 when it starts, 1 when it ends. */
  indexed: (share: number) => void,
  stopIfAsked: () => void
): T {
  const triggers = db
    .prepare(
      `SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = 'messages' AND name IN (${Object.keys(
        bulkIndexes
      )
        .map(() => '?')
        .join(', ')})`
    )
    .all(...Object.keys(bulkIndexes)) as Array<{ name: string; sql: string }>
  const lastSeq = () =>
    Number(
      (db.prepare('SELECT coalesce(max(seq), 0) AS seq FROM messages').get() as { seq: number }).seq
    )
  const before = lastSeq()
  for (const t of triggers) db.exec(`DROP TRIGGER ${t.name}`)
  const result = write()
  const after = lastSeq()
  const slice = Math.max(1, Math.ceil((after - before) / INDEX_SLICES))
  const steps = triggers.length * Math.ceil((after - before) / slice)
  let done = 0
  indexed(0)
  for (const t of triggers) {
    const fill = db.prepare(bulkIndexes[t.name]!)
    for (let from = before; from < after; from += slice) {
      stopIfAsked()
      fill.run(from, Math.min(from + slice, after))
      indexed(++done / steps)
    }
    db.exec(t.sql)
  }
  return result
}

/** `immediate` (db.ts), but willing to wait `waitForWriterMs` for the write lock, stoppable meanwhile. */
function importTransaction<T>(db: DatabaseSync, hooks: LegacyImportHooks, work: () => T): T {
  const deadline = Date.now() + (hooks.waitForWriterMs ?? 0)
  for (;;) {
    try {
      db.exec('BEGIN IMMEDIATE')
      break
    } catch (error) {
      if (!isBusy(error) || Date.now() >= deadline) throw error
      if (hooks.shouldStop?.()) throw new LegacyImportStopped()
    }
  }
  return inTransaction(db, work)
}

export function importLegacyHistory(
  db: DatabaseSync,
  dataDir: string,
  logger: Logger,
  now: () => number = Date.now,
  hooks: LegacyImportHooks = {}
): LegacyImportResult {
  const dir = join(dataDir, 'conversations')
  const index = join(dataDir, 'conversations.json')
  if (!existsSync(dir) && !existsSync(index)) return { imported: 0, unreadable: [] }
  const files = existsSync(dir) ? readdirSync(dir) : []
  const conversationFiles = files.filter((f) => f.endsWith('.json'))
  const total = conversationFiles.length
  const tell = (state: LegacyImportProgress['state'], done: number) =>
    hooks.onProgress?.({ state, done, total })

  const stopIfAsked = () => {
    if (hooks.shouldStop?.()) throw new LegacyImportStopped()
  }
  const getMeta = db.prepare("SELECT value FROM meta WHERE key = 'legacy_import'")
  const unreadableIds: string[] = []
  let imported = 0
  // One transaction of possibly hundreds of thousands of rows: a page cache big enough to hold
  // its index pages keeps SQLite from spilling them to the WAL over and over.
  db.exec('PRAGMA cache_size = -131072')
  const target = importTransaction(db, hooks, () => {
    const done = getMeta.get() as { value: string } | undefined
    if (done) return done.value
    return withIndexesBuiltAfter(
      db,
      () => writeRows(),
      // `done` counts conversations here too, in proportion: the bar goes on filling.
      (share) => tell('search', Math.floor(total * share)),
      stopIfAsked
    )
  })

  function writeRows(): string {
    const t = now()
    const insertConversation = db.prepare(
      'INSERT OR IGNORE INTO conversations (id, title, created_at, updated_at, deleted_at, leaf_id, path_length) VALUES (?, ?, ?, ?, ?, ?, ?)'
    )
    const insertMessage = db.prepare(
      'INSERT INTO messages (id, conversation_id, parent_id, depth, role, text, status, error, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)'
    )
    const messageExists = db.prepare('SELECT 1 FROM messages WHERE id = ?')
    const deleted = new Set(
      files.filter((f) => f.endsWith('.deleted')).map((f) => f.slice(0, -'.deleted'.length))
    )
    let written = 0
    // A hundred steps at most, whatever the size: enough for a progress bar, few enough events.
    const step = Math.max(1, Math.ceil(total / 100))
    tell('conversations', 0)
    for (const f of conversationFiles) {
      stopIfAsked()
      if (written > 0 && written % step === 0) tell('conversations', written)
      written++
      const fileId = f.slice(0, -'.json'.length)
      let c: LegacyConversation
      try {
        c = parseConversation(readFileSync(join(dir, f), 'utf8'), fileId)
      } catch {
        unreadableIds.push(f)
        continue
      }
      let parent: string | null = null
      let depth = 0
      const rows: unknown[][] = []
      for (const m of c.messages) {
        if (m.role !== 'user' && m.role !== 'assistant') continue
        let id = typeof m.id === 'string' && m.id ? m.id : randomUUID()
        if (messageExists.get(id)) id = randomUUID()
        let status = typeof m.status === 'string' && STATUSES.has(m.status) ? m.status : 'done'
        const text = typeof m.text === 'string' ? m.text : ''
        if (status === 'streaming') status = text ? 'stopped' : 'failed'
        depth++
        rows.push([
          id,
          c.id,
          parent,
          depth,
          m.role,
          text,
          status,
          m.error ? JSON.stringify(m.error) : null,
          typeof m.createdAt === 'number' ? m.createdAt : c.createdAt
        ])
        parent = id
      }
      const firstUser = c.messages.find((m) => m.role === 'user' && typeof m.text === 'string')
      const title = c.title || (firstUser ? titleFromMessage(firstUser.text as string) : '')
      const isDeleted = deleted.has(fileId) || deleted.has(c.id)
      if (
        insertConversation.run(
          c.id,
          title,
          c.createdAt,
          c.updatedAt,
          isDeleted ? t : null,
          parent,
          depth
        ).changes === 0
      )
        continue
      for (const r of rows) insertMessage.run(...(r as Parameters<typeof insertMessage.run>))
      imported++
    }
    tell('conversations', written)
    const folder = dated(t)
    db.prepare("INSERT INTO meta (key, value) VALUES ('legacy_import', ?)").run(folder)
    return folder
  }

  db.exec('PRAGMA cache_size = -2000')
  // The worker waits for another writer in short turns (importWorker.ts); the checkpoint below
  // may wait for readers as every connection does.
  db.exec(`PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS}`)
  // Copy the import's WAL back now, in the import's own time (its worker), not on the main
  // thread's first checkpoint; TRUNCATE leaves no large WAL file behind.
  if (imported) db.prepare('PRAGMA wal_checkpoint(TRUNCATE)').get()
  // Committed: move the 0.1 files out of the way (also finishes a move an earlier start began).
  const base = join(dataDir, target)
  const unreadable: string[] = []
  mkdirSync(join(base, 'conversations'), { recursive: true, mode: 0o700 })
  if (unreadableIds.length) mkdirSync(join(base, 'unreadable'), { recursive: true, mode: 0o700 })
  const move = (from: string, to: string) => {
    try {
      renameSync(from, to)
    } catch (error) {
      // Another process opening the folder at the same moment moved it first.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
    }
  }
  for (const f of existsSync(dir) ? readdirSync(dir) : []) {
    const to = unreadableIds.includes(f)
      ? join(base, 'unreadable', f)
      : join(base, 'conversations', f)
    move(join(dir, f), to)
    if (unreadableIds.includes(f)) unreadable.push(to)
  }
  if (existsSync(index)) move(index, join(base, 'conversations.json'))
  try {
    // Only ever an empty folder (everything in it was moved above).
    if (existsSync(dir) && readdirSync(dir).length === 0) rmdirSync(dir)
  } catch {
    // Left in place: an empty folder is harmless.
  }
  if (imported || unreadable.length)
    logger.info('imported the 0.1 conversation history', { imported, unreadable, movedTo: base })
  for (const u of unreadable)
    logger.error('a 0.1 conversation file could not be read; kept unchanged', { movedTo: u })
  return { imported, unreadable, movedTo: base }
}

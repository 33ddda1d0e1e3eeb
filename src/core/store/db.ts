/**
 * The history database: one SQLite file in the data folder (`history.sqlite`), opened through
 * Node's built-in `node:sqlite`, so there is no native module to rebuild for Electron.
 *
 * - WAL: readers never block the writer, and several processes (the app, the CLI, the harness)
 *   can use one folder at once. Write transactions are `BEGIN IMMEDIATE`, so two processes never
 *   both read-then-write on a stale view; the busy timeout makes the second wait instead of fail.
 * - `synchronous = NORMAL`: a commit is durable against a crash of the app (the WAL is in the OS's
 *   hands), but a power cut may lose the last commits since the WAL was last synced; the file is
 *   never corrupted by it. FULL would fsync on every commit, which is most of a chat turn's cost.
 *   docs/STORAGE.md spells out what can be lost.
 * - Numbered forward migrations (`PRAGMA user_version`): each runs in its own transaction; a
 *   database from a newer release is refused, never downgraded.
 * - A file that is not a database (or is corrupt at open) is moved aside, byte for byte, with its
 *   WAL, reported, and a fresh one is created. Nothing else in the folder is touched.
 */
import { chmodSync, existsSync, mkdirSync, renameSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { fail } from '@shared/errors'
import type { Logger } from '../logger'
import { migrations } from './migrations'
import { shortGrams } from './shortGrams'

export const DB_FILE = 'history.sqlite'
export const BUSY_TIMEOUT_MS = 5000

export interface OpenedDb {
  db: DatabaseSync
  file: string
  /** Where a database that could not be opened was moved (to tell the user), if any. */
  movedAside?: string
}

function isCorruption(error: unknown): boolean {
  const e = error as { code?: string; errcode?: number; message?: string }
  // SQLITE_CORRUPT (11) and SQLITE_NOTADB (26), primary codes (extended codes keep the low byte).
  const primary = typeof e.errcode === 'number' ? e.errcode & 0xff : undefined
  return (
    primary === 11 || primary === 26 || /file is not a database|malformed/i.test(e.message ?? '')
  )
}

function configure(db: DatabaseSync): void {
  // Used by the short-query index's triggers (migration 3): every connection that writes needs it.
  db.function('short_grams', { deterministic: true }, (text, attachments) =>
    shortGrams(`${String(text ?? '')}\n${String(attachments ?? '')}`)
  )
  // journal_mode is the first statement that reads the file: a non-database fails here.
  db.exec('PRAGMA journal_mode = WAL')
  db.exec('PRAGMA synchronous = NORMAL')
  db.exec('PRAGMA foreign_keys = ON')
  db.exec(`PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS}`)
  // Header and schema are read too, so a file with a good header but a broken schema fails now.
  db.prepare('SELECT count(*) FROM sqlite_schema').get()
}

export function migrate(db: DatabaseSync): void {
  const current = Number(
    (db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version
  )
  if (current > migrations.length) {
    fail(
      'store.too_new',
      `The history database was written by a newer release (schema ${current}; this one knows ${migrations.length}). Update the app.`
    )
  }
  for (let v = current; v < migrations.length; v++) {
    immediate(db, () => {
      // Re-read under the write lock: another process may have migrated meanwhile.
      const now = Number(
        (db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version
      )
      if (now > v) return
      migrations[v]!(db)
      db.exec(`PRAGMA user_version = ${v + 1}`)
    })
  }
}

/** The user's conversations: readable by the owner only (SQLite creates it with the umask). */
function ownerOnly(file: string): void {
  if (process.platform !== 'win32' && (statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600)
}

/** Open (or create) the database in `dataDir`, moving a corrupt file aside. */
export function openDatabase(
  dataDir: string,
  logger: Logger,
  now: () => number = Date.now
): OpenedDb {
  const file = join(dataDir, DB_FILE)
  mkdirSync(dataDir, { recursive: true, mode: 0o700 })
  let db = new DatabaseSync(file, { timeout: BUSY_TIMEOUT_MS })
  try {
    configure(db)
    migrate(db)
    ownerOnly(file)
    return { db, file }
  } catch (error) {
    db.close()
    if (!isCorruption(error)) throw error
    const movedAside = `${file}.corrupt-${now()}`
    renameSync(file, movedAside)
    for (const suffix of ['-wal', '-shm']) {
      if (existsSync(file + suffix)) renameSync(file + suffix, movedAside + suffix)
    }
    logger.error('the history database could not be read; moved aside and a new one created', {
      movedTo: movedAside,
      error
    })
    db = new DatabaseSync(file, { timeout: BUSY_TIMEOUT_MS })
    configure(db)
    migrate(db)
    ownerOnly(file)
    return { db, file, movedAside }
  }
}

/**
 * Run `work` in a write transaction taken up front (BEGIN IMMEDIATE): its reads see the latest
 * committed state and nobody else can write until it commits. Synchronous, so nothing else in this
 * process runs in between either.
 */
export function immediate<T>(db: DatabaseSync, work: () => T): T {
  db.exec('BEGIN IMMEDIATE')
  try {
    const result = work()
    db.exec('COMMIT')
    return result
  } catch (error) {
    if (db.isTransaction) db.exec('ROLLBACK')
    throw error
  }
}

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
 * - Checkpoints (copying the WAL back into the file, with its fsyncs) run on a timer after writes
 *   (`keepWal`), never inside a commit: SQLite's automatic checkpoint would run them inside
 *   whichever commit crosses its threshold, a user's send included.
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
/** WAL pages after which `keepWal` copies them back: SQLite's own automatic checkpoint threshold. */
export const CHECKPOINT_PAGES = 1000
/** How long after a write `keepWal` looks at the WAL. */
export const CHECKPOINT_DELAY_MS = 1000

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
  // Checkpoints are keepWal's (or, for a connection without one, SQLite's at close).
  db.exec('PRAGMA wal_autocheckpoint = 0')
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

const transactions = new WeakMap<
  DatabaseSync,
  { begin: ReturnType<DatabaseSync['prepare']>; commit: ReturnType<DatabaseSync['prepare']> }
>()

/** BEGIN IMMEDIATE and COMMIT prepared once per connection (two per chat turn, each parsed anew otherwise). */
function transactionStatements(db: DatabaseSync) {
  let tx = transactions.get(db)
  if (!tx) {
    tx = { begin: db.prepare('BEGIN IMMEDIATE'), commit: db.prepare('COMMIT') }
    transactions.set(db, tx)
  }
  return tx
}

/**
 * Run `work` in a write transaction taken up front (BEGIN IMMEDIATE): its reads see the latest
 * committed state and nobody else can write until it commits. Synchronous, so nothing else in this
 * process runs in between either.
 */
export function immediate<T>(db: DatabaseSync, work: () => T): T {
  transactionStatements(db).begin.run()
  return inTransaction(db, work)
}

/** `work` in the write transaction just begun: committed, or rolled back when it throws. */
export function inTransaction<T>(db: DatabaseSync, work: () => T): T {
  try {
    const result = work()
    transactionStatements(db).commit.run()
    return result
  } catch (error) {
    if (db.isTransaction) db.exec('ROLLBACK')
    throw error
  }
}

export interface WalKeeper {
  /** A write was committed: look at the WAL a little later (at most one pending look). */
  wrote(): void
  /** Look now (what the timer runs). */
  tick(): void
  close(): void
}

interface CheckpointState {
  busy: number
  log: number
  checkpointed: number
}

/**
 * Keeps the WAL's two costly moments out of commits, so a send never waits on an fsync:
 *
 * - the checkpoint (copy the WAL's pages back into the file, syncing both), once the WAL holds
 *   CHECKPOINT_PAGES not yet copied: SQLite would do it inside the commit that crosses the
 *   threshold, which may be a send's;
 * - the restart: after a complete checkpoint the next writer starts the WAL over and syncs its new
 *   header. Here a small write (`meta.wal_restarted_at`) takes that turn, so the next commit just
 *   appends.
 *
 * Both run `delayMs` after a write, on this thread (the store is synchronous); neither waits for
 * another process: a checkpoint that readers hold back, or a write lock held elsewhere, is tried
 * again after the next write. Durability is unchanged: a checkpoint syncs the WAL first, as SQLite's
 * own does.
 */
export function keepWal(
  db: DatabaseSync,
  logger: Logger,
  delayMs: number = CHECKPOINT_DELAY_MS
): WalKeeper {
  const noop = db.prepare('PRAGMA wal_checkpoint(NOOP)')
  const passive = db.prepare('PRAGMA wal_checkpoint(PASSIVE)')
  const restarted = db.prepare(
    "INSERT INTO meta (key, value) VALUES ('wal_restarted_at', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value"
  )
  let timer: NodeJS.Timeout | undefined
  const tick = () => {
    clearTimeout(timer)
    timer = undefined
    if (!db.isOpen || db.isTransaction) return
    try {
      let state = noop.get() as unknown as CheckpointState
      if (state.log - state.checkpointed >= CHECKPOINT_PAGES)
        state = passive.get() as unknown as CheckpointState
      if (state.busy === 0 && state.log === state.checkpointed) restart()
    } catch (error) {
      logger.warn('could not checkpoint the history database; trying after the next write', {
        error
      })
    }
  }
  const restart = () => {
    // Never wait here for another process's write lock: it will restart the WAL itself.
    db.exec('PRAGMA busy_timeout = 0')
    try {
      immediate(db, () => restarted.run(String(Date.now())))
    } catch (error) {
      if (!isBusy(error)) throw error
    } finally {
      db.exec(`PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS}`)
    }
  }
  return {
    wrote() {
      if (timer) return
      timer = setTimeout(tick, delayMs)
      timer.unref()
    },
    tick,
    close() {
      clearTimeout(timer)
      timer = undefined
    }
  }
}

export function isBusy(error: unknown): boolean {
  const e = error as { errcode?: number; message?: string }
  // SQLITE_BUSY (5) and SQLITE_LOCKED (6), primary codes.
  const primary = typeof e.errcode === 'number' ? e.errcode & 0xff : undefined
  return primary === 5 || primary === 6 || /database is (locked|busy)/i.test(e.message ?? '')
}

import { join } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { tempDir } from '../../../test/helpers/tempDir'
import { silentLogger } from '../logger'
import { CHECKPOINT_PAGES, DB_FILE, keepWal, openDatabase, type WalKeeper } from './db'

let dir: string
let cleanup: () => void
const closing: Array<{ close(): void }> = []
beforeEach(() => ({ dir, cleanup } = tempDir()))
afterEach(() => {
  for (const c of closing.splice(0).reverse()) c.close()
  cleanup()
})

function open(): { db: DatabaseSync; wal: WalKeeper } {
  const { db } = openDatabase(dir, silentLogger)
  // A delay no test waits for: the tests call tick() where the timer would.
  const wal = keepWal(db, silentLogger, 3_600_000)
  closing.push(db, wal)
  return { db, wal }
}

/** The WAL as SQLite sees it, without touching it. */
function walState(db: DatabaseSync) {
  return db.prepare('PRAGMA wal_checkpoint(NOOP)').get() as {
    busy: number
    log: number
    checkpointed: number
  }
}

/** More pages than a checkpoint waits for, in one commit. */
function fill(db: DatabaseSync) {
  db.exec('CREATE TABLE IF NOT EXISTS filler (b BLOB)')
  db.exec('BEGIN')
  const insert = db.prepare('INSERT INTO filler VALUES (randomblob(4000))')
  for (let i = 0; i < CHECKPOINT_PAGES + 100; i++) insert.run()
  db.exec('COMMIT')
}

const restartedAt = (db: DatabaseSync) =>
  db.prepare("SELECT value FROM meta WHERE key = 'wal_restarted_at'").get()

describe('the WAL keeper (checkpoints outside commits)', () => {
  it('leaves a commit that crosses the threshold alone, then checkpoints and starts the WAL over on its own', () => {
    const { db, wal } = open()
    fill(db)
    // SQLite's automatic checkpoint would have copied these pages back inside that commit.
    const before = walState(db)
    expect(before.log).toBeGreaterThan(CHECKPOINT_PAGES)
    expect(before.checkpointed).toBe(0)

    wal.tick()
    // Copied back, and the WAL started over with the keeper's own small write.
    const after = walState(db)
    expect(after.log).toBeLessThan(10)
    expect(restartedAt(db)).toBeDefined()
    // The next commit appends to the started WAL instead of starting it over itself.
    db.exec('INSERT INTO filler VALUES (randomblob(100))')
    expect(walState(db).log).toBeGreaterThan(after.log)
    // Everything is still there, read back through another connection.
    const other = new DatabaseSync(join(dir, DB_FILE))
    closing.push(other)
    expect(other.prepare('SELECT count(*) AS n FROM filler').get()).toEqual({
      n: CHECKPOINT_PAGES + 101
    })
  })

  it('does not checkpoint a small WAL', () => {
    const { db, wal } = open()
    wal.tick() // the fresh WAL is started over once
    db.exec("INSERT INTO meta (key, value) VALUES ('a', 'b')")
    const before = walState(db)
    wal.tick()
    expect(walState(db)).toEqual(before)
    expect(before.checkpointed).toBe(0)
  })

  it('does not wait for another connection that holds the write lock', () => {
    const { db, wal } = open()
    fill(db)
    const other = new DatabaseSync(join(dir, DB_FILE), { timeout: 5000 })
    closing.push(other)
    other.exec('BEGIN IMMEDIATE')
    try {
      wal.tick()
      // The pages were copied back; starting the WAL over is left to the writer holding the lock.
      const state = walState(db)
      expect(state.checkpointed).toBe(state.log)
      expect(restartedAt(db)).toBeUndefined()
    } finally {
      other.exec('ROLLBACK')
    }
  })
})

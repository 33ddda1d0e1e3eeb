/**
 * The 0.1 import's worker thread (importLegacy.ts starts it): with a large 0.1 history the import
 * is seconds to a minute of SQLite work, which on the main process's event loop would freeze the
 * window, IPC and the tunnel's keepalives. It opens its own connection to the database (WAL lets
 * the main thread's stay open), imports, posts its progress as it goes and then one outcome. The
 * parent stops it through a shared flag, read between conversations: the transaction rolls back.
 */
import { parentPort, workerData } from 'node:worker_threads'
import { silentLogger } from '../logger'
import { openDatabase } from './db'
import type { ImportWorkerData, ImportWorkerMessage } from './importLegacy'
import { importLegacyHistory, LegacyImportStopped } from './legacyImport'

const LOCK_TURN_MS = 200
const WAIT_FOR_WRITER_MS = 10 * 60_000

const port = parentPort
if (!port) throw new Error('importWorker.ts runs only as a worker thread')
const { dataDir, now, stop } = workerData as ImportWorkerData
const flag = new Int32Array(stop)
const post = (message: ImportWorkerMessage) => port.postMessage(message)
try {
  const { db } = openDatabase(dataDir, silentLogger)
  // Another process importing the same folder at this moment (the app and the CLI started
  // together) holds the write lock for its whole import: wait for it, in short turns that look at
  // the stop flag, instead of failing after the usual 5 s. Its import is then found done.
  db.exec(`PRAGMA busy_timeout = ${LOCK_TURN_MS}`)
  try {
    const result = importLegacyHistory(db, dataDir, silentLogger, () => now, {
      onProgress: (progress) => post({ type: 'progress', progress }),
      shouldStop: () => Atomics.load(flag, 0) === 1,
      waitForWriterMs: WAIT_FOR_WRITER_MS
    })
    post({ type: 'done', result })
  } finally {
    db.close()
  }
} catch (error) {
  if (error instanceof LegacyImportStopped) post({ type: 'stopped' })
  else
    post({
      type: 'failed',
      message: error instanceof Error ? (error.stack ?? error.message) : String(error)
    })
}

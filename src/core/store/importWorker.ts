/**
 * The 0.1 import's worker thread (importLegacy.ts starts it): with a large 0.1 history the import
 * is a minute of SQLite work, which on the main process's event loop would freeze the window, IPC
 * and the tunnel's keepalives. It opens its own connection to the database (WAL lets the main
 * thread's stay open), imports, and answers once.
 */
import { parentPort, workerData } from 'node:worker_threads'
import { silentLogger } from '../logger'
import { openDatabase } from './db'
import { importLegacyHistory, type LegacyImportResult } from './legacyImport'

const port = parentPort
if (!port) throw new Error('importWorker.ts runs only as a worker thread')
const { dataDir, now } = workerData as { dataDir: string; now: number }
try {
  const { db } = openDatabase(dataDir, silentLogger)
  const result: LegacyImportResult = importLegacyHistory(db, dataDir, silentLogger, () => now)
  db.close()
  port.postMessage({ ok: true, result })
} catch (error) {
  port.postMessage({
    ok: false,
    message: error instanceof Error ? (error.stack ?? error.message) : String(error)
  })
}

/**
 * Run the 0.1 import (legacyImport.ts) off the main thread when there is anything to import.
 *
 * Where the worker's code is: in the built app, `importWorker.js` next to the bundled main
 * (electron.vite.config.ts builds it as an entry of main, like the attachment worker); from source
 * (tsx: the CLI, the web harness, the bench; Vitest), importWorker.ts through tsx's require hook.
 */
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join, resolve } from 'node:path'
import type { DatabaseSync } from 'node:sqlite'
import { Worker } from 'node:worker_threads'
import type { Logger } from '../logger'
import { importLegacyHistory, type LegacyImportResult } from './legacyImport'

function spawnImportWorker(workerData: unknown): Worker {
  const built = join(__dirname, 'importWorker.js')
  if (existsSync(built)) return new Worker(built, { workerData })
  const source = resolve(__dirname, 'importWorker.ts')
  const requireHere = createRequire(__filename)
  const tsx = requireHere.resolve('tsx/cjs/api')
  const tsconfig = resolve(__dirname, '../../../tsconfig.node.json')
  const code = `process.env.TSX_TSCONFIG_PATH = ${JSON.stringify(tsconfig)}; require(${JSON.stringify(tsx)}).register(); require(${JSON.stringify(source)})`
  return new Worker(code, { eval: true, workerData })
}

export function hasLegacyHistory(dataDir: string): boolean {
  return (
    existsSync(join(dataDir, 'conversations')) || existsSync(join(dataDir, 'conversations.json'))
  )
}

export async function importLegacyInBackground(
  db: DatabaseSync,
  dataDir: string,
  logger: Logger,
  now: () => number
): Promise<LegacyImportResult> {
  if (!hasLegacyHistory(dataDir)) return { imported: 0, unreadable: [] }
  let worker: Worker
  try {
    worker = spawnImportWorker({ dataDir, now: now() })
  } catch (error) {
    logger.warn('the import worker could not start; importing on this thread', { error })
    return importLegacyHistory(db, dataDir, logger, now)
  }
  const reply = await new Promise<
    { ok: true; result: LegacyImportResult } | { ok: false; message: string }
  >((resolvePromise) => {
    worker.once('message', resolvePromise)
    worker.once('error', (error) => resolvePromise({ ok: false, message: error.message }))
    worker.once('exit', (code) =>
      resolvePromise({ ok: false, message: `the import worker exited (${code})` })
    )
  })
  void worker.terminate()
  if (!reply.ok) {
    // Nothing was committed by a failed worker (one transaction): this thread tries once more.
    logger.warn('the import worker failed; importing on this thread', { message: reply.message })
    return importLegacyHistory(db, dataDir, logger, now)
  }
  const { imported, unreadable, movedTo } = reply.result
  if (imported || unreadable.length)
    logger.info('imported the 0.1 conversation history', { imported, unreadable, movedTo })
  for (const u of unreadable)
    logger.error('a 0.1 conversation file could not be read; kept unchanged', { movedTo: u })
  return reply.result
}

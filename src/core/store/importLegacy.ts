/**
 * Run the 0.1 import (legacyImport.ts) off the main thread when there is anything to import,
 * telling its progress as it goes.
 *
 * Where the worker's code is: in the built app, `importWorker.js` next to the bundled main
 * (electron.vite.config.ts builds it as an entry of main, like the attachment worker); from source
 * (tsx: the CLI, the web harness, the bench; Vitest), importWorker.ts through tsx's require hook.
 */
import { existsSync, readdirSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join, resolve } from 'node:path'
import type { DatabaseSync } from 'node:sqlite'
import { Worker } from 'node:worker_threads'
import type { LegacyImportProgress } from '@shared/conversation'
import type { Logger } from '../logger'
import { importLegacyHistory, LegacyImportStopped, type LegacyImportResult } from './legacyImport'

/** What the worker posts: progress as it goes, then one outcome. */
export type ImportWorkerMessage =
  | { type: 'progress'; progress: LegacyImportProgress }
  | { type: 'done'; result: LegacyImportResult }
  | { type: 'stopped' }
  | { type: 'failed'; message: string }

export interface ImportWorkerData {
  dataDir: string
  now: number
  /** One Int32: set to 1 to stop the import between two conversations (it rolls back). */
  stop: SharedArrayBuffer
}

function spawnImportWorker(workerData: ImportWorkerData): Worker {
  const built = join(__dirname, 'importWorker.js')
  if (existsSync(built)) return new Worker(built, { workerData })
  const source = resolve(__dirname, 'importWorker.ts')
  const requireHere = createRequire(__filename)
  const tsx = requireHere.resolve('tsx/cjs/api')
  const tsconfig = resolve(__dirname, '../../../tsconfig.node.json')
  const code = `process.env.TSX_TSCONFIG_PATH = ${JSON.stringify(tsconfig)}; require(${JSON.stringify(tsx)}).register(); require(${JSON.stringify(source)})`
  return new Worker(code, { eval: true, workerData })
}

function legacyConversationCount(dataDir: string): number {
  const dir = join(dataDir, 'conversations')
  return existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.json')).length : 0
}

export function hasLegacyHistory(dataDir: string): boolean {
  return (
    existsSync(join(dataDir, 'conversations')) || existsSync(join(dataDir, 'conversations.json'))
  )
}

export interface BackgroundImportOptions {
  onProgress?: (progress: LegacyImportProgress) => void
  /** Aborted: the import stops between two conversations, rolls back and throws LegacyImportStopped. */
  signal?: AbortSignal
}

export async function importLegacyInBackground(
  db: DatabaseSync,
  dataDir: string,
  logger: Logger,
  now: () => number,
  opts: BackgroundImportOptions = {}
): Promise<LegacyImportResult> {
  if (!hasLegacyHistory(dataDir)) return { imported: 0, unreadable: [] }
  if (opts.signal?.aborted) throw new LegacyImportStopped()
  // Said at once, before the worker has started: whoever asks meanwhile learns what is coming.
  opts.onProgress?.({ state: 'conversations', done: 0, total: legacyConversationCount(dataDir) })
  const onThisThread = () =>
    importLegacyHistory(db, dataDir, logger, now, {
      ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
      shouldStop: () => opts.signal?.aborted === true
    })
  const stop = new SharedArrayBuffer(4)
  let worker: Worker
  try {
    worker = spawnImportWorker({ dataDir, now: now(), stop })
  } catch (error) {
    logger.warn('the import worker could not start; importing on this thread', { error })
    return onThisThread()
  }
  const flag = new Int32Array(stop)
  const onAbort = () => Atomics.store(flag, 0, 1)
  opts.signal?.addEventListener('abort', onAbort, { once: true })
  const reply = await new Promise<Exclude<ImportWorkerMessage, { type: 'progress' }>>(
    (resolvePromise) => {
      worker.on('message', (message: ImportWorkerMessage) => {
        if (message.type === 'progress') opts.onProgress?.(message.progress)
        else resolvePromise(message)
      })
      worker.once('error', (error) => resolvePromise({ type: 'failed', message: error.message }))
      worker.once('exit', (code) =>
        resolvePromise({ type: 'failed', message: `the import worker exited (${code})` })
      )
    }
  )
  opts.signal?.removeEventListener('abort', onAbort)
  // It has rolled back or committed and closed its connection: nothing of it is left to wait for.
  void worker.terminate()
  if (reply.type === 'stopped') throw new LegacyImportStopped()
  if (reply.type === 'failed') {
    if (opts.signal?.aborted) throw new LegacyImportStopped()
    // Nothing was committed by a failed worker (one transaction): this thread tries once more.
    logger.warn('the import worker failed; importing on this thread', { message: reply.message })
    return onThisThread()
  }
  const { imported, unreadable, movedTo } = reply.result
  if (imported || unreadable.length)
    logger.info('imported the 0.1 conversation history', { imported, unreadable, movedTo })
  for (const u of unreadable)
    logger.error('a 0.1 conversation file could not be read; kept unchanged', { movedTo: u })
  return reply.result
}

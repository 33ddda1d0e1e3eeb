/**
 * Runs extraction in one worker thread, started on first use and ended after a minute idle, so the
 * main process's event loop never parses a document. Requests queue in the worker's own message
 * loop; each has a time limit (a pathological file fails as unreadable, and the worker is replaced).
 *
 * Where the worker's code is: in the built app, `extractWorker.js` next to the bundled main
 * (electron.vite.config.ts builds it as a second entry of main); from source (tsx: the CLI, the web
 * harness, the bench; Vitest), worker.ts itself, loaded through tsx's require hook.
 */
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join, resolve } from 'node:path'
import { Worker } from 'node:worker_threads'
import type { Attachment } from '@shared/attachments'
import type { Logger } from '../logger'
import { attachmentFailure } from './rules'
import type { WorkerReply, WorkerRequest } from './protocol'

export interface Extractor {
  /** The attachment for a file, or an AppFailure whose code says why not (params.name is the file). */
  extract(name: string, bytes: Uint8Array): Promise<Attachment>
  dispose(): Promise<void>
}

function spawnWorker(): Worker {
  const built = join(__dirname, 'extractWorker.js')
  if (existsSync(built)) return new Worker(built)
  const source = resolve(__dirname, 'worker.ts')
  const requireHere = createRequire(__filename)
  const tsx = requireHere.resolve('tsx/cjs/api')
  const tsconfig = resolve(__dirname, '../../../tsconfig.node.json')
  // An eval'd CommonJS bootstrap: registers tsx (with the project's tsconfig, for `@shared/*`) and
  // loads the TypeScript worker. `--import tsx` in execArgv is not honoured by workers on Node 20.
  const code = `process.env.TSX_TSCONFIG_PATH = ${JSON.stringify(tsconfig)}; require(${JSON.stringify(tsx)}).register(); require(${JSON.stringify(source)})`
  return new Worker(code, { eval: true })
}

export function createExtractor(opts: {
  logger: Logger
  timeoutMs?: number
  idleMs?: number
}): Extractor {
  const timeoutMs = opts.timeoutMs ?? 60_000
  const idleMs = opts.idleMs ?? 60_000
  let worker: Worker | undefined
  let nextId = 1
  let idleTimer: NodeJS.Timeout | undefined
  const waiting = new Map<number, { resolve: (r: WorkerReply) => void; timer: NodeJS.Timeout }>()

  function failAll(message: string) {
    for (const [id, w] of waiting) {
      clearTimeout(w.timer)
      w.resolve({ id, ok: false, code: 'attachment.unreadable', message })
    }
    waiting.clear()
  }

  function stop() {
    const w = worker
    worker = undefined
    if (w) void w.terminate()
  }

  function ensureWorker(): Worker {
    if (worker) return worker
    const w = spawnWorker()
    w.unref()
    w.on('message', (reply: WorkerReply) => {
      const entry = waiting.get(reply.id)
      if (!entry) return
      waiting.delete(reply.id)
      clearTimeout(entry.timer)
      entry.resolve(reply)
      scheduleIdle()
    })
    w.on('error', (error) => {
      opts.logger.error('extraction worker failed', { error })
      if (worker === w) worker = undefined
      failAll(error.message)
    })
    w.on('exit', () => {
      if (worker === w) worker = undefined
      failAll('the extraction worker stopped')
    })
    worker = w
    return w
  }

  function scheduleIdle() {
    if (idleTimer) clearTimeout(idleTimer)
    if (waiting.size > 0) return
    idleTimer = setTimeout(stop, idleMs)
    idleTimer.unref()
  }

  return {
    async extract(name, bytes) {
      const id = nextId++
      const w = ensureWorker()
      if (idleTimer) clearTimeout(idleTimer)
      const reply = await new Promise<WorkerReply>((resolveReply) => {
        const timer = setTimeout(() => {
          waiting.delete(id)
          // A file the worker is stuck on: replace the worker, so the next file gets a fresh one.
          stop()
          resolveReply({
            id,
            ok: false,
            code: 'attachment.unreadable',
            message: `reading the file took longer than ${Math.round(timeoutMs / 1000)} s`
          })
        }, timeoutMs)
        waiting.set(id, { resolve: resolveReply, timer })
        const request: WorkerRequest = { id, name, bytes }
        w.postMessage(request)
      })
      if (!reply.ok) throw attachmentFailure(reply.code, name, reply.message)
      const { result } = reply
      return {
        name,
        type: result.type,
        size: bytes.byteLength,
        kind: result.kind,
        text: result.text,
        ...(result.dataUrl ? { dataUrl: result.dataUrl } : {})
      }
    },
    async dispose() {
      if (idleTimer) clearTimeout(idleTimer)
      failAll('the app is closing')
      const w = worker
      worker = undefined
      if (w) await w.terminate()
    }
  }
}

/**
 * The extraction worker's entry (a node:worker_threads thread): parsing a 50-page PDF takes
 * hundreds of milliseconds of CPU, which on the main process's event loop would stall IPC, the
 * streaming of replies and the tunnel's keepalives. One request at a time in, one answer out.
 */
import { parentPort } from 'node:worker_threads'
import { ExtractError, extractFile } from './extract'
import type { WorkerReply, WorkerRequest } from './protocol'

const port = parentPort
if (!port) throw new Error('worker.ts runs only as a worker thread')

port.on('message', (request: WorkerRequest) => {
  void extractFile(request.name, request.bytes).then(
    (result): void => port.postMessage({ id: request.id, ok: true, result } satisfies WorkerReply),
    (error: unknown): void => {
      const code = error instanceof ExtractError ? error.code : 'attachment.unreadable'
      const message = error instanceof Error ? error.message : String(error)
      port.postMessage({ id: request.id, ok: false, code, message } satisfies WorkerReply)
    }
  )
})

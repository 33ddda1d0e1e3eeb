/** Messages between the core and its extraction worker (worker.ts). */
import type { Extracted, ExtractErrorCode } from './extract'

export interface WorkerRequest {
  id: number
  name: string
  bytes: Uint8Array
}

export type WorkerReply =
  | { id: number; ok: true; result: Extracted }
  | { id: number; ok: false; code: ExtractErrorCode; message: string }

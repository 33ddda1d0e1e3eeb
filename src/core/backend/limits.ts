/**
 * Caps on what a backend may send (issue 16 item 8): a hostile or broken server could otherwise
 * fill the main process's memory with one endless reply, or one endless SSE event or NDJSON line
 * (the decoders buffer a piece until it is complete). Counted in bytes on the wire, before any
 * decoding. Everything before the limit is passed on, so the text received so far is kept.
 */
import { AppFailure, appError } from '@shared/errors'
import type { Limits, ReplyFormat } from '@shared/profile'

export const defaultLimits: Limits = { replyKiB: 8 * 1024, eventKiB: 1024 }

function sizeText(kib: number): string {
  return kib >= 1024 && kib % 1024 === 0 ? `${kib / 1024} MiB` : `${kib} KiB`
}

const LF = 0x0a
const CR = 0x0d

/**
 * Where in `chunk` the current piece (an SSE event, an NDJSON line) grows past `max` bytes, given
 * how long it already was; -1 if it does not. Also returns the piece's length after the chunk.
 */
function pieceScan(format: ReplyFormat, chunk: Uint8Array, state: { piece: number; lineEmpty: boolean; afterCr: boolean }, max: number): number {
  for (let i = 0; i < chunk.length; i++) {
    const b = chunk[i] as number
    if (format === 'ndjson') {
      state.piece = b === LF ? 0 : state.piece + 1
    } else {
      // SSE: an event ends at an empty line; lines end with CRLF, LF or CR.
      if (b === LF && state.afterCr) {
        state.afterCr = false
        continue
      }
      state.afterCr = b === CR
      if (b === LF || b === CR) {
        if (state.lineEmpty) state.piece = 0
        else state.piece++
        state.lineEmpty = true
        continue
      }
      state.lineEmpty = false
      state.piece++
    }
    if (state.piece > max) return i
  }
  return -1
}

/** The body, passed through until the reply or one of its pieces is larger than `limits` allow. */
export async function* capReply(body: AsyncIterable<Uint8Array>, format: ReplyFormat, limits: Limits = defaultLimits): AsyncGenerator<Uint8Array> {
  const maxReply = limits.replyKiB * 1024
  const maxPiece = limits.eventKiB * 1024
  const pieces = format === 'sse' || format === 'ndjson'
  const state = { piece: 0, lineEmpty: true, afterCr: false }
  let total = 0
  for await (const chunk of body) {
    const overReply = total + chunk.length > maxReply ? maxReply - total : -1
    const overPiece = pieces ? pieceScan(format, chunk, state, maxPiece) : -1
    total += chunk.length
    if (overReply < 0 && overPiece < 0) {
      yield chunk
      continue
    }
    const reply = overReply >= 0 && (overPiece < 0 || overReply <= overPiece)
    const cut = reply ? overReply : overPiece
    if (cut > 0) yield chunk.subarray(0, cut)
    const limit = sizeText(reply ? limits.replyKiB : limits.eventKiB)
    throw new AppFailure(
      reply
        ? appError('backend.reply_too_large', `The reply is larger than ${limit}, the most this profile takes; the text received so far is kept`, { params: { limit } })
        : appError('backend.event_too_large', `One ${format === 'sse' ? 'event' : 'line'} of the reply is larger than ${limit}, the most this profile takes; the text received so far is kept`, { params: { limit, format } })
    )
  }
}

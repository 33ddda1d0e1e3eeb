/**
 * Drives a real core (startCore on a temp data folder) the way the renderer does: every call
 * through `core.dispatch`, the handler table Electron's ipcMain and the web harness bind to, and
 * the reply's end observed as the `chat:done` event.
 */
import type { Core } from '../../src/core'
import type { EventPayloads, SendResult } from '../../src/shared/ipc/contract'
import { startTestCore, type TestCore } from '../../test/helpers/core'
import { now } from './stats'

/** The reference backend's contract, as main's direct template fills it in (GET, SSE, `delta`). */
export const referenceContract = {
  method: 'GET',
  path: '/api_chat',
  messageField: 'message',
  replyFormat: 'sse',
  replyField: 'delta'
}

export interface CoreDriver {
  t: TestCore
  core: Core
  /**
   * One chat turn: dispatch `chat:send`, wait for its `chat:done`. Returns the time the dispatch
   * took to resolve (the user message and the reply placeholder are on disk by then), the time to
   * the reply's last `chat:delta` (the whole text is with the renderer) and to `chat:done` (the
   * finished reply is on disk too), all from just before the dispatch.
   */
  turn(
    text: string,
    conversationId?: string
  ): Promise<{ ackMs: number; doneMs: number; textMs: number; result: SendResult }>
  close(): Promise<void>
}

export async function startCoreDriver(draft: Record<string, unknown>): Promise<CoreDriver> {
  const t = await startTestCore()
  await t.ok('profiles:save', { draft })
  // Every outcome by message id, recorded as it happens: a waiter set up after the dispatch
  // resolved must still see a done that came first.
  const ended = new Map<
    string,
    { at: number; payload: EventPayloads['chat:done'] | EventPayloads['chat:failed'] }
  >()
  const waiters = new Map<string, () => void>()
  const lastDelta = new Map<string, number>()
  t.core.onEvent((event, payload) => {
    if (event === 'chat:delta')
      lastDelta.set((payload as EventPayloads['chat:delta']).messageId, now())
    if (event !== 'chat:done' && event !== 'chat:failed') return
    const p = payload as EventPayloads['chat:done']
    ended.set(p.message.id, { at: now(), payload: p })
    waiters.get(p.message.id)?.()
  })
  return {
    t,
    core: t.core,
    async turn(text, conversationId) {
      const start = now()
      const res = await t.core.dispatch(
        'chat:send',
        conversationId ? { conversationId, text } : { text }
      )
      const ackMs = now() - start
      if (!res.ok) throw new Error(`chat:send failed: ${JSON.stringify(res.error)}`)
      const result = res.data as SendResult
      const id = result.assistantMessage.id
      if (!ended.has(id)) {
        await new Promise<void>((resolve, reject) => {
          const timer = setTimeout(() => {
            waiters.delete(id)
            reject(new Error(`no chat:done for ${id} within 30 s`))
          }, 30_000)
          waiters.set(id, () => {
            clearTimeout(timer)
            waiters.delete(id)
            resolve()
          })
        })
      }
      const end = ended.get(id) as { at: number; payload: EventPayloads['chat:done'] }
      ended.delete(id)
      const textAt = lastDelta.get(id) ?? end.at
      lastDelta.delete(id)
      if (end.payload.message.status !== 'done')
        throw new Error(`reply ended ${end.payload.message.status}: ${JSON.stringify(end.payload)}`)
      return { ackMs, doneMs: end.at - start, textMs: textAt - start, result }
    },
    close: () => t.close()
  }
}

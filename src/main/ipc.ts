/**
 * Binds the core's handler table to Electron IPC: one `ipcMain.handle` per contract channel, each
 * checking the sender frame before anything else, and every core event forwarded to the window.
 * No logic of the app lives here: validation of arguments and all behaviour are in the core's
 * dispatch. Only `import type` from electron, so the binding is unit-tested with a fake ipcMain.
 */
import type { IpcMain, IpcMainInvokeEvent } from 'electron'
import { appError, type IpcResult } from '@shared/errors'
import { invokeChannelNames } from '@shared/ipc/channels'
import { type EventName, type EventPayloads } from '@shared/ipc/contract'
import type { Core } from '../core'
import type { Logger } from '../core'
import { isTrustedSender, type SenderFrame, type TrustedPage } from './security'

export interface IpcBinding {
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>
  core: Pick<Core, 'dispatch' | 'onEvent'>
  page: TrustedPage
  logger: Logger
  /** Deliver one core event to the app's window (ignored while there is none). */
  send<E extends EventName>(event: E, payload: EventPayloads[E]): void
}

/** The parts of an invoke event the sender check reads. */
export type InvokeEventLike = Pick<IpcMainInvokeEvent, 'senderFrame'> & {
  sender?: { getType?(): string }
}

/**
 * What we read from `event.senderFrame`; a destroyed frame throws on access, so treat it as none.
 * A <webview> guest is never the app (the window has none: webviewTag is off and attaching one is
 * refused in window.ts), whatever its URL.
 */
export function senderOf(event: InvokeEventLike): SenderFrame | null {
  try {
    if (event.sender?.getType?.() === 'webview') return null
    const frame = event.senderFrame
    if (!frame) return null
    return { url: frame.url, isTopFrame: frame.parent === null }
  } catch {
    return null
  }
}

/** Register every handler; returns a function that removes them (on quit, and in tests). */
export function bindIpc(b: IpcBinding): () => void {
  for (const channel of invokeChannelNames) {
    b.ipcMain.handle(
      channel,
      async (event: InvokeEventLike, arg: unknown): Promise<IpcResult<unknown>> => {
        const sender = senderOf(event)
        if (!isTrustedSender(sender, b.page)) {
          // Logged without the argument: it may hold a message or a secret.
          b.logger.warn('refused an IPC call from an untrusted frame', {
            channel,
            url: sender?.url ?? null,
            topFrame: sender?.isTopFrame ?? null
          })
          return {
            ok: false,
            error: appError('ipc.forbidden', 'This call is only accepted from the app’s own page')
          }
        }
        return b.core.dispatch(channel, arg)
      }
    )
  }
  const unsubscribe = b.core.onEvent((event, payload) => b.send(event, payload))
  return () => {
    unsubscribe()
    for (const channel of invokeChannelNames) b.ipcMain.removeHandler(channel)
  }
}

/**
 * The preload's Transport for `buildApi`: contract channels over `ipcRenderer.invoke`, contract
 * events over `ipcRenderer.on`. It is the only place that touches ipcRenderer, and it never hands
 * ipcRenderer or an IpcRendererEvent to the page: listeners receive the payload only, and each
 * subscription returns its own unsubscribe. Free of runtime electron imports so that it is
 * unit-tested with a fake. Channel and event names are checked once, by buildApi (the page only
 * reaches this through it) and, for calls, again by the core's dispatch.
 */
import { appError, type IpcResult } from '@shared/errors'
import type { Transport } from '@shared/ipc/contract'

/** The part of Electron's ipcRenderer this transport uses. */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown
}

export function ipcRendererTransport(ipc: IpcRendererLike): Transport {
  return {
    async invoke(channel, arg) {
      try {
        return (await ipc.invoke(channel, arg)) as IpcResult<unknown>
      } catch (error) {
        // A rejected invoke (no handler yet, main crashed) keeps only its message: report it in
        // the contract's error shape so the renderer has one error path.
        return {
          ok: false,
          error: appError(
            'internal',
            error instanceof Error ? error.message : 'The app’s main process did not answer'
          )
        }
      }
    },
    subscribe(event, listener) {
      const handler = (_event: unknown, payload: unknown) => listener(payload)
      ipc.on(event, handler)
      let active = true
      return () => {
        if (!active) return
        active = false
        ipc.removeListener(event, handler)
      }
    }
  }
}

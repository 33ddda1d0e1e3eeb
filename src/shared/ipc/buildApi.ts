/**
 * `window.api` from a transport, one method per channel of the table, grouped by domain
 * (`profiles:list` → `api.profiles.list()`), plus `on` for events. Shared by the preload (Electron
 * IPC), the web harness's client (a WebSocket) and the tests (the core's dispatch in-process).
 *
 * This file reads the channel table at run time, so it brings zod with it: the preload and the
 * harness client may import it, the renderer never does (it only sees `window.api`).
 */
import { invokeChannelNames, isEventName } from './channels'
import type { Api, Transport } from './contract'

export function buildApi(transport: Transport): Api {
  const api: Record<string, Record<string, unknown>> = {}
  for (const channel of invokeChannelNames) {
    const [domain, method] = channel.split(':') as [string, string]
    api[domain] ??= {}
    api[domain][method] = (arg?: unknown) => transport.invoke(channel, arg)
  }
  const on = (event: string, listener: (payload: unknown) => void) => {
    if (!isEventName(event)) throw new Error(`Unknown event: ${event}`)
    return transport.subscribe(event, listener)
  }
  return Object.freeze({ ...api, on }) as unknown as Api
}

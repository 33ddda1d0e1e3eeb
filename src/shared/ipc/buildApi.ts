/**
 * `window.api` from a transport, one method per channel of the table, grouped by domain
 * (`profiles:list` → `api.profiles.list()`), plus `on` for events. Shared by the preload (Electron
 * IPC), the web harness's client (a WebSocket) and the tests (the core's dispatch, or a fake).
 *
 * It takes the table's names rather than the table: the table carries zod, which must stay out of
 * every bundle that runs in the page (zod probes `new Function`, which the CSP refuses). Node code
 * passes `contractNames` from channels.ts; the preload and the harness client get the same list
 * put in at build time as `__KHA_CONTRACT__` (electron.vite.config.ts, src/harness/clientBundle.ts).
 */
import type { Api, EventName, InvokeChannel, Transport } from './contract'

export interface ContractNames {
  channels: readonly InvokeChannel[]
  events: readonly EventName[]
}

declare global {
  /** The channel table's names, defined by the bundler (see above). */
  const __KHA_CONTRACT__: ContractNames
}

export function buildApi(transport: Transport, names: ContractNames): Api {
  const api: Record<string, Record<string, unknown>> = {}
  for (const channel of names.channels) {
    const [domain, method] = channel.split(':') as [string, string]
    api[domain] ??= {}
    api[domain][method] = (arg?: unknown) => transport.invoke(channel, arg)
  }
  const events: ReadonlySet<string> = new Set(names.events)
  const on = (event: EventName, listener: (payload: unknown) => void) => {
    if (!events.has(event)) throw new Error(`Unknown event: ${String(event)}`)
    return transport.subscribe(event, listener)
  }
  return Object.freeze({ ...api, on }) as unknown as Api
}

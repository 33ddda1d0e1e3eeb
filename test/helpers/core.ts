/**
 * A real core on a temp data folder, for integration tests: the same createCore the app, the CLI
 * and the web harness use, with an in-memory secret store and events recorded.
 */
import { createCore, type Core } from '../../src/main/core'
import { silentLogger, type Logger } from '../../src/main/core/logger'
import { MemorySecretStore } from '../../src/main/core/secrets'
import type { EventName, EventPayloads, InvokeChannel, InvokeArg, InvokeResult } from '../../src/shared/ipc/contract'
import type { IpcResult } from '../../src/shared/errors'
import { tempDir } from './tempDir'

export interface TestCore {
  core: Core
  dataDir: string
  events: Array<{ event: EventName; payload: unknown }>
  call<C extends InvokeChannel>(channel: C, arg?: InvokeArg<C>): Promise<IpcResult<InvokeResult<C>>>
  /** Like call, but throws on an error result: for steps that must succeed. */
  ok<C extends InvokeChannel>(channel: C, arg?: InvokeArg<C>): Promise<InvokeResult<C>>
  /** Wait for the next event of that name matching `where`. */
  next<E extends EventName>(event: E, where?: (p: EventPayloads[E]) => boolean, timeoutMs?: number): Promise<EventPayloads[E]>
  close(): Promise<void>
}

export async function startTestCore(opts: { dataDir?: string; logger?: Logger; homeDir?: string; env?: Record<string, string | undefined> } = {}): Promise<TestCore> {
  const temp = opts.dataDir ? undefined : tempDir()
  const dataDir = opts.dataDir ?? (temp as { dir: string }).dir
  const core = await createCore({
    dataDir,
    secrets: new MemorySecretStore(),
    logger: opts.logger ?? silentLogger,
    appInfo: { name: 'kha-desktop', version: 'test', platform: process.platform, locale: 'en-US', shell: 'web' },
    homeDir: opts.homeDir ?? dataDir,
    env: opts.env ?? {}
  })
  const events: TestCore['events'] = []
  const waiters = new Set<(event: EventName, payload: unknown) => void>()
  core.onEvent((event, payload) => {
    events.push({ event, payload })
    for (const w of [...waiters]) w(event, payload)
  })
  const call = (channel: InvokeChannel, arg?: unknown) => core.dispatch(channel, arg)
  return {
    core,
    dataDir,
    events,
    call: call as TestCore['call'],
    ok: (async (channel: InvokeChannel, arg?: unknown) => {
      const result = await call(channel, arg)
      if (!result.ok) throw new Error(`${channel} failed: ${JSON.stringify(result.error)}`)
      return result.data
    }) as TestCore['ok'],
    next: (event, where, timeoutMs = 15_000) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(waiter)
          reject(new Error(`no ${event} event within ${timeoutMs} ms`))
        }, timeoutMs)
        const waiter = (e: EventName, p: unknown) => {
          if (e !== event || (where && !where(p as never))) return
          clearTimeout(timer)
          waiters.delete(waiter)
          resolve(p as never)
        }
        waiters.add(waiter)
      }),
    async close() {
      await core.dispose()
      temp?.cleanup()
    }
  }
}

/**
 * A real core on a temp data folder, for integration tests: the same startCore the app, the CLI
 * and the web harness use, with an in-memory secret store and events recorded.
 */
import {
  silentLogger,
  startCore,
  type Core,
  type Logger,
  type Platform,
  type SecretStore
} from '../../src/core'
import type {
  EventName,
  EventPayloads,
  InvokeChannel,
  InvokeArg,
  InvokeResult
} from '../../src/shared/ipc/contract'
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
  next<E extends EventName>(
    event: E,
    where?: (p: EventPayloads[E]) => boolean,
    timeoutMs?: number
  ): Promise<EventPayloads[E]>
  /** Wait for the reply `messageId` to end: its chat:done (done or stopped) or chat:failed payload. */
  outcome(
    messageId: string,
    timeoutMs?: number
  ): Promise<EventPayloads['chat:done'] | EventPayloads['chat:failed']>
  close(): Promise<void>
}

export async function startTestCore(
  opts: {
    dataDir?: string
    logger?: Logger
    homeDir?: string
    env?: Record<string, string | undefined>
    secrets?: SecretStore
    healthIntervalMs?: number
    shell?: 'web' | 'electron'
    locale?: string
    platform?: Platform
  } = {}
): Promise<TestCore> {
  const temp = opts.dataDir ? undefined : tempDir()
  const dataDir = opts.dataDir ?? (temp as { dir: string }).dir
  const { core } = await startCore({
    dataDir,
    shell: opts.shell ?? 'web',
    ...(opts.platform ? { platform: opts.platform } : {}),
    ...(opts.secrets ? { secrets: opts.secrets } : {}),
    logger: opts.logger ?? silentLogger,
    locale: opts.locale ?? 'en-US',
    homeDir: opts.homeDir ?? dataDir,
    env: opts.env ?? {},
    ...(opts.healthIntervalMs !== undefined ? { healthIntervalMs: opts.healthIntervalMs } : {})
  })
  let closed: Promise<void> | undefined
  const events: TestCore['events'] = []
  const waiters = new Set<(event: EventName, payload: unknown) => void>()
  core.onEvent((event, payload) => {
    events.push({ event, payload })
    for (const w of [...waiters]) w(event, payload)
  })
  const call = (channel: InvokeChannel, arg?: unknown) => core.dispatch(channel, arg)
  // One waiter, one timer: racing two waiters would leave the loser to reject later, unhandled.
  const waitFor = <T>(
    match: (event: EventName, payload: unknown) => T | undefined,
    what: string,
    timeoutMs: number
  ) =>
    new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        waiters.delete(waiter)
        reject(new Error(`no ${what} within ${timeoutMs} ms`))
      }, timeoutMs)
      const waiter = (event: EventName, payload: unknown) => {
        const found = match(event, payload)
        if (found === undefined) return
        clearTimeout(timer)
        waiters.delete(waiter)
        resolve(found)
      }
      waiters.add(waiter)
    })
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
    next: <E extends EventName>(
      event: E,
      where?: (p: EventPayloads[E]) => boolean,
      timeoutMs = 15_000
    ) =>
      waitFor<EventPayloads[E]>(
        (e, p) =>
          e === event && (!where || where(p as EventPayloads[E]))
            ? (p as EventPayloads[E])
            : undefined,
        `${event} event`,
        timeoutMs
      ),
    outcome: (messageId, timeoutMs = 15_000) =>
      waitFor(
        (e, p) =>
          (e === 'chat:done' || e === 'chat:failed') &&
          (p as EventPayloads['chat:done']).message.id === messageId
            ? (p as EventPayloads['chat:done'])
            : undefined,
        `outcome of ${messageId}`,
        timeoutMs
      ),
    // Once, however often it is called: a test may close a core early that a hook closes again.
    close() {
      closed ??= core.dispose().then(() => temp?.cleanup())
      return closed
    }
  }
}

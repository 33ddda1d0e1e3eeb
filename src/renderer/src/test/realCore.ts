/**
 * `window.api` on a real core, for the renderer's tests: the web harness client's transport
 * (createWsTransport) + buildApi, connected to a fresh core on a temp data folder that
 * test/helpers/coreHost.ts starts for each connection. Calls run the real handlers, validation,
 * stores and events; values cross as JSON, as they do in the browser.
 *
 * What a test needs that no user could do (history without a backend, a profile to work on) it
 * makes through the contract too: `conversations:importBackup`, `profiles:save`.
 */
import { afterEach, beforeEach, inject } from 'vitest'
import { cleanup } from '@testing-library/react'
import { buildApi } from '@shared/ipc/buildApi'
import { contractNames } from '@shared/ipc/channels'
import type {
  Api,
  EventName,
  EventPayloads,
  InvokeChannel,
  InvokeArg,
  InvokeResult,
  Transport
} from '@shared/ipc/contract'
import type { Message } from '@shared/conversation'
import type { AppError, IpcResult } from '@shared/errors'
import type { ProfileDraft } from '@shared/profile'
import { createWsTransport, type SocketLike } from '../../../harness/client/wsTransport'
import { createAppStore, useAppStore } from '../store'
import { routeEvents } from '../store/useStoreEvents'

declare module 'vitest' {
  export interface ProvidedContext {
    coreHost: string
    backendUrl: string
    /** A loopback HTTP address that accepts connections and never answers (rendererSetup.ts). */
    silentUrl: string
  }
}

export interface RealCore {
  api: Api
  /** Every call the renderer made, in order, with its argument (what the user's action sent). */
  calls: Array<{ channel: InvokeChannel; arg: unknown }>
  /** The arguments of the calls on one channel. */
  callsTo<C extends InvokeChannel>(channel: C): Array<InvokeArg<C>>
  /** A call for the test's own set-up or check; throws on an error result. */
  ok<C extends InvokeChannel>(channel: C, arg?: InvokeArg<C>): Promise<InvokeResult<C>>
  /** The next event of that name (matching `where`), from now on. */
  next<E extends EventName>(
    event: E,
    where?: (payload: EventPayloads[E]) => boolean
  ): Promise<EventPayloads[E]>
  /**
   * A stand-in answer for one channel, for a situation a real core cannot produce here on demand
   * (a report of a hop that needs sshd, a call that must stay pending). Each use says why.
   * Carried as JSON like the real answers.
   */
  stand<C extends InvokeChannel>(
    channel: C,
    answer: (arg: InvokeArg<C>) => IpcResult<InvokeResult<C>> | Promise<IpcResult<InvokeResult<C>>>
  ): void
  /** Deliver an event as if the core had pushed it (same caveat as `stand`). */
  emit<E extends EventName>(event: E, payload: EventPayloads[E]): void
  close(): void
}

/** For vi.waitFor on what a real core answers: as long as Testing Library waits (setup.ts). */
export const answered = { timeout: 10_000, interval: 20 }

export const ok = <T>(data: T): IpcResult<T> => ({ ok: true, data })
export const err = (code: AppError['code'], extra: Partial<AppError> = {}): IpcResult<never> => ({
  ok: false,
  error: { code, message: code, ...extra }
})
const overJson = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T

export interface CoreOptions {
  /** `electron`: a core as Electron main starts it, with a save dialog that always saves. */
  shell?: 'web' | 'electron'
  locale?: string
  /** The content of ~/.ssh/config in the core's home (a temp folder). */
  sshConfig?: string
  /**
   * Start on a data folder as release 0.1 left it, with this many conversations: the core imports
   * them as it starts (the test is handed the core while it does).
   */
  legacyConversations?: number
}

// Node's own setImmediate, taken before any test fakes the timers (vi.useFakeTimers replaces it).
const nextTask = (globalThis as unknown as { setImmediate: (task: () => void) => void })
  .setImmediate

/**
 * The socket as a browser delivers it: each message in a task of its own, so that what a message
 * sets off (a promise it resolves, and the code awaiting it) runs before the next message. jsdom's
 * WebSocket (the `ws` package) hands over every frame of one network read in a row; under load a
 * call's answer and the event after it then arrive together, and the event was applied before the
 * answer (a stale "connecting" after "failed"), which neither Chromium nor Electron's IPC does.
 */
function onePerTask(socket: WebSocket): SocketLike {
  const queue: Array<() => void> = []
  const run = () => {
    queue.shift()?.()
    if (queue.length > 0) nextTask(run)
  }
  const later = (deliver: () => void) => {
    queue.push(deliver)
    if (queue.length === 1) nextTask(run)
  }
  const like: SocketLike = {
    get readyState() {
      return socket.readyState
    },
    send: (data) => socket.send(data),
    close: (code, reason) => socket.close(code, reason),
    onopen: null,
    onmessage: null,
    onclose: null,
    onerror: null
  }
  socket.onopen = (ev) => later(() => like.onopen?.(ev))
  socket.onmessage = (ev) => later(() => like.onmessage?.({ data: ev.data }))
  socket.onclose = (ev) => later(() => like.onclose?.(ev))
  socket.onerror = (ev) => later(() => like.onerror?.(ev))
  return like
}

export async function connectCore(options: CoreOptions = {}): Promise<RealCore> {
  const url = new URL(inject('coreHost'))
  if (options.shell) url.searchParams.set('shell', options.shell)
  if (options.locale) url.searchParams.set('locale', options.locale)
  if (options.sshConfig !== undefined) url.searchParams.set('sshConfig', options.sshConfig)
  if (options.legacyConversations)
    url.searchParams.set('legacy', String(options.legacyConversations))
  const transport = createWsTransport(url.toString(), (u) => onePerTask(new WebSocket(u)))
  const calls: RealCore['calls'] = []
  const stands = new Map<InvokeChannel, (arg: unknown) => unknown>()
  const local = new Map<EventName, Set<(payload: unknown) => void>>()
  const recorded: Transport = {
    async invoke(channel, arg) {
      calls.push({ channel, arg })
      const stand = stands.get(channel)
      if (stand)
        return overJson((await stand(overJson(arg ?? null) ?? undefined)) as IpcResult<unknown>)
      return transport.invoke(channel, arg)
    },
    subscribe(event, listener) {
      let set = local.get(event)
      if (!set) local.set(event, (set = new Set()))
      const entry = (payload: unknown) => listener(payload)
      set.add(entry)
      const off = transport.subscribe(event, listener)
      return () => {
        set.delete(entry)
        off()
      }
    }
  }
  const api = buildApi(recorded, contractNames)
  const ok = async <C extends InvokeChannel>(channel: C, arg?: InvokeArg<C>) => {
    const result = await transport.invoke(channel, arg)
    if (!result.ok) throw new Error(`${channel} failed: ${JSON.stringify(result.error)}`)
    return result.data as InvokeResult<C>
  }
  // Answered once the core is up: a test starts on a core that is ready (with its history open),
  // or, for an upgrade from 0.1, on a core that has started but is still importing it.
  await ok(options.legacyConversations ? 'conversations:importProgress' : 'app:info')
  return {
    api,
    calls,
    callsTo: <C extends InvokeChannel>(channel: C) =>
      calls.filter((c) => c.channel === channel).map((c) => c.arg as InvokeArg<C>),
    ok,
    next: <E extends EventName>(event: E, where?: (payload: EventPayloads[E]) => boolean) =>
      new Promise<EventPayloads[E]>((resolve) => {
        const off = transport.subscribe(event, (payload) => {
          if (where && !where(payload as EventPayloads[E])) return
          off()
          resolve(payload as EventPayloads[E])
        })
      }),
    stand(channel, answer) {
      stands.set(channel, answer as (arg: unknown) => unknown)
    },
    emit(event, payload) {
      for (const listener of [...(local.get(event) ?? [])]) listener(overJson(payload))
    },
    close: () => transport.close()
  }
}

/** connectCore, installed as `window.api` (what the app's `service` reads). */
export async function installCore(options?: CoreOptions): Promise<RealCore> {
  const core = await connectCore(options)
  ;(window as unknown as { api: Api }).api = core.api
  return core
}

/**
 * A fresh core for each test of the describe block that calls it (Vitest hooks), installed as
 * `window.api`, with the app's store reset first; after each test the rendered tree is removed
 * and the core closed. The answer stands for the current test's core.
 */
export function coreForEachTest(options?: CoreOptions): RealCore {
  let current: RealCore | undefined
  beforeEach(async () => {
    useAppStore.setState(useAppStore.getInitialState(), true)
    current = await installCore(options)
  })
  afterEach(() => {
    cleanup()
    current?.close()
    current = undefined
  })
  return currentOf(() => current, 'core')
}

type AppStore = ReturnType<typeof createAppStore>

/**
 * For a slice's tests: a fresh core for each test (installed as `window.api`, closed after it) and
 * a store of the app's own making with frames run at once; the core's events are routed into it
 * unless `wire: false` (tests that check what an action alone puts in the store).
 */
export function storeOnCoreForEachTest(options: CoreOptions & { wire?: boolean } = {}): {
  core: RealCore
  store: AppStore
} {
  let current: { core: RealCore; store: AppStore } | undefined
  beforeEach(async () => {
    const core = await installCore(options)
    const store = createAppStore({ schedule: (f) => f() })
    if (options.wire !== false) routeEvents(core.api, store)
    current = { core, store }
  })
  afterEach(() => {
    current?.core.close()
    current = undefined
  })
  return {
    core: currentOf(() => current?.core, 'core'),
    store: currentOf(() => current?.store, 'store')
  }
}

/** Stands for what `get` answers in the running test (hooks replace it before each one). */
function currentOf<T extends object>(get: () => T | undefined, what: string): T {
  return new Proxy({} as T, {
    get(_target, key) {
      const value = get()
      if (!value) throw new Error(`The ${what} exists only inside a test`)
      return value[key as keyof T]
    }
  })
}

/** Route the core's events into a store with the app's own routes (useStoreEvents.ts). */
export const wireEvents = routeEvents

/**
 * A direct profile to a server that is not there (a loopback port nothing listens on): enough for
 * everything but a reply. `url` defaults to the discard port, refused at once.
 */
export function directDraft(overrides: Partial<ProfileDraft> = {}): ProfileDraft {
  return {
    name: 'Local backend',
    connection: { kind: 'direct', url: 'http://127.0.0.1:9' },
    ...overrides
  } as ProfileDraft
}

/** Save a profile and select it; answers its id. */
export async function addProfile(core: RealCore, draft: ProfileDraft = directDraft()) {
  const { saved } = await core.ok('profiles:save', { draft: draft as Record<string, unknown> })
  await core.ok('profiles:select', { id: saved.id })
  return saved
}

/** A message of `importHistory`: ids are the test's own, so that it can point at them. */
export type HistoryMessage = Pick<Message, 'id' | 'role' | 'text'> & Partial<Message>

/**
 * Conversations written by the core from a backup file (the app's own format, core/chat/backup.ts),
 * so that history exists without a backend. Messages follow each other (each one's parent is the
 * one before, unless it names its own); the last one is the version on screen.
 */
export async function importHistory(
  core: RealCore,
  conversations: Array<{ id: string; title: string; at?: number; messages: HistoryMessage[] }>
): Promise<void> {
  const content = JSON.stringify({
    format: 'kha-desktop-backup',
    version: 1,
    exportedAt: new Date(0).toISOString(),
    conversations: conversations.map(({ id, title, at = Date.now(), messages }) => ({
      id,
      title,
      createdAt: at,
      updatedAt: at,
      messageCount: messages.length,
      leafId: messages.at(-1)?.id ?? null,
      messages: messages.map((m, i) => ({
        parentId: i === 0 ? null : messages[i - 1]!.id,
        status: 'done',
        createdAt: at + i,
        ...m
      }))
    }))
  })
  await core.ok('conversations:importBackup', { content })
}

/**
 * Integration tests only: a direct profile to the reference backend the globalSetup started,
 * selected. `headers` reach the backend with every request (its test knobs: `X-Test-Delay-Ms`,
 * `X-Test-Fail-Status`, `X-Test-Drop-After`, … in backend/README.md).
 */
export async function addBackendProfile(
  core: RealCore,
  headers: Array<{ name: string; value: string }> = []
) {
  const template = await core.ok('profiles:template', { kind: 'direct' })
  return addProfile(core, {
    ...template,
    name: 'Reference backend',
    connection: { kind: 'direct', url: inject('backendUrl') },
    contract: { ...template.contract, headers }
  } as ProfileDraft)
}

/**
 * What the topology tests share: the run's facts (addresses, keys, namespaces) written by run.ts,
 * profiles for each way of reaching Server B, a core in another namespace (RemoteCore), and the
 * assertions about what a person would be shown.
 */
import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { createInterface } from 'node:readline'
import { expect } from 'vitest'
import type { ConnectionState } from '../../src/shared/connection'
import type { Message } from '../../src/shared/conversation'
import type { AppError, IpcResult } from '../../src/shared/errors'
import type { EventName, InvokeChannel } from '../../src/shared/ipc/contract'
import type { TestCore } from '../helpers/core'
import type { TopologyInfo } from './services'

/** The running topology (run.ts wrote it; the setup file made sure it exists). */
export function topology(): TopologyInfo {
  return JSON.parse(readFileSync(process.env.KHA_TOPOLOGY as string, 'utf8')) as TopologyInfo
}

// --- profiles ----------------------------------------------------------------------------------

const sse = {
  method: 'GET',
  replyFormat: 'sse',
  replyField: 'delta',
  extraParams: [{ name: 'format', value: 'sse' }]
}

export function directDraft(
  url: string,
  opts: { connectSec?: number; name?: string } = {}
): Record<string, unknown> {
  return {
    name: opts.name ?? 'direct',
    connection: { kind: 'direct', url },
    contract: sse,
    timeouts: { connectSec: opts.connectSec ?? 5, idleSec: 30 }
  }
}

export interface TunnelOpts {
  via?: 'b' | 'a'
  jump?: boolean
  target: { host: string; port: number }
  keepaliveIntervalSec?: number
  keepaliveCountMax?: number
  connectSec?: number
  idleSec?: number
  trustKnownHosts?: boolean
  contract?: Record<string, unknown>
  name?: string
}

/** An SSH tunnel profile with the developer's key; known_hosts pre-seeded unless trustKnownHosts: false. */
export function tunnelDraft(info: TopologyInfo, o: TunnelOpts): Record<string, unknown> {
  const endpoint = (host: 'a' | 'b') => ({
    host: info.addr[host],
    port: 22,
    username: info.username,
    auth: 'key',
    keyPath: info.clientKeyPath
  })
  return {
    name: o.name ?? 'tunnel',
    connection: {
      kind: 'tunnel',
      ssh: endpoint(o.via ?? 'b'),
      jump: o.jump ? endpoint('a') : null,
      target: o.target,
      keepaliveIntervalSec: o.keepaliveIntervalSec ?? 60,
      keepaliveCountMax: o.keepaliveCountMax ?? 5,
      knownHostsPath: o.trustKnownHosts === false ? '' : info.knownHostsPath
    },
    contract: o.contract ?? sse,
    timeouts: { connectSec: o.connectSec ?? 10, idleSec: o.idleSec ?? 30 }
  }
}

// --- driving a core ----------------------------------------------------------------------------

/** The parts of TestCore the tests use; RemoteCore (another namespace) has them too. */
export type CoreLike = Pick<TestCore, 'events' | 'call' | 'ok' | 'next' | 'close'>

/** Send and wait for the reply's outcome; the final assistant message and the deltas seen. */
export async function sendAndWait(
  t: CoreLike,
  text: string,
  opts: { conversationId?: string; timeoutMs?: number } = {}
) {
  const sent = await t.ok('chat:send', {
    text,
    ...(opts.conversationId ? { conversationId: opts.conversationId } : {})
  })
  return { sent, ...(await outcome(t, sent.assistantMessage.id, opts.timeoutMs)) }
}

export async function outcome(t: CoreLike, messageId: string, timeoutMs = 30_000) {
  const done = t.next('chat:done', (p) => p.message.id === messageId, timeoutMs)
  const failed = t.next('chat:failed', (p) => p.message.id === messageId, timeoutMs)
  done.catch(() => undefined)
  failed.catch(() => undefined)
  const result = await Promise.race([done, failed])
  const deltas = t.events
    .filter(
      (e) =>
        e.event === 'chat:delta' && (e.payload as { messageId: string }).messageId === messageId
    )
    .map((e) => (e.payload as { text: string }).text)
  return { message: result.message, deltas }
}

/** The current connection state if it matches, else the next one that does. */
export async function waitState(
  t: CoreLike,
  pred: (s: ConnectionState) => boolean,
  timeoutMs = 15_000
): Promise<ConnectionState> {
  const coming = t.next('connection:state', pred, timeoutMs)
  const now = await t.ok('connection:state')
  if (pred(now)) {
    coming.catch(() => undefined)
    return now
  }
  return coming
}

const root = resolve(__dirname, '../..')

/**
 * The core running in another namespace (clientAgent.ts under `ip netns exec`), with the same
 * call / ok / next / events as the in-process TestCore.
 */
export async function startRemoteCore(ns: string): Promise<CoreLike> {
  const child = spawn(
    'ip',
    ['netns', 'exec', ns, process.execPath, '--import', 'tsx', join(__dirname, 'clientAgent.ts')],
    {
      cwd: root,
      // tsx resolves the @shared/* aliases from the project's node tsconfig.
      env: { ...process.env, TSX_TSCONFIG_PATH: join(root, 'tsconfig.node.json') },
      stdio: ['pipe', 'pipe', 'pipe']
    }
  )
  let stderr = ''
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()))
  const events: CoreLike['events'] = []
  const waiters = new Set<(event: EventName, payload: unknown) => void>()
  const pending = new Map<number, (r: IpcResult<unknown>) => void>()
  let nextId = 1
  const ready = new Promise<void>((resolveReady, reject) => {
    child.once('exit', (code) =>
      reject(new Error(`client agent in ${ns} exited (${code}): ${stderr}`))
    )
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
      const msg = JSON.parse(line) as {
        ready?: boolean
        id?: number
        result?: IpcResult<unknown>
        event?: EventName
        payload?: unknown
      }
      if (msg.ready) return resolveReady()
      if (msg.id !== undefined) {
        pending.get(msg.id)?.(msg.result as IpcResult<unknown>)
        pending.delete(msg.id)
        return
      }
      if (msg.event) {
        events.push({ event: msg.event, payload: msg.payload })
        for (const w of [...waiters]) w(msg.event, msg.payload)
      }
    })
  })
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000)
  await ready
  clearTimeout(timer)
  const call = (channel: InvokeChannel, arg?: unknown) =>
    new Promise<IpcResult<unknown>>((resolveCall) => {
      const id = nextId++
      pending.set(id, resolveCall)
      child.stdin?.write(JSON.stringify({ id, channel, arg }) + '\n')
    })
  return {
    events,
    call: call as CoreLike['call'],
    ok: (async (channel: InvokeChannel, arg?: unknown) => {
      const result = await call(channel, arg)
      if (!result.ok) throw new Error(`${channel} failed: ${JSON.stringify(result.error)}`)
      return result.data
    }) as CoreLike['ok'],
    next: (event, where, timeoutMs = 15_000) =>
      new Promise((resolveNext, reject) => {
        const t = setTimeout(() => {
          waiters.delete(waiter)
          reject(new Error(`no ${event} event within ${timeoutMs} ms (agent in ${ns})`))
        }, timeoutMs)
        const waiter = (e: EventName, p: unknown) => {
          if (e !== event || (where && !where(p as never))) return
          clearTimeout(t)
          waiters.delete(waiter)
          resolveNext(p as never)
        }
        waiters.add(waiter)
      }),
    async close() {
      if (child.exitCode !== null) return
      const exited = new Promise<void>((done) => child.once('exit', () => done()))
      child.stdin?.write(JSON.stringify({ close: true }) + '\n')
      const force = setTimeout(() => child.kill('SIGKILL'), 5000)
      await exited
      clearTimeout(force)
    }
  }
}

/** The reply finished with this text (on failure: say why, with the error and the connection state). */
export async function expectDone(t: CoreLike, message: Message, text: string): Promise<void> {
  if (message.status !== 'done') {
    const state = await t.call('connection:state')
    throw new Error(
      `reply ${message.status}: ${JSON.stringify(message.error)}; connection: ${JSON.stringify(state)}`
    )
  }
  expect(message.text).toBe(text)
}

// --- what a person is shown -------------------------------------------------------------------

interface RendererI18n {
  errorText(error: AppError): string
  i18n: {
    changeLanguage(lang: string): Promise<unknown>
    exists(key: string, opts?: { lng: string }): boolean
  }
}

/**
 * The renderer's own sentences for an error code (what the UI would show). Imported at run time:
 * the renderer is a separate TypeScript project, which test/ may not import statically.
 */
async function rendererI18n(): Promise<RendererI18n> {
  const path = resolve(root, 'src/renderer/src/i18n/index.ts')
  return (await import(/* @vite-ignore */ path)) as RendererI18n
}

/**
 * The error is something a person can read: one line of words, no stack trace, no bare errno, and
 * the UI has a sentence for its code in English and Korean. Returns those two sentences.
 */
export async function expectPlainWords(
  error: AppError | undefined
): Promise<{ en: string; ko: string }> {
  const { errorText, i18n } = await rendererI18n()
  expect(error).toBeDefined()
  const e = error as AppError
  expect(e.message.length).toBeGreaterThan(10)
  expect(e.message).not.toMatch(/\n|\bat \S+ \(|\bat .+:\d+:\d+|^\w*Error:|\bE[A-Z]{4,}\b/)
  const shown: Record<string, string> = {}
  for (const lang of ['en', 'ko'] as const) {
    await i18n.changeLanguage(lang)
    expect(i18n.exists(`errors.${e.code}`, { lng: lang }), `${lang} sentence for ${e.code}`).toBe(
      true
    )
    shown[lang] = errorText(e)
    expect(shown[lang]).not.toMatch(/\{\{|errors\./)
  }
  await i18n.changeLanguage('en')
  return shown as { en: string; ko: string }
}

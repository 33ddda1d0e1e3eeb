/**
 * The app as the UI benchmarks drive it: the web harness (the built renderer, a real core behind
 * its WebSocket bridge) in Debian's Chromium via Playwright, on a data folder the caller may have
 * seeded, with a direct profile to the reference backend selected through window.api.
 */
import { join, resolve } from 'node:path'
import { chromium, type Browser, type Page } from 'playwright'
import { startHarness, type RunningHarness } from '../../src/harness/server'
import type { Api, EventPayloads } from '../../src/shared/ipc/contract'
import { referenceContract } from './coreDriver'
import { now } from './stats'

export interface WebApp {
  harness: RunningHarness
  browser: Browser
  page: Page
  close(): Promise<void>
}

const probes = resolve(__dirname, '../page/probes.js')

export async function startWebApp(opts: { dataDir: string; backendUrl: string }): Promise<WebApp> {
  const harness = await startHarness({
    dataDir: opts.dataDir,
    homeDir: opts.dataDir,
    locale: 'en-US',
    env: {}
  })
  let browser: Browser | undefined
  try {
    browser = await chromium.launch({
      executablePath: process.env.KHA_CHROMIUM ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking']
    })
    const context = await browser.newContext({
      viewport: { width: 1280, height: 800 },
      locale: 'en-US'
    })
    await context.addInitScript({ path: probes })
    const page = await context.newPage()
    await page.goto(harness.url)
    await page.evaluate(
      async ({ url, contract }) => {
        const api = (globalThis as unknown as { api: Api }).api
        const saved = await api.profiles.save({
          draft: {
            name: 'Bench backend',
            connection: { kind: 'direct', url },
            contract,
            timeouts: { connectSec: 10, idleSec: 60 }
          }
        })
        if (!saved.ok) throw new Error(`profiles:save: ${JSON.stringify(saved.error)}`)
        const selected = await api.profiles.select({ id: saved.data.saved.id })
        if (!selected.ok) throw new Error(`profiles:select: ${JSON.stringify(selected.error)}`)
      },
      { url: opts.backendUrl, contract: referenceContract }
    )
    await page.reload()
    await composer(page).waitFor({ state: 'visible', timeout: 15_000 })
    const b = browser
    return {
      harness,
      browser: b,
      page,
      async close() {
        await b.close()
        await harness.stop()
      }
    }
  } catch (error) {
    await browser?.close()
    await harness.stop()
    throw error
  }
}

export const composer = (page: Page) => page.getByRole('textbox', { name: 'Message', exact: true })
export const messageLog = (page: Page) => page.getByRole('log', { name: 'Messages' })
export const conversationButton = (page: Page, title: string) =>
  page
    .getByRole('navigation', { name: 'Conversations' })
    .getByRole('button', { name: title, exact: true })

/** Run a page-side probe function (bench/page/probes.js) by name. */
export function probe<T>(page: Page, name: string, ...args: unknown[]): Promise<T> {
  return page.evaluate(
    ({ name, args }) => {
      const bench = (
        globalThis as unknown as { __bench: Record<string, (...a: unknown[]) => unknown> }
      ).__bench
      return bench[name]?.(...args) as T
    },
    { name, args }
  ) as Promise<T>
}

/** Wait until the page-side probe `name(...args)` returns something truthy (polled every 20 ms). */
export async function waitForProbe(
  page: Page,
  name: string,
  args: unknown[],
  timeoutMs: number
): Promise<void> {
  await page.waitForFunction(
    ({ name, args }) => {
      const bench = (globalThis as unknown as { __bench: Record<string, unknown> }).__bench
      const value = bench[name]
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown)(...args) : value
    },
    { name, args },
    { timeout: timeoutMs, polling: 20 }
  )
}

/** The page-side stream counters' `done` is set. */
export async function waitForStreamDone(page: Page, timeoutMs: number): Promise<void> {
  await page.waitForFunction(
    () =>
      (globalThis as unknown as { __bench: { stream: { done: number | null } } }).__bench.stream
        .done !== null,
    undefined,
    { timeout: timeoutMs, polling: 20 }
  )
}

export interface CoreMarks {
  /** When the harness handed `chat:send` for this reply to the core, and when the core emitted its first delta and its done (this process's clock). */
  of(messageId: string): { sendIn: number; firstDelta: number; done: number }
  lastDone(): string | undefined
  stop(): void
}

/**
 * Marks taken where the core is (the harness runs in this process): what share of a figure
 * measured in the page is the core's, and what is the bridge's and the renderer's.
 */
export function markCore(harness: RunningHarness): CoreMarks {
  let sendIn = 0
  let lastDone: string | undefined
  const marks = new Map<string, { sendIn: number; firstDelta: number; done: number }>()
  const dispatch = harness.core.dispatch
  harness.core.dispatch = (channel, arg) => {
    if (channel === 'chat:send') sendIn = now()
    return dispatch(channel, arg)
  }
  const off = harness.core.onEvent((event, payload) => {
    if (event === 'chat:delta') {
      const id = (payload as EventPayloads['chat:delta']).messageId
      if (!marks.has(id)) marks.set(id, { sendIn, firstDelta: now(), done: Number.NaN })
    } else if (event === 'chat:done') {
      const id = (payload as EventPayloads['chat:done']).message.id
      const m = marks.get(id)
      if (m) m.done = now()
      lastDone = id
    }
  })
  return {
    of: (id) => marks.get(id) ?? { sendIn: Number.NaN, firstDelta: Number.NaN, done: Number.NaN },
    lastDone: () => lastDone,
    stop() {
      off()
      harness.core.dispatch = dispatch
    }
  }
}

export const rendererBuilt = () => join(resolve(__dirname, '../..'), 'out/renderer/index.html')

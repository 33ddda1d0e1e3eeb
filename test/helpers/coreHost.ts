/**
 * Real cores for the renderer's tests, one per WebSocket connection: the same startCore every
 * shell uses (through startTestCore: a temp data folder, secrets in memory, no background health
 * checks), spoken to over the web harness's wire format (src/harness/client/protocol.ts), so a
 * test's `window.api` is the harness client's transport + buildApi on a real core.
 *
 * Why a socket and not the core in the test's own process: the renderer's tests run in jsdom and
 * use fake timers (debounce, per-frame batching, countdowns), which would freeze the core's own
 * timers too; renderer code may not import the core (lint, tsconfig.web.json); and a result that
 * does not survive JSON (what the harness carries) fails here as it would in the browser.
 *
 * Started once per Vitest run by test/helpers/rendererSetup.ts (a globalSetup, in Vitest's own
 * Node process); closing a connection disposes its core and removes its data folder.
 */
import { WebSocketServer, type WebSocket } from 'ws'
import { writeFile, mkdir } from 'node:fs/promises'
import type { IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import type { InvokeMessage, ServerMessage } from '../../src/harness/client/protocol'
import type { Platform } from '../../src/core'
import { startTestCore, type TestCore } from './core'
import { writeLegacyFolder } from './legacyFolder'
import { tempDir } from './tempDir'

export interface CoreHost {
  /** ws://127.0.0.1:PORT/ : each connection gets a fresh core. */
  url: string
  close(): Promise<void>
}

const isInvoke = (m: unknown): m is InvokeMessage =>
  typeof m === 'object' &&
  m !== null &&
  (m as InvokeMessage).type === 'invoke' &&
  typeof (m as InvokeMessage).id === 'number' &&
  typeof (m as InvokeMessage).channel === 'string'

function electronStandIn(core: () => Promise<TestCore>): Platform {
  return {
    openExternal: async () => undefined,
    async saveFile(fileName, content) {
      const dir = join((await core()).dataDir, 'saved')
      await mkdir(dir, { recursive: true })
      const path = join(dir, fileName)
      await writeFile(path, content)
      return { saved: true, path }
    }
  }
}

export async function startCoreHost(): Promise<CoreHost> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, maxPayload: 64 * 1024 * 1024 })
  await new Promise<void>((ready, fail) => {
    wss.once('listening', ready)
    wss.once('error', fail)
  })
  // Each connection's core, closed once: when its socket closes, or when the host stops.
  const open = new Map<WebSocket, () => Promise<void>>()

  wss.on('connection', (ws: WebSocket, req: IncomingMessage) => {
    const query = new URL(req.url ?? '/', 'http://x').searchParams
    const send = (message: ServerMessage) => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message))
    }
    const shell = query.get('shell') === 'electron' ? 'electron' : 'web'
    // A data folder as 0.1 left it, with this many conversations: the first start imports them.
    const legacy = Number(query.get('legacy') ?? 0)
    const legacyDir = legacy > 0 ? tempDir('kha-renderer-legacy-') : undefined
    if (legacyDir) writeLegacyFolder(legacyDir.dir, { conversations: legacy, messagesPer: 10 })
    const started: Promise<TestCore> = startTestCore({
      ...(legacyDir ? { dataDir: legacyDir.dir } : {}),
      healthIntervalMs: 0,
      shell,
      ...(query.get('locale') ? { locale: query.get('locale') as string } : {}),
      // What Electron's glue gives the core: a browser that opens any link, a save dialog the user
      // always accepts (the file lands in the core's data folder).
      ...(shell === 'electron' ? { platform: electronStandIn(() => started) } : {})
    }).then(async (core) => {
      // The user's ~/.ssh/config (home is the data folder), for the import from it.
      const sshConfig = query.get('sshConfig')
      if (sshConfig !== null) {
        await mkdir(join(core.dataDir, '.ssh'), { recursive: true })
        await writeFile(join(core.dataDir, '.ssh', 'config'), sshConfig)
      }
      core.core.onEvent((event, payload) => send({ type: 'event', event, payload }))
      return core
    })
    ws.on('message', (data, isBinary) => {
      if (isBinary) return
      let message: unknown
      try {
        message = JSON.parse(String(data))
      } catch {
        return
      }
      if (!isInvoke(message)) return
      const { id, channel, arg } = message
      // dispatch validates the channel and the argument and never throws.
      void started
        .then((core) => core.core.dispatch(channel, arg))
        .then((result) => send({ type: 'result', id, result }))
    })
    let closed: Promise<void> | undefined
    const close = () =>
      (closed ??= started
        .then((core) => core.close())
        .catch(() => undefined)
        .finally(() => legacyDir?.cleanup()))
    open.set(ws, close)
    ws.on('close', () => void close().then(() => open.delete(ws)))
  })

  const { port } = wss.address() as AddressInfo
  return {
    url: `ws://127.0.0.1:${port}/`,
    async close() {
      for (const ws of wss.clients) ws.terminate()
      await Promise.all([...open.values()].map((close) => close()))
      await new Promise<void>((done) => wss.close(() => done()))
    }
  }
}

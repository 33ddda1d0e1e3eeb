/**
 * The web harness: the built renderer served to a browser, with a `window.api` whose every call and
 * event goes over a WebSocket to a real core (`startCore`, the same handler table Electron binds
 * to IPC), not to a mock. Playwright's `web` project runs the e2e specs through it, and `npm start`
 * falls back to it where Electron's binary is missing.
 *
 *   npm run harness -- --port 5180 --data-dir /tmp/kha   (prints its URL)
 *
 * It listens on 127.0.0.1 only, answers only requests addressed to its own host:port (a defence
 * against DNS rebinding), and accepts WebSocket connections only from its own page's origin.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import type { Duplex } from 'node:stream'
import { WebSocketServer, type WebSocket } from 'ws'
import { defaultDataDir, startCore, type Core } from '../core'
import { bundleHarnessClient } from './clientBundle'
import { harnessSocketPath, type InvokeMessage, type ServerMessage } from './client/protocol'
import { staticHeaders } from '../node/staticFiles'
import { harnessScriptPath, serveFile } from './static'

export const projectRoot = resolve(__dirname, '../..')

export interface HarnessOptions {
  /** 0 (default) lets the OS pick a free port. */
  port?: number
  /** Only 127.0.0.1: the harness gives full access to the core, so it never listens on a network. */
  host?: '127.0.0.1'
  dataDir: string
  /** The built renderer; defaults to out/renderer. */
  rendererDir?: string
  /** For ~/.ssh; tests pass the temp data dir so a developer's keys and agent stay out. */
  homeDir?: string
  /** The server's locale (appInfo.locale): the UI uses it only when the browser reports no languages of its own. */
  locale?: string
  env?: Record<string, string | undefined>
  /** Echo every log line to stderr (warnings and errors are always echoed). */
  verbose?: boolean
}

export interface RunningHarness {
  url: string
  port: number
  core: Core
  stop(): Promise<void>
}

function isInvokeMessage(value: unknown): value is InvokeMessage {
  const m = value as InvokeMessage
  return (
    typeof m === 'object' &&
    m !== null &&
    m.type === 'invoke' &&
    Number.isSafeInteger(m.id) &&
    typeof m.channel === 'string'
  )
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolveListen, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => {
      server.off('error', reject)
      const address = server.address()
      resolveListen(typeof address === 'object' && address ? address.port : port)
    })
  })
}

export async function startHarness(opts: HarnessOptions): Promise<RunningHarness> {
  const host = opts.host ?? '127.0.0.1'
  if (host !== '127.0.0.1') throw new Error('The web harness listens on 127.0.0.1 only')
  const rendererDir = resolve(opts.rendererDir ?? join(projectRoot, 'out/renderer'))
  try {
    readFileSync(join(rendererDir, 'index.html'))
  } catch {
    throw new Error(
      `The renderer is not built (${join(rendererDir, 'index.html')} is missing): run \`npm run build\` first`
    )
  }
  const clientScript = await bundleHarnessClient(projectRoot)
  // <dataDir>/logs/harness.log (its own file: the app may run on the same folder); warnings and
  // errors also go to the terminal. No OS keyring here: secrets are asked for again in each
  // harness session (appInfo says so). No system browser or save dialog to drive from here: the
  // core reports `opened/saved: false` and the renderer falls back to a link, a download.
  const { core, logger } = await startCore({
    dataDir: opts.dataDir,
    shell: 'web',
    echo: (line, level) => {
      if (opts.verbose || level === 'warn' || level === 'error') process.stderr.write(line + '\n')
    },
    ...(opts.locale ? { locale: opts.locale } : {}),
    ...(opts.env ? { env: opts.env } : {}),
    ...(opts.homeDir ? { homeDir: opts.homeDir } : {})
  })

  let origin = ''
  let ownHost = ''
  const server = createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => {
      logger.error('harness request failed', { error, url: req.url })
      if (!res.headersSent) res.writeHead(500, staticHeaders)
      res.end()
    })
  })

  async function handle(req: IncomingMessage, res: ServerResponse) {
    if (req.headers.host !== ownHost) {
      // `localhost:PORT` is us too: send the browser to the one origin the socket accepts.
      if (req.headers.host === `localhost:${ownHost.split(':')[1]}`) {
        res.writeHead(308, { ...staticHeaders, Location: origin + (req.url ?? '/') })
        res.end()
        return
      }
      res.writeHead(421, { ...staticHeaders, 'Content-Type': 'text/plain; charset=utf-8' })
      res.end('Misdirected request\n')
      return
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { ...staticHeaders, Allow: 'GET, HEAD' })
      res.end()
      return
    }
    const path = new URL(req.url ?? '/', origin).pathname
    if (path === harnessScriptPath) {
      res.writeHead(200, {
        ...staticHeaders,
        'Content-Type': 'text/javascript; charset=utf-8',
        'Content-Length': String(Buffer.byteLength(clientScript))
      })
      res.end(req.method === 'HEAD' ? undefined : clientScript)
      return
    }
    if (await serveFile(rendererDir, path, res, req.method === 'HEAD')) return
    res.writeHead(404, { ...staticHeaders, 'Content-Type': 'text/plain; charset=utf-8' })
    res.end('Not found\n')
  }

  // The Origin check stops other web pages, not other programs on this machine (they can send any
  // Origin). A random key per start, handed over only in the printed URL's fragment (never sent
  // in a request for a file), is what lets only the person who started the harness drive its core.
  const key = randomBytes(24).toString('base64url')
  const keyBytes = Buffer.from(key)
  // Compared as bytes of equal length: a string of the right length in characters can still be
  // longer in bytes (`é`), and timingSafeEqual throws on buffers of different lengths.
  const keyMatches = (given: string | null) => {
    if (given === null) return false
    const givenBytes = Buffer.from(given)
    return givenBytes.length === keyBytes.length && timingSafeEqual(givenBytes, keyBytes)
  }

  const wss = new WebSocketServer({ noServer: true, maxPayload: 16 * 1024 * 1024 })
  const refuse = (socket: Duplex, status: string) => {
    if (socket.writable)
      socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`)
    else socket.destroy()
  }
  const upgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const requested = new URL(req.url ?? '/', 'http://x')
    const path = requested.pathname
    // Any web page the user visits could try ws://127.0.0.1:PORT: only our own page may connect,
    // and only with this start's key.
    if (
      path !== harnessSocketPath ||
      req.headers.origin !== origin ||
      req.headers.host !== ownHost ||
      !keyMatches(requested.searchParams.get('key'))
    ) {
      logger.warn('refused a harness socket', {
        origin: req.headers.origin ?? null,
        host: req.headers.host ?? null,
        path
      })
      refuse(socket, '403 Forbidden')
      return
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req))
  }
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    // An exception here would end the process: no single request may bring the harness down.
    try {
      upgrade(req, socket, head)
    } catch (error) {
      logger.warn('refused a malformed harness socket request', {
        error: error instanceof Error ? error.message : String(error)
      })
      refuse(socket, '400 Bad Request')
    }
  })

  const send = (ws: WebSocket, message: ServerMessage) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message))
  }
  wss.on('connection', (ws) => {
    ws.on('message', (data, isBinary) => {
      if (isBinary) return
      let message: unknown
      try {
        message = JSON.parse(data.toString())
      } catch {
        return
      }
      if (!isInvokeMessage(message)) return
      // dispatch validates the channel and the argument and never throws.
      void core
        .dispatch(message.channel, message.arg)
        .then((result) => send(ws, { type: 'result', id: message.id, result }))
    })
  })
  const unsubscribe = core.onEvent((event, payload) => {
    for (const ws of wss.clients) send(ws, { type: 'event', event, payload })
  })

  let port: number
  try {
    port = await listen(server, opts.port ?? 0, host)
  } catch (error) {
    unsubscribe()
    await core.dispose()
    throw error
  }
  ownHost = `${host}:${port}`
  origin = `http://${ownHost}`
  logger.info('web harness listening', { url: `${origin}/` })

  let stopping: Promise<void> | undefined
  return {
    url: `${origin}/#key=${key}`,
    port,
    core,
    stop() {
      stopping ??= (async () => {
        unsubscribe()
        for (const ws of wss.clients) ws.close(1001, 'harness stopping')
        wss.close()
        await new Promise<void>((done) => {
          server.close(() => done())
          server.closeAllConnections()
        })
        await core.dispose()
      })()
      return stopping
    }
  }
}

/** `npm run harness -- --port N --data-dir DIR [--host 127.0.0.1] [--locale ko-KR] [--verbose]` */
export async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string', default: '5180' },
      host: { type: 'string', default: '127.0.0.1' },
      'data-dir': { type: 'string' },
      'home-dir': { type: 'string' },
      locale: { type: 'string' },
      verbose: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false }
    },
    strict: true
  })
  if (values.help) {
    process.stdout.write(
      'Usage: npm run harness -- [--port N] [--data-dir DIR] [--locale ko-KR] [--verbose]\n'
    )
    return
  }
  if (values.host !== '127.0.0.1')
    throw new Error('--host: the web harness listens on 127.0.0.1 only')
  const port = Number(values.port)
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port: not a port number: ${values.port}`)
  const harness = await startHarness({
    port,
    dataDir: values['data-dir'] ?? defaultDataDir(),
    homeDir: values['home-dir'],
    locale: values.locale,
    verbose: values.verbose
  })
  process.stdout.write(`kha-desktop web harness: ${harness.url}\n`)

  // Ctrl+C in a terminal reaches both `npm start` and us, and npm start forwards it too: a
  // second signal while stopping must not kill the process before the core has flushed its stores.
  let stopping = false
  const shutdown = (signal: string) => {
    if (stopping) return
    stopping = true
    process.stderr.write(`kha-desktop web harness: ${signal}, stopping\n`)
    harness.stop().then(
      () => process.exit(0),
      () => process.exit(1)
    )
  }
  process.on('SIGTERM', () => shutdown('SIGTERM'))
  process.on('SIGINT', () => shutdown('SIGINT'))
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    // One line, no stack trace: these are usage or setup problems a person can act on.
    const code = (error as NodeJS.ErrnoException).code
    const message =
      code === 'EADDRINUSE'
        ? 'that port is in use: pass another with --port N (or --port 0 for any free one)'
        : error instanceof Error
          ? error.message
          : String(error)
    process.stderr.write(`kha-desktop web harness: ${message}\n`)
    process.exit(1)
  })
}

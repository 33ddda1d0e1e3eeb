/**
 * Helpers for the tunnel tests and the tunnel benches (not used by the app): the far side (a real
 * sshd, a target behind it, a home that trusts it), a profile pointing at a test sshd, a connector
 * on temp folders with every state recorded, and plain `http.request`s through the link's agent
 * (the real backend client is tested elsewhere; these tests are about the tunnel). The Vitest
 * hooks that set these up per file are in testRig.ts.
 */
import http from 'node:http'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { ConnectionState } from '@shared/connection'
import { AppFailure } from '@shared/errors'
import { ProfileSchema, type Profile } from '@shared/profile'
import { createLogger } from '../../logger'
import { MemorySecretStore, secretKey, type SecretKind } from '../../secrets'
import type { Connector, Link } from '../link'
import { createTunnelConnector, type TunnelConnectorOptions } from './connector'
import { startSshd, type RunningSshd, type SshdOptions } from '../../../../test/fixtures/sshd'

export interface SshdLike {
  host: string
  port: number
  username: string
  clientKeyPath: string
  hostPublicKeyLine: string
}

export function tunnelProfile(
  sshd: SshdLike,
  over: {
    connection?: Record<string, unknown>
    ssh?: Record<string, unknown>
    connectSec?: number
  } = {}
): Profile {
  return ProfileSchema.parse({
    id: 'p-tunnel',
    name: 'tunnel test',
    connection: {
      kind: 'tunnel',
      ssh: {
        host: sshd.host,
        port: sshd.port,
        username: sshd.username,
        auth: 'key',
        keyPath: sshd.clientKeyPath,
        ...over.ssh
      },
      target: { host: '127.0.0.1', port: 9 },
      keepaliveIntervalSec: 5,
      keepaliveCountMax: 3,
      ...over.connection
    },
    timeouts: { connectSec: over.connectSec ?? 5, idleSec: 10 }
  })
}

export interface TempHome {
  homeDir: string
  dataDir: string
  cleanup(): void
}

/** A home folder whose ~/.ssh/known_hosts holds these lines, and an empty data folder. */
export function tempHome(knownHosts: string[] = []): TempHome {
  const root = mkdtempSync(join(tmpdir(), 'kha-tunnel-'))
  const homeDir = join(root, 'home')
  const dataDir = join(root, 'data')
  mkdirSync(join(homeDir, '.ssh'), { recursive: true })
  mkdirSync(dataDir)
  if (knownHosts.length > 0)
    writeFileSync(join(homeDir, '.ssh', 'known_hosts'), knownHosts.join('\n') + '\n')
  return { homeDir, dataDir, cleanup: () => rmSync(root, { recursive: true, force: true }) }
}

export interface SshdAndTarget {
  sshd: RunningSshd
  /** The port the tunnel forwards to: the plain HTTP server, or the `targetPort` given. */
  targetPort: number
  /** A home whose known_hosts trusts `sshd`'s host key, and its data folder. */
  home: TempHome
  /** Stops sshd and the HTTP server, removes the home. */
  stop(): Promise<void>
}

/**
 * The far side of a tunnel test: a real sshd, a target behind it, and a home that already trusts
 * the server. The target is either a plain HTTP server started here, answering every request
 * with `${reply}: ${url}` (`{ reply }`), or a port that already listens (`{ port }`, e.g. the
 * reference backend's); without `target` the profile's default target is never reached.
 */
export async function startSshdAndTarget(
  opts: { sshd?: SshdOptions; target?: { reply: string } | { port: number } } = {}
): Promise<SshdAndTarget> {
  const target = opts.target
  let server: http.Server | undefined
  let targetPort = 9
  if (target && 'reply' in target) {
    const s = http.createServer((req, res) => res.end(`${target.reply}: ${req.url}`))
    server = s
    await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()))
    targetPort = (s.address() as { port: number }).port
  } else if (target) targetPort = target.port
  const sshd = await startSshd(opts.sshd)
  const home = tempHome([sshd.hostPublicKeyLine])
  return {
    sshd,
    targetPort,
    home,
    async stop() {
      await Promise.all([sshd.stop(), new Promise((r) => (server ? server.close(r) : r(null)))])
      home.cleanup()
    }
  }
}

/**
 * For the bench: a real sshd and a tunnel connector through it to `port` (the reference
 * backend's) with the profile's default keepalives (60 s × 5); `stop()` closes the connector,
 * then stops sshd and removes the home.
 */
export async function startTunnelTo(
  port: number,
  opts: { connectSec: number }
): Promise<SshdAndTarget & { tunnel: TestConnector }> {
  const far = await startSshdAndTarget({ target: { port } })
  const profile = tunnelProfile(far.sshd, {
    connection: {
      target: { host: '127.0.0.1', port },
      keepaliveIntervalSec: 60,
      keepaliveCountMax: 5
    },
    connectSec: opts.connectSec
  })
  const tunnel = startConnector(profile, far.home)
  return {
    ...far,
    tunnel,
    async stop() {
      await tunnel.close()
      await far.stop()
    }
  }
}

export interface TestConnector {
  connector: Connector
  states: ConnectionState[]
  logLines: string[]
  secrets: MemorySecretStore
  /** Resolve with the first state (already seen or coming) that matches. */
  waitFor(pred: (s: ConnectionState) => boolean, timeoutMs?: number): Promise<ConnectionState>
  close(): Promise<void>
}

export function startConnector(
  profile: Profile,
  dirs: { homeDir: string; dataDir: string },
  extra: Partial<Omit<TunnelConnectorOptions, 'profile' | 'logger' | 'homeDir' | 'dataDir'>> & {
    secretValues?: Record<string, string>
  } = {}
): TestConnector {
  const secrets = new MemorySecretStore()
  // Stored as the app stores them: bound to the endpoint of this profile (secrets.ts).
  for (const [k, v] of Object.entries(extra.secretValues ?? {}))
    void secrets.set(secretKey(profile, k as SecretKind) as string, v, false)
  const logLines: string[] = []
  const logger = createLogger((line) => logLines.push(line))
  const { secretValues: _ignored, ...rest } = extra
  const connector = createTunnelConnector({
    profile,
    secrets,
    logger,
    env: {},
    ...rest,
    homeDir: dirs.homeDir,
    dataDir: dirs.dataDir
  })
  const states: ConnectionState[] = [connector.state()]
  connector.onState((s) => states.push(s))
  return {
    connector,
    states,
    logLines,
    secrets,
    waitFor(pred, timeoutMs = 10_000) {
      const found = states.find(pred)
      if (found) return Promise.resolve(found)
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          off()
          reject(
            new Error(
              `no matching state within ${timeoutMs} ms; last: ${JSON.stringify(connector.state())}`
            )
          )
        }, timeoutMs)
        const off = connector.onState((s) => {
          if (!pred(s)) return
          clearTimeout(timer)
          off()
          resolve(s)
        })
      })
    },
    close: () => connector.close()
  }
}

export interface HttpResult {
  status: number
  body: string
}

/** GET `path` through the link (its agent, its origin), as the backend client would. */
export function httpGet(
  link: Link,
  path: string,
  opts: { timeoutMs?: number; onChunk?: (chunk: string) => void } = {}
): Promise<HttpResult> {
  return new Promise((resolve, reject) => {
    const req = http.request(new URL(path, link.origin), { agent: link.agent }, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => {
        body += chunk
        opts.onChunk?.(chunk)
      })
      res.on('end', () =>
        res.complete
          ? resolve({ status: res.statusCode ?? 0, body })
          : reject(new Error('response incomplete'))
      )
      res.on('error', reject)
      res.on('aborted', () => reject(new Error('response aborted')))
    })
    const timer = setTimeout(
      () => req.destroy(new Error(`no answer within ${opts.timeoutMs ?? 10_000} ms`)),
      opts.timeoutMs ?? 10_000
    )
    req.on('close', () => clearTimeout(timer))
    req.on('error', reject)
    req.end()
  })
}

/** The AppError code a promise rejected with (or 'resolved' / the raw message). */
export async function rejectionCode(p: Promise<unknown>): Promise<string> {
  try {
    await p
    return 'resolved'
  } catch (error) {
    return error instanceof AppFailure ? error.error.code : `raw: ${(error as Error).message}`
  }
}

/**
 * The per-file setup the integration tests share (Vitest hooks): the reference backend for the
 * whole file, real cores that are closed after each test, and the profile drafts they save.
 */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll } from 'vitest'
import type { AppError } from '../../src/shared/errors'
import type { ProfileDraft } from '../../src/shared/profile'
import { startBackend, type RunningBackend } from '../fixtures/backend'
import type { RunningSshd } from '../fixtures/sshd'
import { startTestCore, type TestCore } from './core'
import { tempDir } from './tempDir'

/**
 * The reference backend, started before the file's first test and stopped after its last; its
 * knobs are cleared after each test (and it is started again if a test left it stopped). What it
 * returns stands for the backend from the first test on, so a file can name it at the top.
 */
export function withBackend(opts?: Parameters<typeof startBackend>[0]): RunningBackend {
  let running: RunningBackend | undefined
  beforeAll(async () => {
    running = await startBackend(opts)
  })
  afterEach(async () => {
    await running?.start()
    await running?.clearKnobs()
  })
  afterAll(async () => {
    await running?.stop()
  })
  const b = () => {
    if (!running) throw new Error('the backend starts before the first test: use it inside one')
    return running
  }
  return {
    get url() {
      return b().url
    },
    get port() {
      return b().port
    },
    get host() {
      return b().host
    },
    setKnobs: (knobs) => b().setKnobs(knobs),
    clearKnobs: () => b().clearKnobs(),
    requests: () => b().requests(),
    stop: () => b().stop(),
    start: () => b().start(),
    output: () => b().output()
  }
}

/** Real cores (startTestCore) and temp folders a test makes, closed and removed after it. */
export function testCores(): {
  start(opts?: Parameters<typeof startTestCore>[0]): Promise<TestCore>
  /** A fresh folder, removed after the test. */
  tempDir(prefix?: string): string
} {
  const cores: TestCore[] = []
  const temps: Array<{ cleanup(): void }> = []
  afterEach(async () => {
    // Last started first: a later core may share an earlier one's data folder, which that removes.
    for (const c of cores.splice(0).reverse()) await c.close()
    for (const d of temps.splice(0)) d.cleanup()
  })
  return {
    async start(opts) {
      const core = await startTestCore(opts)
      cores.push(core)
      return core
    },
    tempDir(prefix) {
      const temp = tempDir(prefix)
      temps.push(temp)
      return temp.dir
    }
  }
}

/** A direct profile to `url` with short timeouts; `over` adds or replaces fields. */
export function directDraft(url: string, over: Record<string, unknown> = {}): ProfileDraft {
  return {
    name: 'ref',
    connection: { kind: 'direct', url },
    timeouts: { connectSec: 5, idleSec: 10 },
    ...over
  } as ProfileDraft
}

/**
 * A tunnel profile to the fixture's sshd with its client key. With `knownHostsIn`, a known_hosts
 * file in that folder trusts the server (otherwise its key is unknown: the user is asked).
 */
export function tunnelDraft(
  sshd: RunningSshd,
  opts: {
    target?: { host: string; port: number }
    knownHostsIn?: string
    connection?: Record<string, unknown>
  } & Record<string, unknown> = {}
): ProfileDraft {
  const { target, knownHostsIn, connection, ...over } = opts
  let knownHostsPath: string | undefined
  if (knownHostsIn) {
    knownHostsPath = join(knownHostsIn, 'known_hosts')
    writeFileSync(knownHostsPath, sshd.hostPublicKeyLine + '\n')
  }
  return {
    name: 'tunnel',
    connection: {
      kind: 'tunnel',
      ssh: {
        host: '127.0.0.1',
        port: sshd.port,
        username: sshd.username,
        auth: 'key',
        keyPath: sshd.clientKeyPath
      },
      target: target ?? { host: '127.0.0.1', port: 9 },
      ...(knownHostsPath ? { knownHostsPath } : {}),
      ...connection
    },
    timeouts: { connectSec: 5, idleSec: 10 },
    ...over
  } as ProfileDraft
}

/** Save a draft on a core; the saved profile (the first one saved is selected at once). */
export async function saveProfile(core: TestCore, draft: ProfileDraft) {
  return (await core.ok('profiles:save', { draft: draft as Record<string, unknown> })).saved
}

/** Send one message; the reply's final message (done or failed, with its error). */
export async function ask(core: TestCore | undefined, text: string) {
  if (!core) throw new Error('no core')
  const sent = await core.ok('chat:send', { text })
  return (await core.outcome(sent.assistantMessage.id)) as {
    message: { status: string; text: string }
    error?: AppError
  }
}

/**
 * The per-file setup of the tunnel integration tests (Vitest hooks; the bench uses testKit's
 * `startSshdAndTarget` directly): a real sshd and a target behind it for the whole file, the
 * reference backend when asked for, every connector a test starts closed after that test, and
 * whatever else a test starts (another sshd, a server, a home) stopped after the file.
 */
import { afterAll, afterEach, beforeAll } from 'vitest'
import type { Profile } from '@shared/profile'
import { startBackend, type RunningBackend } from '../../../../test/fixtures/backend'
import type { RunningSshd, SshdOptions } from '../../../../test/fixtures/sshd'
import {
  startConnector,
  startSshdAndTarget,
  tempHome,
  type SshdAndTarget,
  type TempHome,
  type TestConnector
} from './testKit'

export interface TunnelRig {
  readonly sshd: RunningSshd
  /** Trusts `sshd`'s host key. */
  readonly home: TempHome
  /** The plain HTTP server's port (`target: { reply }`) or the backend's (`backend: true`). */
  readonly targetPort: number
  /** With `backend: true`: the reference backend, the tunnel's target. */
  readonly backend: RunningBackend
  /** testKit's `startConnector` (in `home` by default); the connector is closed after the test. */
  connect(
    profile: Profile,
    dirs?: { homeDir: string; dataDir: string },
    extra?: Parameters<typeof startConnector>[2]
  ): TestConnector
  /** Another temp home, removed after the file. */
  newHome(knownHosts?: string[]): TempHome
  /** Stopped after the file: another sshd, a server. Returns what it is given. */
  later<T extends { stop(): Promise<void> }>(thing: T): T
}

export function withSshdAndTarget(
  opts: { sshd?: SshdOptions; target?: { reply: string }; backend?: boolean } = {}
): TunnelRig {
  let far: SshdAndTarget | undefined
  let backend: RunningBackend | undefined
  const open: TestConnector[] = []
  const toStop: Array<{ stop(): Promise<void> }> = []
  const started = <T>(what: string, value: T | undefined): T => {
    if (value === undefined) throw new Error(`${what} is not started yet (read it inside a test)`)
    return value
  }

  beforeAll(async () => {
    // Side by side: uvicorn and sshd each take a moment.
    ;[backend, far] = await Promise.all([
      opts.backend ? startBackend() : undefined,
      startSshdAndTarget({ sshd: opts.sshd, target: opts.target })
    ])
  })
  afterEach(async () => {
    await Promise.all(open.splice(0).map((c) => c.close()))
  })
  afterAll(async () => {
    await Promise.all([far?.stop(), backend?.stop(), ...toStop.map((t) => t.stop())])
  })

  return {
    get sshd() {
      return started('sshd', far).sshd
    },
    get home() {
      return started('sshd', far).home
    },
    get targetPort() {
      return opts.backend ? started('backend', backend).port : started('sshd', far).targetPort
    },
    get backend() {
      return started('backend', backend)
    },
    connect(profile, dirs, extra) {
      const c = startConnector(profile, dirs ?? started('sshd', far).home, extra)
      open.push(c)
      return c
    },
    newHome(knownHosts = []) {
      const h = tempHome(knownHosts)
      toStop.push({ stop: async () => h.cleanup() })
      return h
    },
    later(thing) {
      toStop.push(thing)
      return thing
    }
  }
}

/**
 * The doctor and "copy diagnostics" through the contract, as the renderer calls them: a real core
 * (startCore), a file logger, and the real reference backend.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { appVersion, createFileLogger } from '../../src/core'
import type { EventPayloads } from '../../src/shared/ipc/contract'
import { freePort, startSilentServer } from '../fixtures/ports'
import type { TestCore } from '../helpers/core'
import { testCores, withBackend } from '../helpers/integration'

let t: TestCore | undefined
const backend = withBackend()
const cores = testCores()

async function coreWithLog() {
  const dataDir = cores.tempDir()
  const logger = createFileLogger(dataDir)
  t = await cores.start({ dataDir, logger })
  return { t, logger }
}

describe('connection:doctor and app:diagnostics over the contract', () => {
  it('checks the selected profile, and diagnostics then include that report and the log', async () => {
    const { t } = await coreWithLog()
    await t.ok('profiles:save', {
      draft: { name: 'ref', connection: { kind: 'direct', url: backend.url } }
    })
    const report = await t.ok('connection:doctor')
    expect(report.ok).toBe(true)
    expect(report.steps.map((s) => s.id)).toEqual(['resolve', 'tcp', 'health', 'chat'])
    const { text } = await t.ok('app:diagnostics')
    expect(text).toContain(`kha-desktop ${appVersion} (web)`)
    expect(text).toContain('"name": "ref"')
    expect(text).toContain('ref: all steps passed')
    expect(text).toMatch(/INFO connection check/)
  })

  it('checks a profile by id, reports the failing step, and says when none is selected', async () => {
    const { t } = await coreWithLog()
    const none = await t.call('connection:doctor')
    expect(none.ok ? null : none.error.code).toBe('profile.none_selected')
    const port = await freePort()
    const { saved } = await t.ok('profiles:save', {
      draft: { name: 'wrong port', connection: { kind: 'direct', url: `http://127.0.0.1:${port}` } }
    })
    const report = await t.ok('connection:doctor', { profileId: saved.id })
    expect(report.steps.find((s) => s.status === 'failed')).toMatchObject({
      id: 'tcp',
      error: { code: 'backend.refused' }
    })
    const unknown = await t.call('connection:doctor', { profileId: 'nope' })
    expect(unknown.ok ? null : unknown.error.code).toBe('profile.not_found')
  })

  it('never writes a secret to the log file or the diagnostics: bearer header and API key on a failing chat', async () => {
    const { t, logger } = await coreWithLog()
    const secretHeader = 'SECRET-header-token-4242'
    const apiKey = 'sk-api-key-SECRET-9999'
    const { saved } = await t.ok('profiles:save', {
      draft: {
        name: 'with secrets',
        connection: { kind: 'direct', url: backend.url },
        contract: {
          auth: 'bearer',
          headers: [{ name: 'Authorization', value: `Bearer ${secretHeader}` }]
        }
      }
    })
    await t.ok('profiles:setApiKey', { id: saved.id, value: apiKey })
    await backend.setKnobs({ fail_status: 401 })
    try {
      const sent = await t.ok('chat:send', { text: 'hello' })
      await t.next('chat:failed', (p) => p.message.id === sent.assistantMessage.id)
      await t.ok('connection:doctor')
    } finally {
      await backend.clearKnobs()
    }
    // Anything that logs the request must not leak either.
    logger.error('request failed', { headers: { authorization: `Bearer ${secretHeader}` }, apiKey })
    const file = readFileSync(logger.file, 'utf8')
    expect(file).toContain('reply failed')
    const { text } = await t.ok('app:diagnostics')
    for (const secret of [secretHeader, apiKey]) {
      expect(file).not.toContain(secret)
      expect(text).not.toContain(secret)
    }
  })
})

describe('doctor:step and connection:doctorStop', () => {
  it('tells each step as it finishes under the caller’s run id, and a second caller joining the run gets them all', async () => {
    const { t } = await coreWithLog()
    await t.ok('profiles:save', {
      draft: { name: 'ref', connection: { kind: 'direct', url: backend.url } }
    })
    const live: string[] = []
    const joined: string[] = []
    t.core.onEvent((event, payload) => {
      if (event !== 'doctor:step') return
      const p = payload as EventPayloads['doctor:step']
      if (p.runId === 'run-1') live.push(`${p.step.id}:${p.step.status}`)
      if (p.runId === 'run-2') joined.push(`${p.step.id}:${p.step.status}`)
    })
    const first = t.ok('connection:doctor', { runId: 'run-1' })
    // Joined once its first step is out: that step is told again under the second id.
    await t.next('doctor:step', (p) => p.runId === 'run-1')
    const second = t.ok('connection:doctor', { runId: 'run-2' })
    const [a, b] = await Promise.all([first, second])
    expect(b).toBe(a)
    expect(live).toEqual(['resolve:ok', 'tcp:ok', 'health:ok', 'chat:ok'])
    expect(joined).toEqual(live)
  })

  it('stops a running check: the step running fails as stopped, the rest are skipped, and the answer is that report', async () => {
    // A server that accepts and never answers: the health request waits until the check is stopped.
    const silent = await startSilentServer()
    const port = silent.port
    try {
      const { t } = await coreWithLog()
      await t.ok('profiles:save', {
        draft: { name: 'silent', connection: { kind: 'direct', url: `http://127.0.0.1:${port}` } }
      })
      const running = t.call('connection:doctor', { runId: 'mine' })
      await t.next('doctor:step', (p) => p.runId === 'mine' && p.step.id === 'tcp')
      expect(await t.ok('connection:doctorStop', { runId: 'someone-else' })).toEqual({
        stopped: false
      })
      expect(await t.ok('connection:doctorStop', { runId: 'mine' })).toEqual({ stopped: true })
      const res = await running
      expect(res.ok).toBe(true)
      const report = res.ok ? res.data : undefined
      expect(report?.steps.map((s) => [s.id, s.status, s.error?.code])).toEqual([
        ['resolve', 'ok', undefined],
        ['tcp', 'ok', undefined],
        ['health', 'failed', 'backend.aborted'],
        ['chat', 'skipped', undefined]
      ])
      expect(await t.ok('connection:doctorStop')).toEqual({ stopped: false })
    } finally {
      await silent.close()
    }
  })
})

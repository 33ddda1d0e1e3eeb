/**
 * The doctor and "copy diagnostics" through the contract, as the renderer calls them: a real core
 * (createCore), a file logger, and the real reference backend.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { appVersion, createFileLogger } from '../../src/core'
import { freePort } from '../fixtures/ports'
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

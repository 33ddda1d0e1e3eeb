/**
 * First start against the reference backend: `profiles:detect` checks an unsaved draft end to
 * end and names the server type; export and import carry profiles between machines.
 */
import { describe, expect, it } from 'vitest'
import { freePort } from '../fixtures/ports'
import type { TestCore } from '../helpers/core'
import { testCores, withBackend } from '../helpers/integration'

let t: TestCore
const backend = withBackend()
const cores = testCores()

describe('profiles:detect', () => {
  it('finds the kha streaming routes on the reference backend and passes the test chat with them, saving nothing', async () => {
    t = await cores.start()
    const report = await t.ok('profiles:detect', {
      draft: { name: '회사 챗봇', connection: { kind: 'direct', url: backend.url } }
    })
    expect(report.ok).toBe(true)
    expect(report.detected?.preset).toBe('kha_stream')
    expect(report.steps.map((s) => s.id)).toEqual(['resolve', 'tcp', 'detect', 'health', 'chat'])
    expect(report.steps.find((s) => s.id === 'chat')?.detail?.reply).toMatch(/^Echo: ping/)
    expect((await t.ok('profiles:list')).profiles).toEqual([])
  })

  it('says where it failed when nothing answers, with field errors for a bad draft', async () => {
    t = await cores.start()
    const port = await freePort()
    const report = await t.ok('profiles:detect', {
      draft: { name: 'x', connection: { kind: 'direct', url: `http://127.0.0.1:${port}` } }
    })
    expect(report.ok).toBe(false)
    expect(report.steps.find((s) => s.status === 'failed')).toMatchObject({
      id: 'tcp',
      error: { code: 'backend.refused' }
    })
    expect(report.detected).toBeUndefined()
    const bad = await t.call('profiles:detect', {
      draft: { name: '', connection: { kind: 'direct', url: 'localhost 8030' } }
    })
    expect(bad.ok ? [] : bad.error.fields?.map((f) => f.field)).toEqual(['name', 'connection.url'])
  })
})

describe('profiles:export and profiles:import', () => {
  it('a file exported on one machine adds its profiles on another; importing it again updates instead of duplicating', async () => {
    t = await cores.start()
    await t.ok('profiles:save', {
      draft: { name: '회사 챗봇', connection: { kind: 'direct', url: backend.url } }
    })
    await t.ok('profiles:setApiKey', {
      id: (await t.ok('profiles:list')).profiles[0]!.id,
      value: 'sk-secret-99'
    })
    const file = await t.ok('profiles:export')
    expect(file.content).not.toContain('sk-secret-99')
    await t.close()

    t = await cores.start()
    const first = await t.ok('profiles:import', { content: file.content })
    expect(first.added).toEqual(['회사 챗봇'])
    expect(first.activeId).toBe(first.profiles[0]!.id)
    expect(first.withApiKey).toEqual([])
    const again = await t.ok('profiles:import', { content: file.content })
    expect(again).toMatchObject({ added: [], updated: ['회사 챗봇'] })
    expect(again.profiles).toHaveLength(1)
    const bad = await t.call('profiles:import', { content: '{"format":"something-else"}' })
    expect(bad.ok ? null : bad.error.code).toBe('profile.bad_file')
  })
})

describe('backend:models for any profile', () => {
  it('lists the models of a draft not saved and of a saved profile that is not selected, leaving the selection alone', async () => {
    t = await cores.start()
    const draft = {
      name: 'gw',
      connection: { kind: 'direct', url: backend.url },
      contract: {
        path: '/v1/chat/completions',
        replyFormat: 'sse',
        replyField: 'choices.0.delta.content'
      }
    }
    const fromDraft = await t.ok('backend:models', { draft })
    expect(fromDraft.length).toBeGreaterThan(0)
    const { saved: first } = await t.ok('profiles:save', {
      draft: { name: 'first', connection: { kind: 'direct', url: backend.url } }
    })
    const { saved: other } = await t.ok('profiles:save', { draft })
    expect((await t.ok('profiles:list')).activeId).toBe(first.id)
    expect(await t.ok('backend:models', { profileId: other.id })).toEqual(fromDraft)
    expect(await t.ok('backend:models')).toEqual(fromDraft)
    expect((await t.ok('profiles:list')).activeId).toBe(first.id)
  })
})

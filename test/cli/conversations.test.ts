/**
 * `kha-desktop conversations …` as a child process on a real history database: the JSON shapes
 * scripts rely on (docs/CLI.md), versions with --all, Korean search, export and remove.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { silentLogger } from '../../src/core/logger'
import { openConversationStore } from '../../src/core/store/conversations'
import { runCliSync } from '../helpers/cli'
import { tempDir } from '../helpers/tempDir'

let data: { dir: string; cleanup(): void }
beforeEach(() => (data = tempDir('kha-cli-conv-')))
afterEach(() => data.cleanup())

const run = (...args: string[]) =>
  runCliSync(args, { home: data.dir, dataDir: data.dir, cwd: data.dir, env: { LANG: 'C' } })

/** Two conversations; the first with a regenerated reply (two versions, the first selected). */
async function seed() {
  const s = await openConversationStore(data.dir, silentLogger)
  const a = await s.create()
  const t = s.beginTurn({ kind: 'send', conversationId: a.id, text: '다음 주 회의 안건 정리' })
  s.finish(t.assistant.id, { status: 'done', text: '1. 예산 결재\n2. 채용' })
  const again = s.beginTurn({ kind: 'retry', conversationId: a.id, messageId: t.user.id })
  s.finish(again.assistant.id, {
    status: 'failed',
    text: '',
    error: { code: 'backend.refused', message: 'refused' }
  })
  const b = await s.create()
  const u = s.beginTurn({ kind: 'send', conversationId: b.id, text: 'Quarterly report draft' })
  s.finish(u.assistant.id, { status: 'stopped', text: 'Here is a dra' })
  s.close()
  return { a: a.id, b: b.id, user: t.user.id, first: t.assistant.id, second: again.assistant.id }
}

describe('kha-desktop conversations', () => {
  it('list, show (selected path and --all), search, export and remove, in the documented JSON shapes', async () => {
    const ids = await seed()
    const list = run('conversations', 'list', '--json')
    expect(list.code).toBe(0)
    expect(list.json()).toEqual({
      conversations: [
        {
          id: ids.b,
          title: 'Quarterly report draft',
          updatedAt: expect.any(Number),
          messageCount: 2
        },
        {
          id: ids.a,
          title: '다음 주 회의 안건 정리',
          updatedAt: expect.any(Number),
          messageCount: 2
        }
      ]
    })

    const show = run('conversations', 'show', ids.a, '--json')
    expect(show.json()).toEqual({
      id: ids.a,
      title: '다음 주 회의 안건 정리',
      messages: [
        {
          id: ids.user,
          parentId: null,
          role: 'user',
          text: '다음 주 회의 안건 정리',
          status: 'done',
          createdAt: expect.any(Number)
        },
        {
          id: ids.second,
          parentId: ids.user,
          role: 'assistant',
          text: '',
          status: 'failed',
          createdAt: expect.any(Number),
          error: { code: 'backend.refused', message: 'refused' }
        }
      ]
    })
    const all = run('conversations', 'show', ids.a, '--all', '--json').json() as {
      messages: Array<{ id: string; parentId: string | null }>
    }
    expect(all.messages.map((m) => [m.id, m.parentId])).toEqual([
      [ids.user, null],
      [ids.first, ids.user],
      [ids.second, ids.user]
    ])

    // Two syllables (no trigram) and three or more, in the first conversation's other version too.
    expect(run('conversations', 'search', '결재', '--json').json()).toEqual({
      hits: [
        {
          conversationId: ids.a,
          messageId: ids.first,
          title: '다음 주 회의 안건 정리',
          snippet: '1. 예산 결재 2. 채용'
        }
      ]
    })
    expect(run('conversations', 'search', 'report', '--json').json()).toEqual({
      hits: [
        {
          conversationId: ids.b,
          messageId: null,
          title: 'Quarterly report draft',
          snippet: 'Quarterly report draft'
        }
      ]
    })

    const out = join(data.dir, 'export.md')
    const exported = run('conversations', 'export', ids.b, '--format', 'md', '--out', out, '--json')
    expect(exported.json()).toEqual({ path: out, bytes: expect.any(Number) })
    expect(readFileSync(out, 'utf8')).toContain('Here is a dra')
    const asJson = JSON.parse(run('conversations', 'export', ids.b, '--format', 'json').stdout) as {
      messages: unknown[]
    }
    expect(asJson.messages).toHaveLength(2)

    expect(run('conversations', 'remove', ids.b, '--json').json()).toEqual({ removed: ids.b })
    expect(
      (run('conversations', 'list', '--json').json() as { conversations: unknown[] }).conversations
    ).toHaveLength(1)
    expect(run('conversations', 'search', 'report', '--json').json()).toEqual({ hits: [] })
    const missing = run('conversations', 'show', ids.b, '--json')
    expect(missing.code).toBe(2)
    expect(missing.json()).toMatchObject({ ok: false, error: { code: 'conversation.not_found' } })
  }, 120_000)
})

describe('a data folder that cannot be used', () => {
  it('says which folder, why, and how to name another, and exits 3', () => {
    const file = join(data.dir, 'not-a-folder')
    writeFileSync(file, 'x')
    const res = runCliSync(['conversations', 'list'], {
      home: data.dir,
      dataDir: file,
      cwd: data.dir,
      env: { LANG: 'C' }
    })
    expect(res.code).toBe(3)
    expect(res.stderr).toContain(`The data folder ${file} cannot be opened`)
    expect(res.stderr).toContain('name another with --data-dir or KHA_DATA_DIR')
  })
})

import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { tempDir } from '../../../test/helpers/tempDir'
import { silentLogger } from '../logger'
import { openConversationStore, type ConversationStore } from '../store/conversations'
import { importBackup, makeBackup } from './backup'

let dirs: Array<{ dir: string; cleanup: () => void }>
const open: ConversationStore[] = []
beforeEach(() => (dirs = [tempDir(), tempDir()]))
afterEach(() => {
  for (const s of open.splice(0)) s.close()
  for (const d of dirs) d.cleanup()
})

async function store(i: number) {
  const s = await openConversationStore(dirs[i]!.dir, silentLogger)
  open.push(s)
  return s
}

function turn(s: ConversationStore, conversationId: string, question: string, answer: string) {
  const t = s.beginTurn({ kind: 'send', conversationId, text: question })
  s.finish(t.assistant.id, { status: 'done', text: answer })
  return t
}

describe('backup of every conversation', () => {
  it('moves every conversation to another folder; importing again adds nothing and overwrites nothing', async () => {
    const a = await store(0)
    const one = await a.create()
    turn(a, one.id, '회의록 요약', '요약입니다')
    turn(a, one.id, '영어로도', 'In English')
    await a.setPinned(one.id, true)
    const two = await a.create()
    turn(a, two.id, 'lunch?', 'noodles')
    const file = await makeBackup(a, Date.UTC(2026, 11, 1))
    expect(file.fileName).toBe('kha-desktop-backup-2026-12-01.json')

    const b = await store(1)
    const mine = await b.create()
    turn(b, mine.id, 'already here', 'yes')
    expect(importBackup(b, file.content)).toEqual({ imported: 2, duplicates: 0 })
    expect(
      b
        .list()
        .map((c) => c.title)
        .sort()
    ).toEqual(['already here', 'lunch?', '회의록 요약'])
    expect(b.list().find((c) => c.id === one.id)).toMatchObject({ pinned: true, messageCount: 4 })
    expect((await b.get(one.id)).messages.map((m) => m.text)).toEqual([
      '회의록 요약',
      '요약입니다',
      '영어로도',
      'In English'
    ])

    // The same file again, after a local change: duplicates recognised, the local change kept.
    await b.rename(two.id, 'Lunch plans')
    expect(importBackup(b, file.content)).toEqual({ imported: 0, duplicates: 2 })
    expect(b.list().find((c) => c.id === two.id)?.title).toBe('Lunch plans')
    // New turns append after the imported ones.
    turn(b, one.id, 'and later?', 'fine')
    expect((await b.get(one.id)).messages.map((m) => m.text).slice(-2)).toEqual([
      'and later?',
      'fine'
    ])
  })

  it('refuses a file that is not a backup, naming why, and writes nothing', async () => {
    const b = await store(1)
    for (const [content, reason] of [
      ['not json', 'not JSON'],
      ['{"format":"other"}', 'format'],
      ['{"format":"kha-desktop-backup","version":9,"conversations":[]}', 'version 9'],
      [
        '{"format":"kha-desktop-backup","version":1,"conversations":[{"id":"x","messages":[{"id":"m","role":"robot"}],"createdAt":1,"updatedAt":1}]}',
        'message'
      ]
    ]) {
      expect(() => importBackup(b, content!)).toThrow(
        expect.objectContaining({
          error: expect.objectContaining({ code: 'store.bad_backup', params: { reason } })
        })
      )
    }
    expect(b.list()).toEqual([])
  })
})

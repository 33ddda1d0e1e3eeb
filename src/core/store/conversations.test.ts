import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { tempDir } from '../../../test/helpers/tempDir'
import { silentLogger } from '../logger'
import { openConversationStore, STREAM_STALE_MS, type ConversationStore } from './conversations'
import { DB_FILE } from './db'

let dir: string
let cleanup: () => void
const open: ConversationStore[] = []
beforeEach(() => ({ dir, cleanup } = tempDir()))
afterEach(() => {
  for (const s of open.splice(0)) s.close()
  cleanup()
})

async function store(now?: () => number) {
  const s = await openConversationStore(dir, silentLogger, now)
  open.push(s)
  return s
}

/** One finished turn: the user's text and the reply's. */
function turn(s: ConversationStore, conversationId: string, question: string, answer: string) {
  const t = s.beginTurn({ kind: 'send', conversationId, text: question })
  s.finish(t.assistant.id, { status: 'done', text: answer })
  return t
}

const texts = (c: { messages: Array<{ text: string }> }) => c.messages.map((m) => m.text)

describe('conversation store (SQLite)', () => {
  it('keeps a pin across a restart and later turns, without moving the conversation in time', async () => {
    let t = 100
    const s = await store(() => t)
    const c = await s.create()
    t = 200
    expect(await s.setPinned(c.id, true)).toMatchObject({ id: c.id, pinned: true, updatedAt: 100 })
    s.close()
    const reopened = await store(() => t)
    expect(reopened.list()).toMatchObject([{ id: c.id, pinned: true }])
    turn(reopened, c.id, 'still pinned?', 'yes')
    expect(reopened.list()[0]).toMatchObject({ pinned: true })
    expect((await reopened.setPinned(c.id, false)).pinned).toBeUndefined()
    expect(reopened.list()[0]!.pinned).toBeUndefined()
  })

  it('persists turns and titles across a restart, as a path of parent ids', async () => {
    const s = await store()
    const c = await s.create()
    const first = turn(s, c.id, '회의록 요약해줘\n두 번째 줄', '요약입니다')
    turn(s, c.id, 'and in English?', 'Summary')
    s.close()
    const reopened = await store()
    expect(reopened.list()).toMatchObject([{ id: c.id, title: '회의록 요약해줘', messageCount: 4 }])
    const got = await reopened.get(c.id)
    expect(texts(got)).toEqual([
      '회의록 요약해줘\n두 번째 줄',
      '요약입니다',
      'and in English?',
      'Summary'
    ])
    expect(got.messages[0]).toMatchObject({ parentId: null, role: 'user', status: 'done' })
    expect(got.messages[1]?.parentId).toBe(first.user.id)
    expect(got.messages[2]?.parentId).toBe(first.assistant.id)
    expect(readdirSync(dir)).toContain(DB_FILE)
  })

  it('keeps earlier replies as versions on regenerate, and remembers the selected one', async () => {
    const s = await store()
    const c = await s.create()
    const t1 = turn(s, c.id, 'q', 'first answer')
    const again = s.beginTurn({ kind: 'retry', conversationId: c.id, messageId: t1.user.id })
    expect(again.user.id).toBe(t1.user.id)
    expect(again.assistant.versions).toEqual({ index: 2, count: 2 })
    s.finish(again.assistant.id, { status: 'done', text: 'second answer' })
    expect(texts(await s.get(c.id))).toEqual(['q', 'second answer'])
    const back = await s.selectVersion(c.id, t1.assistant.id)
    expect(texts(back)).toEqual(['q', 'first answer'])
    expect(back.messages[1]?.versions).toEqual({ index: 1, count: 2 })
    // The next question follows the selected version, and the history sent is that path.
    const next = turn(s, c.id, 'follow-up', 'ok')
    expect(s.pathBefore(next.user.id).map((m) => m.text)).toEqual(['q', 'first answer'])
    s.close()
    const reopened = await store()
    expect(texts(await reopened.get(c.id))).toEqual(['q', 'first answer', 'follow-up', 'ok'])
    expect((await reopened.getAll(c.id)).messages).toHaveLength(5)
  })

  it('starts a new branch on edit and keeps the old one whole', async () => {
    const s = await store()
    const c = await s.create()
    const t1 = turn(s, c.id, 'budget for Q3', 'A')
    turn(s, c.id, 'and Q4?', 'B')
    const edited = s.beginTurn({
      kind: 'edit',
      conversationId: c.id,
      messageId: t1.user.id,
      text: 'budget for Q2'
    })
    expect(edited.user.versions).toEqual({ index: 2, count: 2 })
    expect(edited.user.parentId).toBeNull()
    s.finish(edited.assistant.id, { status: 'done', text: 'C' })
    expect(texts(await s.get(c.id))).toEqual(['budget for Q2', 'C'])
    // Back to the original message: its branch comes back down to its last reply.
    expect(texts(await s.selectVersion(c.id, t1.user.id))).toEqual([
      'budget for Q3',
      'A',
      'and Q4?',
      'B'
    ])
    expect((await s.list())[0]?.messageCount).toBe(4)
  })

  it('refuses a second turn while a reply streams, and writes the streaming text as it comes', async () => {
    const s = await store()
    const c = await s.create()
    const t = s.beginTurn({ kind: 'send', conversationId: c.id, text: 'q' })
    expect(() => s.beginTurn({ kind: 'send', conversationId: c.id, text: 'again' })).toThrow(
      expect.objectContaining({ error: expect.objectContaining({ code: 'chat.busy' }) })
    )
    s.writeStream(t.assistant.id, 'part of the')
    const other = await store()
    expect((await other.get(c.id)).messages[1]).toMatchObject({
      text: 'part of the',
      status: 'streaming'
    })
    s.finish(t.assistant.id, { status: 'done', text: 'part of the answer' })
    expect(() => s.beginTurn({ kind: 'send', conversationId: c.id, text: 'again' })).not.toThrow()
  })

  it('marks a reply whose writer stopped writing as stopped (or failed when empty) on the next open', async () => {
    let t0 = 1_000_000
    const s = await store(() => t0)
    const c = await s.create()
    const a = s.beginTurn({ kind: 'send', conversationId: c.id, text: 'q' })
    s.writeStream(a.assistant.id, 'partial')
    const c2 = await s.create()
    s.beginTurn({ kind: 'send', conversationId: c2.id, text: 'q2' })
    s.close()
    t0 += STREAM_STALE_MS + 1
    const reopened = await store(() => t0)
    expect((await reopened.get(c.id)).messages[1]).toMatchObject({
      text: 'partial',
      status: 'stopped'
    })
    expect((await reopened.get(c2.id)).messages[1]).toMatchObject({
      text: '',
      status: 'failed',
      error: { code: 'chat.interrupted' }
    })
  })

  it('hides a removed conversation, restores it on undo, and purges it in a later session', async () => {
    let t0 = 1_000_000
    const s = await store(() => t0)
    const c = await s.create()
    turn(s, c.id, 'secret plan', 'ok')
    await s.remove(c.id)
    expect(s.list()).toEqual([])
    expect(await s.search('secret', 10)).toEqual([])
    await s.restore(c.id)
    expect(s.list().map((x) => x.id)).toEqual([c.id])
    await s.remove(c.id)
    s.close()
    t0 += 60 * 60_000
    const reopened = await store(() => t0)
    await expect(reopened.restore(c.id)).rejects.toMatchObject({
      error: { code: 'conversation.not_found' }
    })
    expect(reopened.list()).toEqual([])
  })

  it('searches titles and text in Korean and English, two-syllable words too, newest first, with a snippet', async () => {
    const s = await store()
    const a = await s.create()
    const ta = turn(s, a.id, 'Deploy plan', '서버 B 방화벽 설정은 ufw로 합니다. 결재 후 진행')
    const b = await s.create()
    turn(s, b.id, '내일 회의 안건', 'Agenda: budget review')
    const gone = await s.create()
    turn(s, gone.id, '회의 취소', '결재 반려')
    await s.remove(gone.id)
    expect((await s.search('DEPLOY', 10)).map((h) => h.conversationId)).toEqual([a.id])
    const hits = await s.search('방화벽 설정', 10)
    expect(hits).toMatchObject([{ conversationId: a.id, messageId: ta.assistant.id }])
    expect(hits[0]?.snippet).toContain('방화벽 설정')
    expect((await s.search('결재', 10)).map((h) => h.conversationId)).toEqual([a.id])
    expect((await s.search('회의', 10)).map((h) => h.conversationId)).toEqual([b.id])
    // One syllable, at the end of a word ('결재' ends in it) and inside one.
    expect((await s.search('재', 10)).map((h) => h.conversationId)).toEqual([a.id])
    expect((await s.search('안', 10)).map((h) => h.conversationId)).toEqual([b.id])
    expect((await s.search('budget rev', 10)).map((h) => h.conversationId)).toEqual([b.id])
    expect(await s.search('"quoted" OR x', 10)).toEqual([])
  })

  it('moves a corrupt database aside, reports it, starts fresh, and touches nothing else', async () => {
    writeFileSync(join(dir, DB_FILE), 'this is not a database, but it is the user’s file')
    writeFileSync(join(dir, 'profiles.json'), '{"keep":"me"}')
    const s = await store()
    expect(s.recovered()).toHaveLength(1)
    const moved = s.recovered()[0]!
    expect(readFileSync(moved, 'utf8')).toBe('this is not a database, but it is the user’s file')
    expect(readFileSync(join(dir, 'profiles.json'), 'utf8')).toBe('{"keep":"me"}')
    expect(s.list()).toEqual([])
    const c = await s.create()
    turn(s, c.id, 'works again', 'yes')
    expect(s.list()).toHaveLength(1)
  })
})

import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { tempDir } from '../../../test/helpers/tempDir'
import { silentLogger } from '../logger'
import { newMessage, openConversationStore, purgeDeleted } from './conversations'

let dir: string
let cleanup: () => void
beforeEach(() => ({ dir, cleanup } = tempDir()))
afterEach(() => cleanup())

describe('conversation store', () => {
  it('persists messages and titles across a restart', async () => {
    const store = await openConversationStore(dir, silentLogger)
    const c = await store.create()
    c.messages.push(newMessage('user', '회의록 요약해줘\n두 번째 줄', 'done', 1))
    await store.save(c)
    const reopened = await openConversationStore(dir, silentLogger)
    expect(reopened.list()).toMatchObject([{ id: c.id, title: '회의록 요약해줘', messageCount: 1 }])
    expect((await reopened.get(c.id)).messages[0]?.text).toBe('회의록 요약해줘\n두 번째 줄')
  })

  it('marks a reply that was streaming when the app stopped as stopped or failed', async () => {
    const store = await openConversationStore(dir, silentLogger)
    const c = await store.create()
    c.messages.push(newMessage('user', 'q', 'done', 1), newMessage('assistant', 'part', 'streaming', 2))
    await store.save(c)
    const reopened = await openConversationStore(dir, silentLogger)
    expect((await reopened.get(c.id)).messages[1]?.status).toBe('stopped')
  })

  it('moves an unreadable conversation file aside and reports it; the others stay', async () => {
    const store = await openConversationStore(dir, silentLogger)
    const good = await store.create()
    const bad = await store.create()
    writeFileSync(join(dir, 'conversations', `${bad.id}.json`), '{broken')
    writeFileSync(join(dir, 'conversations.json'), 'also broken')
    const reopened = await openConversationStore(dir, silentLogger)
    expect(reopened.list().map((s) => s.id)).toEqual([good.id])
    expect(reopened.recovered()).toHaveLength(2)
    expect(readFileSync(reopened.recovered().find((p) => p.includes(bad.id)) as string, 'utf8')).toBe('{broken')
  })

  it('hides a removed conversation, restores it on undo, and purges it after a restart', async () => {
    const store = await openConversationStore(dir, silentLogger)
    const c = await store.create()
    await store.remove(c.id)
    expect(store.list()).toEqual([])
    await store.restore(c.id)
    expect(store.list().map((s) => s.id)).toEqual([c.id])
    await store.remove(c.id)
    await purgeDeleted(dir)
    expect((await openConversationStore(dir, silentLogger)).list()).toEqual([])
  })

  it('searches titles and message text, case-insensitively, in Korean too', async () => {
    const store = await openConversationStore(dir, silentLogger)
    const a = await store.create()
    a.messages.push(newMessage('user', 'Deploy plan', 'done', 1), newMessage('assistant', '서버 B 방화벽 설정은 ufw로', 'done', 2))
    await store.save(a)
    const b = await store.create()
    b.messages.push(newMessage('user', 'lunch menu', 'done', 1))
    await store.save(b)
    expect((await store.search('DEPLOY', 10)).map((h) => h.conversationId)).toEqual([a.id])
    const hits = await store.search('방화벽', 10)
    expect(hits).toMatchObject([{ conversationId: a.id, messageId: a.messages[1]?.id }])
    expect(hits[0]?.snippet).toContain('방화벽')
  })
})

import { describe, expect, it, vi } from 'vitest'
import { addBackendProfile, answered, storeOnCoreForEachTest } from '../test/realCore'
import { NEW_CHAT } from './types'

describe('chat slice, with replies from the reference backend', () => {
  const { core, store } = storeOnCoreForEachTest()

  const thread = (id: string) =>
    (store.getState().threads[id]?.messages ?? []).map((m) => [m.role, m.text, m.status])
  const settled = (id: string) =>
    vi.waitFor(
      () => expect(store.getState().threads[id]?.messages.at(-1)?.status).not.toBe('streaming'),
      answered
    )

  async function sendHello() {
    store.getState().setDraft(NEW_CHAT, 'hello')
    expect(await store.getState().send('hello')).toBe(true)
    const conversationId = store.getState().activeId!
    await settled(conversationId)
    return conversationId
  }

  it('sends and shows the whole reply once it is done', async () => {
    await addBackendProfile(core)
    const id = await sendHello()
    expect(thread(id)).toEqual([
      ['user', 'hello', 'done'],
      ['assistant', 'Echo: hello', 'done']
    ])
    expect(store.getState().live).toEqual({})
  })

  it('regenerates the last reply and edits an earlier message, replacing what followed', async () => {
    await addBackendProfile(core)
    const id = await sendHello()
    const user = store.getState().threads[id]!.messages[0]!
    expect(await store.getState().regenerate(id)).toBe(true)
    expect(core.callsTo('chat:retry')).toEqual([{ conversationId: id, messageId: user.id }])
    await settled(id)
    expect(store.getState().threads[id]!.messages[1]!.versions).toEqual({ index: 2, count: 2 })

    store.getState().startEdit(id, user.id)
    expect(await store.getState().edit(id, user.id, 'hello again')).toBe(true)
    expect(store.getState().editing).toBeNull()
    await settled(id)
    expect(thread(id)).toEqual([
      ['user', 'hello again', 'done'],
      ['assistant', 'Echo: hello again', 'done']
    ])
  })

  it('stops: the partial reply stays, marked stopped', async () => {
    // Slow tokens, many of them: the reply is still streaming when Stop is pressed.
    await addBackendProfile(core, [
      { name: 'X-Test-Delay-Ms', value: '50' },
      { name: 'X-Test-Tokens', value: '200' }
    ])
    store.getState().setDraft(NEW_CHAT, 'hello')
    const firstDelta = core.next('chat:delta')
    expect(await store.getState().send('hello')).toBe(true)
    const id = store.getState().activeId!
    await firstDelta
    await store.getState().stop(id)
    expect(core.callsTo('chat:stop')).toEqual([{ conversationId: id }])
    await settled(id)
    const last = store.getState().threads[id]!.messages.at(-1)!
    expect(last.status).toBe('stopped')
    expect(last.text).toMatch(/^Echo: /)
    expect(last.text).not.toContain('w200')
  })

  it('takes the revision a finished reply stored: a later change to the list does not load the conversation again', async () => {
    await addBackendProfile(core)
    const id = await sendHello()
    const revision = store.getState().threads[id]!.revision
    expect(revision).toBe((await core.ok('conversations:get', { id })).revision)
    // Another window adds a conversation: the whole list arrives, this one unchanged in it.
    const listed = core.next('conversations:changed')
    await core.ok('conversations:create')
    await listed
    expect(store.getState().summaries).toHaveLength(2)
    expect(core.callsTo('conversations:get')).toEqual([])
    expect(store.getState().threads[id]!.revision).toBe(revision)
  })

  it('keeps what arrived when the stream breaks, and the reason', async () => {
    await addBackendProfile(core, [{ name: 'X-Test-Drop-After', value: '2' }])
    const id = await sendHello()
    expect(store.getState().threads[id]!.messages[0]).toMatchObject({ text: 'hello' })
    expect(store.getState().threads[id]!.messages[1]).toMatchObject({
      status: 'failed',
      text: 'Echo: hello',
      error: { code: 'backend.stream_dropped' }
    })
  })
})

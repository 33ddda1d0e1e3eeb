import { beforeEach, describe, expect, it } from 'vitest'
import type { IpcResult } from '@shared/errors'
import type { SendResult } from '@shared/ipc/contract'
import { createFakeApi, err, message, ok, wireEvents, type FakeApi } from '../test/fakeApi'
import { createAppStore } from './index'
import { isStreaming } from './selectors'
import { NEW_CHAT } from './types'

/** A frame scheduler the test drives by hand: deltas wait until `frame()`. */
function manualFrames() {
  const queue: Array<() => void> = []
  return {
    schedule: (f: () => void) => void queue.push(f),
    frame: () => queue.splice(0).forEach((f) => f()),
    pending: () => queue.length
  }
}

describe('chat slice', () => {
  let fake: FakeApi
  let frames: ReturnType<typeof manualFrames>
  let store: ReturnType<typeof createAppStore>

  beforeEach(() => {
    fake = createFakeApi()
    ;(window as unknown as { api: unknown }).api = fake.api
    frames = manualFrames()
    store = createAppStore({ schedule: frames.schedule })
    wireEvents(fake, store)
  })

  async function sendHello() {
    store.getState().setDraft(NEW_CHAT, 'hello')
    expect(await store.getState().send('hello')).toBe(true)
    const s = store.getState()
    const conversationId = s.activeId!
    const [user, assistant] = s.threads[conversationId]!.messages
    return { conversationId, user: user!, assistant: assistant! }
  }

  it('sends, streams deltas batched per frame, then finishes with the final message', async () => {
    const { conversationId, user, assistant } = await sendHello()
    expect(user).toMatchObject({ role: 'user', text: 'hello' })
    expect(assistant.status).toBe('streaming')
    expect(store.getState().drafts[NEW_CHAT]).toBeUndefined()
    expect(isStreaming(store.getState(), conversationId)).toBe(true)

    const threadsBefore = store.getState().threads
    fake.emit('chat:delta', { conversationId, messageId: assistant.id, text: 'Hel', offset: 0 })
    fake.emit('chat:delta', { conversationId, messageId: assistant.id, text: 'lo ', offset: 3 })
    // Nothing applied until the frame: two events, one update.
    expect(store.getState().live[assistant.id]).toBeUndefined()
    expect(frames.pending()).toBe(1)
    frames.frame()
    expect(store.getState().live[assistant.id]).toBe('Hello ')
    // Streaming text does not touch the message arrays (the list does not re-render per token).
    expect(store.getState().threads).toBe(threadsBefore)

    fake.emit('chat:delta', { conversationId, messageId: assistant.id, text: 'there', offset: 6 })
    frames.frame()
    expect(store.getState().live[assistant.id]).toBe('Hello there')

    fake.emit('chat:done', {
      conversationId,
      message: { ...assistant, text: 'Hello there', status: 'done' }
    })
    const last = store.getState().threads[conversationId]!.messages.at(-1)!
    expect(last).toMatchObject({ text: 'Hello there', status: 'done' })
    expect(store.getState().live[assistant.id]).toBeUndefined()
    expect(isStreaming(store.getState(), conversationId)).toBe(false)
  })

  it('does not show text twice when the conversation was loaded while the reply streamed', async () => {
    const { conversationId, assistant } = await sendHello()
    fake.emit('chat:delta', { conversationId, messageId: assistant.id, text: 'Hello ', offset: 0 })
    frames.frame()
    // As if the thread had been loaded from main after "Hello the" was written: a late delta
    // repeats "the" and must land at its offset, not after it.
    store.setState((s) => ({ live: { ...s.live, [assistant.id]: 'Hello the' } }))
    fake.emit('chat:delta', { conversationId, messageId: assistant.id, text: 'there', offset: 6 })
    frames.frame()
    expect(store.getState().live[assistant.id]).toBe('Hello there')
  })

  it('keeps the typed text and the reason when send itself fails', async () => {
    fake.fns['chat:send']!.mockResolvedValueOnce(err('profile.none_selected'))
    store.getState().setDraft(NEW_CHAT, '안녕하세요')
    expect(await store.getState().send('안녕하세요')).toBe(false)
    const s = store.getState()
    expect(s.drafts[NEW_CHAT]).toBe('안녕하세요')
    expect(s.sendErrors[NEW_CHAT]?.code).toBe('profile.none_selected')
    expect(s.activeId).toBeNull()
    // Typing again clears the stale error.
    s.setDraft(NEW_CHAT, '안녕하세요!')
    expect(store.getState().sendErrors[NEW_CHAT]).toBeNull()
  })

  it('keeps the user message on a failed reply and retries it', async () => {
    const { conversationId, user, assistant } = await sendHello()
    fake.emit('chat:delta', { conversationId, messageId: assistant.id, text: 'partial', offset: 0 })
    const error = { code: 'backend.http_status' as const, message: '500', params: { status: 500 } }
    fake.emit('chat:failed', {
      conversationId,
      message: { ...assistant, text: 'partial', status: 'failed', error },
      error
    })
    let messages = store.getState().threads[conversationId]!.messages
    expect(messages[0]).toEqual(user)
    expect(messages[1]).toMatchObject({
      status: 'failed',
      text: 'partial',
      error: { code: 'backend.http_status' }
    })
    // The failed reply's pending delta was dropped: the final message is the truth.
    frames.frame()
    expect(store.getState().live[assistant.id]).toBeUndefined()

    expect(await store.getState().retry(conversationId, user.id)).toBe(true)
    expect(fake.fns['chat:retry']).toHaveBeenCalledWith({ conversationId, messageId: user.id })
    messages = store.getState().threads[conversationId]!.messages
    expect(messages).toHaveLength(2)
    expect(messages[0]).toEqual(user)
    expect(messages[1]).toMatchObject({ status: 'streaming', text: '' })
    expect(messages[1]!.id).not.toBe(assistant.id)
  })

  it('stops: the partial reply stays, marked stopped', async () => {
    const { conversationId, assistant } = await sendHello()
    fake.emit('chat:delta', { conversationId, messageId: assistant.id, text: 'half a', offset: 0 })
    frames.frame()
    await store.getState().stop(conversationId)
    expect(fake.fns['chat:stop']).toHaveBeenCalledWith({ conversationId })
    // Main answers a stop with chat:done carrying status 'stopped'.
    fake.emit('chat:done', {
      conversationId,
      message: { ...assistant, text: 'half a', status: 'stopped' }
    })
    expect(store.getState().threads[conversationId]!.messages.at(-1)).toMatchObject({
      text: 'half a',
      status: 'stopped'
    })
  })

  it('regenerates the last reply and edits an earlier message, replacing what followed', async () => {
    const { conversationId, user, assistant } = await sendHello()
    fake.emit('chat:done', {
      conversationId,
      message: { ...assistant, text: 'first', status: 'done' }
    })
    expect(await store.getState().regenerate(conversationId)).toBe(true)
    expect(fake.fns['chat:retry']).toHaveBeenCalledWith({ conversationId, messageId: user.id })

    store.getState().startEdit(conversationId, user.id)
    expect(await store.getState().edit(conversationId, user.id, 'hello again')).toBe(true)
    const messages = store.getState().threads[conversationId]!.messages
    expect(messages.map((m) => [m.role, m.text, m.status])).toEqual([
      ['user', 'hello again', 'done'],
      ['assistant', '', 'streaming']
    ])
    expect(store.getState().editing).toBeNull()
  })

  it('applies a final event that arrives before the send result', async () => {
    const send = fake.fns['chat:send']!
    const original = send.getMockImplementation() as (
      arg: unknown
    ) => Promise<IpcResult<SendResult>>
    send.mockImplementationOnce(async (arg: unknown) => {
      const res = await original(arg)
      if (!res.ok) return res
      // Create the thread first, as a loaded conversation would have it, then race the event in.
      store.setState((s) => ({
        threads: {
          ...s.threads,
          [res.data.conversation.id]: { messages: [], loading: false, error: null }
        }
      }))
      fake.emit('chat:done', {
        conversationId: res.data.conversation.id,
        message: { ...res.data.assistantMessage, text: 'fast', status: 'done' }
      })
      return res
    })
    const { assistant } = await sendHello()
    expect(assistant).toMatchObject({ text: 'fast', status: 'done' })
  })

  it('loads a conversation when it is opened', async () => {
    const { conversationId } = await sendHello()
    const fresh = createAppStore({ schedule: frames.schedule })
    await fresh.getState().openConversation(conversationId)
    expect(fresh.getState().activeId).toBe(conversationId)
    expect(fresh.getState().threads[conversationId]!.messages).toHaveLength(2)
  })

  it('reloads the open conversation when another process changes it, not for its own send', async () => {
    const q = message('user', 'q')
    const a = message('assistant', 'a')
    fake.conversations.set('c-open', {
      id: 'c-open',
      title: 'q',
      createdAt: 1,
      updatedAt: 1,
      messageCount: 2,
      revision: 1,
      messages: [q, a]
    })
    await store.getState().openConversation('c-open')
    const get = fake.fns['conversations:get']!
    expect(get).toHaveBeenCalledTimes(1)

    const user = { ...message('user', 'again'), parentId: a.id }
    const assistant = message('assistant', '', 'streaming')
    const after = {
      id: 'c-open',
      title: 'q',
      createdAt: 1,
      updatedAt: 2,
      messageCount: 4,
      revision: 2
    }
    fake.fns['chat:send']!.mockImplementationOnce(async () => {
      // The core tells every window about the new turn before the send's result comes back.
      fake.emit('conversations:changed', { summaries: [after] })
      return ok({ conversation: after, userMessage: user, assistantMessage: assistant })
    })
    expect(await store.getState().send('again')).toBe(true)
    expect(get).toHaveBeenCalledTimes(1)
    expect(store.getState().threads['c-open']!.messages.map((m) => m.text)).toEqual([
      'q',
      'a',
      'again',
      ''
    ])

    // The CLI writes to it: the open conversation is read again.
    fake.emit('conversations:changed', { summaries: [{ ...after, revision: 3 }] })
    expect(get).toHaveBeenCalledTimes(2)
  })

  it('resets to its initial state', async () => {
    await sendHello()
    store.setState(store.getInitialState(), true)
    expect(store.getState().activeId).toBeNull()
    expect(store.getState().threads).toEqual({})
  })
})

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Message } from '@shared/conversation'
import type { SendResult } from '@shared/ipc/contract'
import {
  addProfile,
  importHistory,
  installCore,
  ok,
  wireEvents,
  type RealCore,
  answered
} from '../test/realCore'
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
  let core: RealCore
  let frames: ReturnType<typeof manualFrames>
  let store: ReturnType<typeof createAppStore>

  beforeEach(async () => {
    core = await installCore()
    frames = manualFrames()
    store = createAppStore({ schedule: frames.schedule })
    wireEvents(core.api, store)
  })
  afterEach(() => core.close())

  const thread = (id: string) => store.getState().threads[id]?.messages ?? []

  async function sendHello() {
    store.getState().setDraft(NEW_CHAT, 'hello')
    expect(await store.getState().send('hello')).toBe(true)
    const s = store.getState()
    const conversationId = s.activeId!
    const [user, assistant] = s.threads[conversationId]!.messages
    return { conversationId, user: user!, assistant: assistant! }
  }

  /** Sends to a server nothing listens on (the profile addProfile makes): the reply fails. */
  async function sendAndFail() {
    const sent = await sendHello()
    await vi.waitFor(() => expect(thread(sent.conversationId)[1]?.status).toBe('failed'), answered)
    return sent
  }

  it('keeps the typed text and the reason when send itself fails', async () => {
    // No profile yet: main refuses the send and stores nothing.
    store.getState().setDraft(NEW_CHAT, '안녕하세요')
    expect(await store.getState().send('안녕하세요')).toBe(false)
    const s = store.getState()
    expect(s.drafts[NEW_CHAT]).toBe('안녕하세요')
    expect(s.sendErrors[NEW_CHAT]?.code).toBe('profile.none_selected')
    expect(s.activeId).toBeNull()
    expect(await core.ok('conversations:list')).toEqual({ summaries: [] })
    // Typing again clears the stale error.
    s.setDraft(NEW_CHAT, '안녕하세요!')
    expect(store.getState().sendErrors[NEW_CHAT]).toBeNull()
  })

  it('keeps the user message on a failed reply and retries it', async () => {
    await addProfile(core)
    const { conversationId, user, assistant } = await sendAndFail()
    expect(store.getState().drafts[NEW_CHAT]).toBeUndefined()
    let messages = thread(conversationId)
    expect(messages[0]).toMatchObject({ id: user.id, role: 'user', text: 'hello' })
    expect(messages[1]).toMatchObject({ id: assistant.id, error: { code: 'backend.refused' } })
    expect(isStreaming(store.getState(), conversationId)).toBe(false)

    expect(await store.getState().retry(conversationId, user.id)).toBe(true)
    expect(core.callsTo('chat:retry')).toEqual([{ conversationId, messageId: user.id }])
    messages = thread(conversationId)
    expect(messages).toHaveLength(2)
    expect(messages[0]).toMatchObject({ id: user.id, text: 'hello' })
    expect(messages[1]!.id).not.toBe(assistant.id)
    // Both replies are kept by main, as versions of the answer to the same message.
    await vi.waitFor(() => expect(thread(conversationId)[1]?.status).toBe('failed'), answered)
    const stored = await core.ok('conversations:get', { id: conversationId })
    expect(stored.messages.map((m) => m.role)).toEqual(['user', 'assistant'])
    expect(stored.messages[1]!.versions).toEqual({ index: 2, count: 2 })
  })

  it('loads a conversation when it is opened', async () => {
    await addProfile(core)
    const { conversationId } = await sendAndFail()
    const fresh = createAppStore({ schedule: frames.schedule })
    await fresh.getState().openConversation(conversationId)
    expect(fresh.getState().activeId).toBe(conversationId)
    expect(fresh.getState().threads[conversationId]!.messages.map((m) => m.text)).toEqual([
      'hello',
      ''
    ])
  })

  it('reloads the open conversation when another process changes it, not for its own send', async () => {
    await importHistory(core, [
      {
        id: 'c-open',
        title: 'q',
        messages: [
          { id: 'q', role: 'user', text: 'q' },
          { id: 'a', role: 'assistant', text: 'a' }
        ]
      }
    ])
    await addProfile(core)
    await store.getState().openConversation('c-open')
    const gets = () => core.callsTo('conversations:get').length
    expect(gets()).toBe(1)

    // The core tells every window about the new turn before the send's result comes back.
    expect(await store.getState().send('again')).toBe(true)
    expect(gets()).toBe(1)
    expect(thread('c-open').map((m) => m.text)).toEqual(['q', 'a', 'again', ''])
    await vi.waitFor(() => expect(thread('c-open')[3]?.status).toBe('failed'), answered)

    // Another window (or the CLI) writes to it: the open conversation is read again.
    await core.ok('chat:send', { conversationId: 'c-open', text: 'from elsewhere' })
    await vi.waitFor(
      () => expect(thread('c-open').map((m) => m.text)).toContain('from elsewhere'),
      answered
    )
    expect(gets()).toBe(2)
  })

  it('resets to its initial state', async () => {
    await addProfile(core)
    await sendHello()
    store.setState(store.getInitialState(), true)
    expect(store.getState().activeId).toBeNull()
    expect(store.getState().threads).toEqual({})
  })

  // The order and timing of a reply's events: deltas batched per frame, a reload racing a
  // delta, a final event before the send's own answer. A real core over a real backend decides
  // for itself how it batches and when each event leaves, so these hand the slice the events
  // themselves. chat:send is stood in too, so that no real turn emits events of its own.
  describe('the events of a reply, in a given order', () => {
    const now = Date.now()
    const user: Message = { id: 'u1', role: 'user', text: 'hello', status: 'done', createdAt: now }
    const assistant: Message = {
      id: 'a1',
      parentId: 'u1',
      role: 'assistant',
      text: '',
      status: 'streaming',
      createdAt: now
    }
    const conversationId = 'c1'
    const turn: SendResult = {
      conversation: { id: 'c1', title: 'hello', createdAt: now, updatedAt: now, messageCount: 2 },
      userMessage: user,
      assistantMessage: assistant
    }
    beforeEach(() => core.stand('chat:send', () => ok(turn)))

    it('sends, streams deltas batched per frame, then finishes with the final message', async () => {
      await sendHello()
      expect(assistant.status).toBe('streaming')
      expect(store.getState().drafts[NEW_CHAT]).toBeUndefined()
      expect(isStreaming(store.getState(), conversationId)).toBe(true)

      const threadsBefore = store.getState().threads
      core.emit('chat:delta', { conversationId, messageId: 'a1', text: 'Hel', offset: 0 })
      core.emit('chat:delta', { conversationId, messageId: 'a1', text: 'lo ', offset: 3 })
      // Nothing applied until the frame: two events, one update.
      expect(store.getState().live['a1']).toBeUndefined()
      expect(frames.pending()).toBe(1)
      frames.frame()
      expect(store.getState().live['a1']).toBe('Hello ')
      // Streaming text does not touch the message arrays (the list does not re-render per token).
      expect(store.getState().threads).toBe(threadsBefore)

      core.emit('chat:delta', { conversationId, messageId: 'a1', text: 'there', offset: 6 })
      frames.frame()
      expect(store.getState().live['a1']).toBe('Hello there')

      core.emit('chat:done', {
        conversationId,
        message: { ...assistant, text: 'Hello there', status: 'done' }
      })
      expect(thread(conversationId).at(-1)).toMatchObject({ text: 'Hello there', status: 'done' })
      expect(store.getState().live['a1']).toBeUndefined()
      expect(isStreaming(store.getState(), conversationId)).toBe(false)
    })

    it('does not show text twice when the conversation was loaded while the reply streamed', async () => {
      await sendHello()
      core.emit('chat:delta', { conversationId, messageId: 'a1', text: 'Hello ', offset: 0 })
      frames.frame()
      // As if the thread had been loaded from main after "Hello the" was written: a late delta
      // repeats "the" and must land at its offset, not after it.
      store.setState((s) => ({ live: { ...s.live, a1: 'Hello the' } }))
      core.emit('chat:delta', { conversationId, messageId: 'a1', text: 'there', offset: 6 })
      frames.frame()
      expect(store.getState().live['a1']).toBe('Hello there')
    })

    it('drops a failed reply’s pending delta: the final message is the truth', async () => {
      await sendHello()
      core.emit('chat:delta', { conversationId, messageId: 'a1', text: 'partial', offset: 0 })
      const error = {
        code: 'backend.http_status' as const,
        message: '500',
        params: { status: 500 }
      }
      core.emit('chat:failed', {
        conversationId,
        message: { ...assistant, text: 'partial', status: 'failed', error },
        error
      })
      expect(thread(conversationId)[0]).toMatchObject({ id: 'u1', text: 'hello' })
      expect(thread(conversationId)[1]).toMatchObject({
        status: 'failed',
        text: 'partial',
        error: { code: 'backend.http_status' }
      })
      frames.frame()
      expect(store.getState().live['a1']).toBeUndefined()
    })

    it('applies a final event that arrives before the send result', async () => {
      core.stand('chat:send', () => {
        // Create the thread first, as a loaded conversation would have it, then race the event in.
        store.setState((s) => ({
          threads: { ...s.threads, c1: { messages: [], loading: false, error: null } }
        }))
        core.emit('chat:done', {
          conversationId,
          message: { ...assistant, text: 'fast', status: 'done' }
        })
        return ok(turn)
      })
      const sent = await sendHello()
      expect(sent.assistant).toMatchObject({ text: 'fast', status: 'done' })
    })

    it('applies a final event that arrives before the result of the send that starts a new chat', async () => {
      // No thread yet: it comes with the send's result (a refused backend fails this fast).
      const error = { code: 'backend.refused' as const, message: 'refused' }
      core.stand('chat:send', () => {
        core.emit('chat:failed', {
          conversationId,
          message: { ...assistant, status: 'failed', error },
          error
        })
        return ok(turn)
      })
      const sent = await sendHello()
      expect(sent.assistant).toMatchObject({ status: 'failed', error: { code: 'backend.refused' } })
      expect(isStreaming(store.getState(), conversationId)).toBe(false)
    })
  })
})

import { describe, expect, it, vi } from 'vitest'
import type { Message } from '@shared/conversation'
import type { AppError } from '@shared/errors'
import type { Profile, ProfileDraft } from '@shared/profile'
import { addProfile, answered, directDraft, storeOnCoreForEachTest } from '../test/realCore'
import { createAppStore } from './index'
import { savesCredentials, selectDueSecretRetry, wantsSecret } from './secretRetrySlice'
import { NEW_CHAT } from './types'

const failedReply = (id: string, code: AppError['code']): Message => ({
  id,
  role: 'assistant',
  text: '',
  status: 'failed',
  createdAt: 2,
  error: { code, message: code }
})
const question: Message = { id: 'q', role: 'user', text: 'hi', status: 'done', createdAt: 1 }

describe('when a reply that wanted a secret is due to be asked again', () => {
  /** A store showing conversation c on profile p, its last reply failed for want of an API key. */
  function waiting() {
    const store = createAppStore({ schedule: (f) => f() })
    const reply = failedReply('r', 'backend.unauthorized')
    const streaming: Message = { ...reply, status: 'streaming' }
    delete streaming.error
    store.setState({
      view: 'chat',
      activeId: 'c',
      activeProfileId: 'p',
      threads: { c: { messages: [question, streaming], loading: false, error: null } }
    })
    store.getState().onFailed({ conversationId: 'c', message: reply, error: reply.error! })
    return store
  }

  it('reads the error table: what a secret mends arms it, anything else does not', () => {
    expect(wantsSecret({ code: 'ssh.secret_needed', message: '' })).toBe(true)
    expect(wantsSecret({ code: 'ssh.auth_failed', message: '' })).toBe(true)
    expect(wantsSecret({ code: 'proxy.auth_required', message: '' })).toBe(true)
    expect(wantsSecret({ code: 'profile.secret_missing', message: '' })).toBe(true)
    expect(wantsSecret({ code: 'backend.refused', message: '' })).toBe(false)
    expect(wantsSecret(undefined)).toBe(false)

    const store = waiting()
    expect(store.getState().secretRetry).toEqual({
      conversationId: 'c',
      replyId: 'r',
      profileId: 'p',
      secretEntered: false
    })
    const other = failedReply('r2', 'backend.stream_dropped')
    store.getState().onFailed({ conversationId: 'c', message: other, error: other.error! })
    expect(store.getState().secretRetry?.replyId).toBe('r')
  })

  it('is due only after a secret for that profile, in the chat, on that conversation, with the reply still last', () => {
    const store = waiting()
    const due = () => selectDueSecretRetry(store.getState())
    expect(due()).toBeNull()
    store.getState().noteSecretEntered('another profile')
    expect(due()).toBeNull()
    store.setState({ view: 'settings' })
    store.getState().noteSecretEntered('p')
    // Saved in Settings: not yet, the person is not looking at the chat.
    expect(due()).toBeNull()
    store.setState({ view: 'chat' })
    expect(due()).toBe(store.getState().secretRetry)
    // The same object while nothing changes (a component may select it).
    expect(due()).toBe(due())

    store.setState({ activeId: 'elsewhere' })
    expect(due()).toBeNull()
    store.setState({ activeId: 'c', activeProfileId: 'q' })
    expect(due()).toBeNull()
    store.setState({ activeProfileId: 'p', pending: { c: true } })
    expect(due()).toBeNull()
    store.setState({ pending: {} })
    expect(due()).not.toBeNull()
    // Another reply came after it (another window asked again): it is not the last one any more.
    const thread = store.getState().threads.c!
    store.setState({
      threads: {
        c: {
          ...thread,
          messages: [...thread.messages.slice(0, 1), failedReply('x', 'backend.unauthorized')]
        }
      }
    })
    expect(due()).toBeNull()
  })

  it('is dropped when the person sends, retries or edits by hand', () => {
    const store = waiting()
    store.getState().dropSecretRetry()
    expect(store.getState().secretRetry).toBeNull()
  })

  it('counts a profile save as an entered secret only when credentials or the way to the server change', () => {
    const before = {
      connection: { kind: 'direct', url: 'http://127.0.0.1:9' },
      proxy: { mode: 'none' },
      contract: { auth: 'none', headers: [{ name: 'X-Api-Key', value: '' }], model: '' }
    } as unknown as Profile
    const draft = (patch: Record<string, unknown>) =>
      JSON.parse(JSON.stringify({ ...before, ...patch })) as Record<string, unknown>
    expect(savesCredentials(before, draft({}))).toBe(false)
    expect(savesCredentials(before, draft({ contract: { ...before.contract, model: 'm' } }))).toBe(
      false
    )
    expect(
      savesCredentials(before, draft({ contract: { ...before.contract, auth: 'bearer' } }))
    ).toBe(true)
    expect(
      savesCredentials(
        before,
        draft({ contract: { ...before.contract, headers: [{ name: 'X-Api-Key', value: 'k' }] } })
      )
    ).toBe(true)
    expect(savesCredentials(before, draft({ proxy: { mode: 'system' } }))).toBe(true)
    expect(savesCredentials(undefined, draft({}))).toBe(false)
  })

  it('a tunnel profile saved from the form, its ports typed as text, is no entered secret unless they change', () => {
    const ssh = { host: 'bastion', port: 22, username: 'kim', auth: 'password' }
    const before = {
      connection: { kind: 'tunnel', ssh, target: { host: 'localhost', port: 8000 } },
      proxy: { mode: 'none' },
      contract: { auth: 'none', headers: [], model: '' }
    } as unknown as Profile
    // As the profile form hands it over: numbers are what the person typed, as text.
    const fromForm = (port: string) => ({
      ...before,
      connection: {
        kind: 'tunnel',
        ssh: { ...ssh, port },
        target: { host: 'localhost', port: '8000' }
      },
      contract: { ...before.contract, model: 'another-model' }
    })
    expect(savesCredentials(before, fromForm('22'))).toBe(false)
    expect(savesCredentials(before, fromForm('2222'))).toBe(true)
  })
})

describe('the retry after a secret, on a real core', () => {
  const { core, store } = storeOnCoreForEachTest()

  /**
   * A profile whose credential header has no value stored: the reply fails for want of it before
   * anything goes out (profile.secret_missing). Its server is not there: the retry fails as refused.
   */
  async function failForWantOfHeader() {
    const template = await core.ok('profiles:template', { kind: 'direct' })
    const profile = await addProfile(core, {
      ...directDraft(),
      contract: { ...template.contract, headers: [{ name: 'X-Api-Key', value: '' }] }
    } as ProfileDraft)
    await store.getState().loadProfiles()
    store.getState().setDraft(NEW_CHAT, 'hello')
    expect(await store.getState().send('hello')).toBe(true)
    const id = store.getState().activeId!
    await vi.waitFor(
      () =>
        expect(store.getState().threads[id]?.messages[1]?.error?.code).toBe(
          'profile.secret_missing'
        ),
      answered
    )
    return { id, profile: store.getState().profiles.find((p) => p.id === profile.id)! }
  }

  it('asks again exactly once after the header value is saved, and not again when that fails', async () => {
    const { id, profile } = await failForWantOfHeader()
    expect(store.getState().secretRetry).toMatchObject({ conversationId: id, secretEntered: false })
    const question = store.getState().threads[id]!.messages[0]!

    const res = await store.getState().saveProfile({
      ...profile,
      contract: { ...profile.contract, headers: [{ name: 'X-Api-Key', value: 'k-123' }] }
    } as unknown as Record<string, unknown>)
    expect(res.ok).toBe(true)
    expect(selectDueSecretRetry(store.getState())).not.toBeNull()
    expect(await store.getState().runSecretRetry()).toBe(true)
    expect(core.callsTo('chat:retry')).toEqual([{ conversationId: id, messageId: question.id }])
    // Consumed: asking for it again does nothing.
    expect(await store.getState().runSecretRetry()).toBe(false)
    // The header went out this time; nothing listens there, so the reply fails for another reason,
    // which no secret mends: nothing waits to be retried.
    await vi.waitFor(
      () => expect(store.getState().threads[id]?.messages[1]?.error?.code).toBe('backend.refused'),
      answered
    )
    expect(store.getState().threads[id]!.messages[1]!.versions).toEqual({ index: 2, count: 2 })
    expect(store.getState().secretRetry).toBeNull()
    expect(core.callsTo('chat:retry')).toHaveLength(1)
  })

  it('is dropped by a message sent meanwhile', async () => {
    const { id } = await failForWantOfHeader()
    const first = store.getState().threads[id]!.messages[1]!.id
    store.getState().setDraft(id, 'something else')
    expect(await store.getState().send('something else')).toBe(true)
    // The new message fails for the same want: it is the one that waits now, not the first.
    await vi.waitFor(
      () => expect(store.getState().threads[id]?.messages[3]?.status).toBe('failed'),
      answered
    )
    const waiting = store.getState().secretRetry
    expect(waiting?.replyId).toBe(store.getState().threads[id]!.messages[3]!.id)
    expect(waiting?.replyId).not.toBe(first)
  })
})

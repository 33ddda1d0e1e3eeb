/**
 * A fake `window.api` for renderer tests, built by the same `buildApi` as the preload from the
 * channel table: every channel a vi.fn answering from a small in-memory model (enough for the
 * slices), plus `emit` to push events the way main does.
 */
import { vi } from 'vitest'
import { buildApi } from '@shared/ipc/buildApi'
import { contractNames, invokeChannelNames } from '@shared/ipc/channels'
import type { Api, EventName, EventPayloads, InvokeResults } from '@shared/ipc/contract'
import type { Conversation, Message } from '@shared/conversation'
import type { AppError, IpcResult } from '@shared/errors'
import type { Profile } from '@shared/profile'
import type { Store } from '../store/types'

export const ok = <T>(data: T): IpcResult<T> => ({ ok: true, data })
export const err = (code: AppError['code'], extra: Partial<AppError> = {}): IpcResult<never> => ({
  ok: false,
  error: { code, message: code, ...extra }
})

export const directProfile: Profile = {
  id: 'p1',
  name: 'Local backend',
  connection: { kind: 'direct', url: 'http://127.0.0.1:8030' },
  contract: {
    method: 'GET',
    path: '/api_chat',
    messageField: 'message',
    replyFormat: 'sse',
    replyField: 'delta',
    extraParams: [],
    headers: [],
    healthPath: '/health',
    history: {
      mode: 'none',
      turns: 10,
      field: 'history',
      includeCurrent: false,
      roleField: 'role',
      contentField: 'content',
      userRole: 'user',
      assistantRole: 'assistant',
      systemRole: 'system'
    },
    systemPrompt: '',
    model: '',
    auth: 'none',
    attachmentLimit: 0,
    images: false
  },
  timeouts: { connectSec: 10, idleSec: 60 },
  limits: { replyKiB: 8192, eventKiB: 1024 },
  tls: { caFile: '', pinnedCertificates: [] },
  proxy: { mode: 'none', url: '', username: '', bypass: '' }
}

let seq = 0
const id = (p: string) => `${p}${++seq}`

export function message(
  role: Message['role'],
  text: string,
  status: Message['status'] = 'done'
): Message {
  return { id: id(role === 'user' ? 'u' : 'a'), role, text, status, createdAt: Date.now() }
}

export interface FakeApi {
  api: Api
  emit<E extends EventName>(event: E, payload: EventPayloads[E]): void
  conversations: Map<string, Conversation>
  profiles: Profile[]
  fns: Record<string, ReturnType<typeof vi.fn>>
}

export function createFakeApi(options: { profiles?: Profile[] } = {}): FakeApi {
  const listeners = new Map<string, Set<(p: unknown) => void>>()
  const conversations = new Map<string, Conversation>()
  const profiles = options.profiles ?? [directProfile]
  const summary = (c: Conversation) => ({
    id: c.id,
    title: c.title,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
    messageCount: c.messages.length
  })

  const profilesState = () => ({
    profiles: [...profiles],
    activeId: profiles[0]?.id ?? null,
    withApiKey: []
  })
  const connectedState = () => ({
    profileId: profiles[0]?.id ?? null,
    mode: 'direct' as const,
    status: 'connected' as const
  })
  const turn = (c: Conversation, user: Message) => {
    const assistant = message('assistant', '', 'streaming')
    c.messages.push(assistant)
    return ok({ conversation: summary(c), userMessage: user, assistantMessage: assistant })
  }

  const handlers: { [K in keyof InvokeResults]?: (arg: never) => IpcResult<InvokeResults[K]> } = {
    'app:info': () =>
      ok({
        name: 'kha-desktop',
        version: '0',
        platform: 'linux',
        locale: 'en-US',
        shell: 'web',
        persistentSecrets: false,
        recoveredFiles: []
      }),
    'settings:get': () => ok({ language: 'en', theme: 'system' }),
    'profiles:list': () => ok(profilesState()),
    'profiles:save': ({ draft }: { draft: Record<string, unknown> }) => {
      const saved = {
        ...directProfile,
        ...draft,
        id: typeof draft.id === 'string' ? draft.id : id('p')
      } as Profile
      const at = profiles.findIndex((p) => p.id === saved.id)
      if (at >= 0) profiles[at] = saved
      else profiles.push(saved)
      return ok({ ...profilesState(), saved })
    },
    'conversations:list': () => ok({ summaries: [...conversations.values()].map(summary) }),
    'connection:state': () => ok(connectedState()),
    'connection:authPrompts': () => ok({ pending: [] }),
    'connection:reconnect': () => ok(connectedState()),
    'connection:trustHostKey': () => ok(connectedState()),
    'connection:provideSecret': () => ok(connectedState()),
    'connection:trustCertificate': () => ok(connectedState()),
    'conversations:get': ({ id: cid }: { id: string }) => {
      const c = conversations.get(cid)
      return c ? ok(structuredClone(c)) : err('conversation.not_found')
    },
    'chat:send': ({ conversationId, text }: { conversationId?: string; text: string }) => {
      if (profiles.length === 0) return err('profile.none_selected')
      let c = conversationId ? conversations.get(conversationId) : undefined
      if (!c) {
        const now = Date.now()
        c = {
          id: id('c'),
          title: text.slice(0, 20),
          createdAt: now,
          updatedAt: now,
          messageCount: 0,
          messages: []
        }
        conversations.set(c.id, c)
      }
      const user = message('user', text)
      c.messages.push(user)
      return turn(c, user)
    },
    'chat:retry': ({
      conversationId,
      messageId
    }: {
      conversationId: string
      messageId: string
    }) => {
      const c = conversations.get(conversationId)!
      const at = c.messages.findIndex((m) => m.id === messageId)
      c.messages.splice(at + 1)
      return turn(c, c.messages[at]!)
    },
    'chat:edit': ({
      conversationId,
      messageId,
      text
    }: {
      conversationId: string
      messageId: string
      text: string
    }) => {
      const c = conversations.get(conversationId)!
      const at = c.messages.findIndex((m) => m.id === messageId)
      c.messages.splice(at + 1)
      c.messages[at] = { ...c.messages[at]!, text }
      return turn(c, c.messages[at]!)
    },
    'chat:stop': () => ok({ stopped: true }),
    'connection:doctor': ({ profileId }: { profileId?: string } = {}) => {
      const p = profiles.find((x) => x.id === (profileId ?? profiles[0]?.id))
      if (!p) return err('profile.none_selected')
      const steps = (['resolve', 'tcp', 'health', 'chat'] as const).map((stepId) => ({
        id: stepId,
        status: 'ok' as const,
        ms: 1
      }))
      return ok({
        profileId: p.id,
        profileName: p.name,
        startedAt: new Date(0).toISOString(),
        ms: 4,
        ok: true,
        steps
      })
    },
    'app:diagnostics': () => ok({ text: 'kha-desktop diagnostics' }),
    'backend:models': () => ok([]),
    'prompts:list': () => ok([]),
    'profiles:importSshConfig': () => ok([])
  }

  const fns: Record<string, ReturnType<typeof vi.fn>> = {}
  for (const channel of invokeChannelNames) {
    const handler = handlers[channel] as ((arg: unknown) => IpcResult<unknown>) | undefined
    fns[channel] = vi.fn(async (arg: unknown) => (handler ? handler(arg) : ok(undefined)))
  }
  const api = buildApi(
    {
      invoke: (channel, arg) =>
        (fns[channel] as unknown as (a: unknown) => Promise<IpcResult<unknown>>)(arg),
      subscribe(event, listener) {
        if (!listeners.has(event)) listeners.set(event, new Set())
        listeners.get(event)!.add(listener)
        return () => void listeners.get(event)!.delete(listener)
      }
    },
    contractNames
  )

  return {
    api,
    emit(event, payload) {
      for (const l of listeners.get(event) ?? []) l(payload)
    },
    conversations,
    profiles,
    fns
  }
}

/** Route the fake's events into a store the way useStoreEvents does in the app. */
export function wireEvents(fake: FakeApi, store: { getState(): Store }): void {
  fake.api.on('chat:delta', (p) => store.getState().onDelta(p))
  fake.api.on('chat:done', (p) => store.getState().onDone(p))
  fake.api.on('chat:failed', (p) => store.getState().onFailed(p))
  fake.api.on('conversations:changed', (p) => store.getState().applySummaries(p.summaries))
  fake.api.on('conversations:updated', (p) => store.getState().applySummary(p.conversation))
  fake.api.on('connection:state', (p) => store.getState().applyConnection(p))
  fake.api.on('doctor:step', (p) => store.getState().applyDoctorStep(p))
  fake.api.on('profiles:changed', (p) => store.getState().applyProfiles(p))
  fake.api.on('settings:changed', (p) => store.getState().applySettings(p))
}

export function installFakeApi(options?: { profiles?: Profile[] }): FakeApi {
  const fake = createFakeApi(options)
  ;(window as unknown as { api: Api }).api = fake.api
  return fake
}

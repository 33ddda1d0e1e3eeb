/**
 * One chat turn, end to end: persist the user's message first, then stream the reply over the
 * active connection, pushing batched deltas, and persist the outcome (done, stopped or failed with
 * its reason). Nothing the user typed is lost on any failure: the message is already on disk and
 * `retry` asks again.
 */
import { AppFailure, appError, fail, type AppError } from '@shared/errors'
import type { Attachment } from '@shared/attachments'
import type { Conversation, Message } from '@shared/conversation'
import { checkAttachments } from '../attachments/rules'
import type { EventPayloads, SendResult } from '@shared/ipc/contract'
import { streamChat } from '../backend/client'
import { buildChatRequest, type Turn } from '../backend/request'
import type { ConnectionManager } from '../connection/manager'
import { registerSecret, type Logger } from '../logger'
import type { ConversationStore } from '../store/conversations'
import { newMessage } from '../store/conversations'
import type { ProfileStore } from '../store/profiles'
import { secretKey, type SecretStore } from '../secrets'
import { createDeltaBatcher } from './batcher'

/**
 * The conversation so far, as context for the next request: every turn before the user message
 * being answered, without replies that failed (they are not something the model said).
 */
export function turnsBefore(conversation: Conversation, assistant: Message): Turn[] {
  const end = conversation.messages.indexOf(assistant) - 1
  return conversation.messages
    .slice(0, Math.max(0, end))
    .filter((m) => (m.text || m.attachments?.length) && !(m.role === 'assistant' && m.status === 'failed'))
    .map((m) => ({ role: m.role, text: m.text, ...(m.attachments?.length ? { attachments: m.attachments } : {}) }))
}

type Emit = <E extends keyof EventPayloads>(event: E, payload: EventPayloads[E]) => void

export interface ChatServiceDeps {
  profiles: ProfileStore
  conversations: ConversationStore
  connections: ConnectionManager
  logger: Logger
  secrets: SecretStore
  emit: Emit
  now: () => number
}

export function createChatService(deps: ChatServiceDeps) {
  const running = new Map<string, { controller: AbortController; done: Promise<void> }>()

  function activeProfile() {
    const profile = deps.profiles.active()
    if (!profile) fail('profile.none_selected', 'No connection profile is selected. Create one in Settings.')
    return profile
  }

  async function start(conversation: Conversation, user: Message): Promise<SendResult> {
    const profile = activeProfile()
    const assistant = newMessage('assistant', '', 'streaming', deps.now())
    conversation.messages.push(assistant)
    // Persisted before the request: the user's message (sent, edited or retried) and the placeholder.
    const summary = await deps.conversations.save(conversation)
    const controller = new AbortController()
    const done = run(conversation, assistant, user, profile, controller.signal).finally(() => running.delete(conversation.id))
    running.set(conversation.id, { controller, done })
    deps.emit('conversations:changed', { summaries: deps.conversations.list() })
    return { conversation: summary, userMessage: user, assistantMessage: { ...assistant } }
  }

  async function run(conversation: Conversation, assistant: Message, user: Message, profile: ReturnType<typeof activeProfile>, signal: AbortSignal) {
    // Deltas are appended to the message before they are batched: a batch is always its tail.
    const batcher = createDeltaBatcher((delta) =>
      deps.emit('chat:delta', { conversationId: conversation.id, messageId: assistant.id, text: delta, offset: assistant.text.length - delta.length })
    )
    let connector: Awaited<ReturnType<ConnectionManager['connector']>> | undefined
    try {
      connector = await deps.connections.connector()
      const link = await connector.link()
      const apiKey = profile.contract.auth === 'bearer' ? await deps.secrets.get(secretKey(profile.id, 'apiKey')) : undefined
      if (apiKey) registerSecret(apiKey)
      const spec = buildChatRequest(link.origin, profile.contract, {
        text: user.text,
        ...(user.attachments?.length ? { attachments: user.attachments } : {}),
        history: turnsBefore(conversation, assistant), ...(apiKey ? { apiKey } : {}) })
      await streamChat(link, spec, {
        format: profile.contract.replyFormat,
        field: profile.contract.replyField,
        connectMs: profile.timeouts.connectSec * 1000,
        idleMs: profile.timeouts.idleSec * 1000,
        signal,
        onDelta(delta) {
          assistant.text += delta
          batcher.push(delta)
        }
      })
      connector.markConnected?.()
      batcher.flush()
      assistant.status = 'done'
      await deps.conversations.save(conversation)
      deps.emit('chat:done', { conversationId: conversation.id, message: { ...assistant } })
    } catch (error) {
      batcher.flush()
      const appErr: AppError = error instanceof AppFailure ? error.error : appError('internal', 'The reply could not be completed')
      if (!(error instanceof AppFailure)) deps.logger.error('chat run failed', { error })
      if (signal.aborted) {
        assistant.status = 'stopped'
        await deps.conversations.save(conversation)
        deps.emit('chat:done', { conversationId: conversation.id, message: { ...assistant } })
        return
      }
      deps.logger.warn('reply failed', { code: appErr.code, message: appErr.message })
      connector?.link().then((l) => l.reportFailure?.(error), () => undefined)
      assistant.status = 'failed'
      assistant.error = appErr
      await deps.conversations.save(conversation)
      deps.emit('chat:failed', { conversationId: conversation.id, message: { ...assistant }, error: appErr })
    }
  }

  function ensureIdle(conversationId: string) {
    if (running.has(conversationId)) fail('chat.busy', 'A reply is still streaming in this conversation. Stop it first.')
  }

  /** Drop everything after the message at `index` (a stale or failed reply) before asking again. */
  function truncateAfter(conversation: Conversation, messageId: string): Message {
    const index = conversation.messages.findIndex((m) => m.id === messageId)
    const message = conversation.messages[index]
    if (!message || message.role !== 'user') fail('message.not_found', 'That message is not in this conversation')
    conversation.messages.splice(index + 1)
    return message
  }

  return {
    async send(arg: { conversationId?: string; text: string; attachments?: Attachment[] | undefined }): Promise<SendResult> {
      const attachments = arg.attachments ?? []
      if (!arg.text.trim() && attachments.length === 0) fail('message.empty', 'The message is empty')
      checkAttachments(attachments, activeProfile().contract)
      if (arg.conversationId) ensureIdle(arg.conversationId)
      const conversation = arg.conversationId ? await deps.conversations.get(arg.conversationId) : await deps.conversations.create()
      ensureIdle(conversation.id)
      const user = newMessage('user', arg.text, 'done', deps.now())
      if (attachments.length > 0) user.attachments = attachments
      conversation.messages.push(user)
      // start() saves the user's message together with the reply placeholder, before any network
      // call: a crash or a failure cannot lose it (one fsync'd write, not two, before the request).
      return start(conversation, user)
    },
    async retry(arg: { conversationId: string; messageId: string }): Promise<SendResult> {
      ensureIdle(arg.conversationId)
      const conversation = await deps.conversations.get(arg.conversationId)
      // The profile may have changed since: what it cannot carry is refused before anything is dropped.
      const attached = conversation.messages.find((m) => m.id === arg.messageId)?.attachments
      if (attached?.length) checkAttachments(attached, activeProfile().contract)
      const user = truncateAfter(conversation, arg.messageId)
      return start(conversation, user)
    },
    async edit(arg: { conversationId: string; messageId: string; text: string }): Promise<SendResult> {
      if (!arg.text.trim()) fail('message.empty', 'The message is empty')
      ensureIdle(arg.conversationId)
      const conversation = await deps.conversations.get(arg.conversationId)
      const attached = conversation.messages.find((m) => m.id === arg.messageId)?.attachments
      if (attached?.length) checkAttachments(attached, activeProfile().contract)
      const user = truncateAfter(conversation, arg.messageId)
      user.text = arg.text
      return start(conversation, user)
    },
    async stop(conversationId: string): Promise<{ stopped: boolean }> {
      const run = running.get(conversationId)
      if (!run) return { stopped: false }
      run.controller.abort()
      await run.done
      return { stopped: true }
    },
    async dispose() {
      const runs = [...running.values()]
      for (const r of runs) r.controller.abort()
      await Promise.allSettled(runs.map((r) => r.done))
    }
  }
}

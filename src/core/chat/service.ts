/**
 * One chat turn, end to end: persist the user's message first, then stream the reply over the
 * active connection, pushing batched deltas, and persist the outcome (done, stopped or failed with
 * its reason). Nothing the user typed is lost on any failure: the message is already on disk and
 * `retry` asks again.
 */
import { AppFailure, appError, fail, type AppError } from '@shared/errors'
import type { Attachment } from '@shared/attachments'
import type { ConversationSummary, Message } from '@shared/conversation'
import { checkAttachments } from '../attachments/rules'
import type { EventPayloads, SendResult } from '@shared/ipc/contract'
import type { BackendContract } from '@shared/profile'
import { streamChat } from '../backend/client'
import { buildChatRequest, type Turn } from '../backend/request'
import type { ConnectionManager } from '../connection/manager'
import type { Logger } from '../logger'
import type { ConversationStore, Turn as StoredTurn, TurnRequest } from '../store/conversations'
import type { ProfileStore } from '../store/profiles'
import { backendSecrets } from '../profileSecrets'
import type { SecretStore } from '../secrets'
import { createDeltaBatcher } from './batcher'

/** While a reply streams, its text so far is written this often, so a crash keeps it. */
export const STREAM_WRITE_MS = 500

/**
 * The conversation so far, as context for the next request: the selected path before the user
 * message being answered, without replies that failed (they are not something the model said).
 */
export function historyTurns(path: Message[]): Turn[] {
  return path
    .filter(
      (m) => (m.text || m.attachments?.length) && !(m.role === 'assistant' && m.status === 'failed')
    )
    .map((m) => ({
      role: m.role,
      text: m.text,
      ...(m.attachments?.length ? { attachments: m.attachments } : {})
    }))
}

/** How many earlier messages the profile can send at most (undefined = all): read no more. */
function historyLimit(contract: BackendContract): number | undefined {
  const h = contract.history
  if (h.mode === 'all') return undefined
  if (h.mode === 'none' || h.field === '') return 0
  // Twice the turns, and as much again for failed replies that are left out.
  return h.turns * 4
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
    if (!profile)
      fail('profile.none_selected', 'No connection profile is selected. Create one in Settings.')
    return profile
  }

  /** The profile may have changed since: what it cannot carry is refused before anything is stored. */
  function checkAttachedStill(messageId: string) {
    const attached = deps.conversations.message(messageId)?.attachments
    if (attached?.length) checkAttachments(attached, activeProfile().contract)
  }

  function start(request: TurnRequest): SendResult {
    const profile = activeProfile()
    if (running.has(request.conversationId))
      fail('chat.busy', 'A reply is still streaming in this conversation. Stop it first.')
    // One synchronous transaction checks that no reply streams (here or in another process) and
    // appends the user's message and the reply placeholder, committed before any network call.
    const turn = deps.conversations.beginTurn(request)
    const controller = new AbortController()
    const done = run(turn, profile, controller.signal).finally(() =>
      running.delete(request.conversationId)
    )
    running.set(request.conversationId, { controller, done })
    // One conversation changed: other windows get its summary, not the whole list again.
    deps.emit('conversations:updated', { conversation: turn.conversation })
    return {
      conversation: turn.conversation,
      userMessage: turn.user,
      assistantMessage: turn.assistant
    }
  }

  async function run(
    turn: StoredTurn,
    profile: ReturnType<typeof activeProfile>,
    signal: AbortSignal
  ) {
    const conversationId = turn.conversation.id
    const assistantId = turn.assistant.id
    let text = ''
    let written = ''
    const writeNow = () => {
      if (text === written) return
      try {
        deps.conversations.writeStream(assistantId, text)
        written = text
      } catch (error) {
        // A busy or full disk must not break the stream; the final write tries again.
        deps.logger.warn('could not write the streaming reply yet', { error })
      }
    }
    const writer = setInterval(writeNow, STREAM_WRITE_MS)
    // Deltas are appended to the text before they are batched: a batch is always its tail.
    const batcher = createDeltaBatcher((delta) =>
      deps.emit('chat:delta', {
        conversationId,
        messageId: assistantId,
        text: delta,
        offset: text.length - delta.length
      })
    )
    /** The stored end of the reply, with the conversation's new summary (its revision). */
    const finish = (
      status: 'done' | 'stopped' | 'failed',
      error?: AppError
    ): { message: Message; conversation?: ConversationSummary } => {
      clearInterval(writer)
      try {
        return deps.conversations.finish(assistantId, { status, text, ...(error ? { error } : {}) })
      } catch (storeError) {
        // The conversation went meanwhile (removed and purged by another process) or the disk
        // refused the write: the window still gets the reply's end, and the log says why.
        deps.logger.error('could not store the end of a reply', { error: storeError })
        return { message: { ...turn.assistant, text, status, ...(error ? { error } : {}) } }
      }
    }
    let connector: Awaited<ReturnType<ConnectionManager['connector']>> | undefined
    try {
      connector = await deps.connections.connector()
      const link = await connector.link()
      // Bound to this backend (profileSecrets.ts): never a key or header given for another address.
      const { apiKey, contract } = await backendSecrets(profile, deps.secrets)
      const limit = historyLimit(profile.contract)
      const history =
        limit === 0 ? [] : historyTurns(deps.conversations.pathBefore(turn.user.id, limit))
      const attachments = turn.user.attachments
      const spec = buildChatRequest(link.origin, contract, {
        text: turn.user.text,
        ...(attachments?.length ? { attachments } : {}),
        history,
        ...(apiKey ? { apiKey } : {})
      })
      await streamChat(link, spec, {
        format: profile.contract.replyFormat,
        field: profile.contract.replyField,
        connectMs: profile.timeouts.connectSec * 1000,
        idleMs: profile.timeouts.idleSec * 1000,
        limits: profile.limits,
        signal,
        onDelta(delta) {
          text += delta
          batcher.push(delta)
        }
      })
      connector.markConnected?.()
      batcher.flush()
      deps.emit('chat:done', { conversationId, ...finish('done') })
    } catch (error) {
      batcher.flush()
      const appErr: AppError =
        error instanceof AppFailure
          ? error.error
          : appError('internal', 'The reply could not be completed')
      if (!(error instanceof AppFailure)) deps.logger.error('chat run failed', { error })
      if (signal.aborted) {
        deps.emit('chat:done', { conversationId, ...finish('stopped') })
        return
      }
      deps.logger.warn('reply failed', { code: appErr.code, message: appErr.message })
      connector?.link().then(
        (l) => l.reportFailure?.(error),
        () => undefined
      )
      deps.emit('chat:failed', { conversationId, ...finish('failed', appErr), error: appErr })
    } finally {
      clearInterval(writer)
    }
  }

  return {
    async send(arg: {
      conversationId?: string
      text: string
      attachments?: Attachment[] | undefined
    }): Promise<SendResult> {
      const attachments = arg.attachments ?? []
      if (!arg.text.trim() && attachments.length === 0)
        fail('message.empty', 'The message is empty')
      checkAttachments(attachments, activeProfile().contract)
      if (arg.conversationId && running.has(arg.conversationId))
        fail('chat.busy', 'A reply is still streaming in this conversation. Stop it first.')
      const conversationId = arg.conversationId ?? (await deps.conversations.create()).id
      return start({
        kind: 'send',
        conversationId,
        text: arg.text,
        ...(attachments.length ? { attachments } : {})
      })
    },
    /** Ask again for a reply to `messageId` (a user message): the earlier replies stay as versions. */
    async retry(arg: { conversationId: string; messageId: string }): Promise<SendResult> {
      checkAttachedStill(arg.messageId)
      return start({ kind: 'retry', conversationId: arg.conversationId, messageId: arg.messageId })
    },
    /** Send an edited copy of `messageId` as a new branch; the original and its replies stay. */
    async edit(arg: {
      conversationId: string
      messageId: string
      text: string
    }): Promise<SendResult> {
      if (!arg.text.trim()) fail('message.empty', 'The message is empty')
      checkAttachedStill(arg.messageId)
      return start({
        kind: 'edit',
        conversationId: arg.conversationId,
        messageId: arg.messageId,
        text: arg.text
      })
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

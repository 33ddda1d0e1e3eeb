/**
 * Messages of the conversations loaded this session, the text streaming into replies, composer
 * drafts, and the chat actions (send, retry, regenerate, edit, stop).
 *
 * Streaming cost: main already batches deltas (~1 event per 16 ms); here they are buffered again
 * and applied once per animation frame into `live` (a small map by message id). The message array
 * of a thread changes only when a message is added or finished, so the virtualized list and the
 * memoized Markdown of finished messages do not re-render while tokens arrive.
 */
import type { ConversationSummary, Message } from '@shared/conversation'
import type { SendResult } from '@shared/ipc/contract'
import { DEFAULT_HISTORY_TURNS, withHistoryOn } from '@shared/history'
import { service } from '../api'
import { placeSummary } from './conversationsSlice'
import { selectActiveProfile } from './selectors'
import { NEW_CHAT, type ChatSlice, type Slice, type Store, type Thread } from './types'

export type FrameScheduler = (flush: () => void) => void

export const defaultScheduler: FrameScheduler = (flush) => {
  if (
    typeof requestAnimationFrame === 'function' &&
    typeof document !== 'undefined' &&
    !document.hidden
  ) {
    requestAnimationFrame(() => flush())
  } else {
    // A hidden window gets no animation frames; a timer keeps the text flowing.
    setTimeout(flush, 50)
  }
}

const MAX_CACHED_THREADS = 30

const emptyThread = (): Thread => ({ messages: [], loading: false, error: null })

/** Replace one message (found from the end: the streaming one is the last) or return null. */
function replaceMessage(messages: Message[], message: Message): Message[] | null {
  for (let i = messages.length - 1; i >= 0; i--) {
    if (messages[i]!.id === message.id) {
      const next = messages.slice()
      next[i] = message
      return next
    }
  }
  return null
}

function withoutKey<T>(record: Record<string, T>, key: string): Record<string, T> {
  if (!(key in record)) return record
  const next = { ...record }
  delete next[key]
  return next
}

export function createChatSlice(schedule: FrameScheduler = defaultScheduler): Slice<ChatSlice> {
  return (set, get) => {
    // Not state: nothing renders from these, they only smooth the event stream.
    const pendingDeltas = new Map<string, { offset: number; text: string }>()
    let frameRequested = false
    /** Final events that arrived before the send/retry result that introduced their message. */
    const earlyFinals = new Map<string, { message: Message; conversation?: ConversationSummary }>()

    const setThread = (conversationId: string, update: (t: Thread) => Thread) =>
      set((s) => ({
        threads: {
          ...s.threads,
          [conversationId]: update(s.threads[conversationId] ?? emptyThread())
        }
      }))

    /** Put a send/retry/edit result into the thread: the path above the turn, the user message, the reply. */
    function applyTurn(result: SendResult) {
      const { userMessage } = result
      const early = earlyFinals.get(result.assistantMessage.id)
      earlyFinals.delete(result.assistantMessage.id)
      const assistant = early?.message ?? result.assistantMessage
      // A reply that already ended: its end's summary is the newer one, if it follows this turn.
      const conversation =
        early?.conversation && follows(result.conversation, early.conversation)
          ? early.conversation
          : result.conversation
      setThread(conversation.id, (t) => ({
        ...t,
        messages: [...pathBefore(t.messages, userMessage), userMessage, assistant],
        ...revisionOf(conversation)
      }))
      get().applySummary(conversation)
    }

    function evictThreads(keep: string) {
      const ids = Object.keys(get().threads)
      if (ids.length <= MAX_CACHED_THREADS) return
      const threads = { ...get().threads }
      for (const id of ids) {
        if (Object.keys(threads).length <= MAX_CACHED_THREADS) break
        const last = threads[id]!.messages.at(-1)
        if (id !== keep && id !== get().activeId && last?.status !== 'streaming') delete threads[id]
      }
      set({ threads })
    }

    const composerKey = () => get().activeId ?? NEW_CHAT

    return {
      threads: {},
      live: {},
      drafts: {},
      sendErrors: {},
      pending: {},
      editing: null,
      focusMessageId: null,
      searchHit: null,

      setDraft(key, text) {
        set((s) => ({
          drafts: { ...s.drafts, [key]: text },
          sendErrors: s.sendErrors[key] ? { ...s.sendErrors, [key]: null } : s.sendErrors
        }))
      },

      async send(text) {
        const key = composerKey()
        const files = get().composerFiles[key] ?? []
        // A file still being read would be left out silently: wait for its chip instead.
        if (files.some((f) => !f.attachment)) return false
        const attachments = files.flatMap((f) => (f.attachment ? [f.attachment] : []))
        if ((!text.trim() && attachments.length === 0) || get().pending[key]) return false
        // A password (or host key) prompt the user closed is what stands in the way: ask again.
        get().reopenPrompt()
        // Something else sent: a reply waiting for a secret is not retried by itself any more.
        get().dropSecretRetry()
        const conversationId = get().activeId ?? undefined
        set((s) => ({
          pending: { ...s.pending, [key]: true },
          sendErrors: { ...s.sendErrors, [key]: null }
        }))
        const res = await service.chat.send({
          ...(conversationId ? { conversationId } : {}),
          text,
          ...(attachments.length ? { attachments } : {})
        })
        set((s) => ({ pending: { ...s.pending, [key]: false } }))
        if (!res.ok) {
          // Nothing was stored: the text stays in the composer, with the reason next to it.
          set((s) => ({ sendErrors: { ...s.sendErrors, [key]: res.error } }))
          return false
        }
        const id = res.data.conversation.id
        // The chips that were sent go; one added while the call was in flight stays.
        const sent = new Set(files.map((f) => f.id))
        set((s) => ({
          composerFiles: {
            ...s.composerFiles,
            [key]: (s.composerFiles[key] ?? []).filter((f) => !sent.has(f.id))
          }
        }))
        if (!conversationId && !get().threads[id]) setThread(id, () => emptyThread())
        applyTurn(res.data)
        set((s) => {
          // Clear only what was sent: the user may have typed on while the call was in flight.
          const drafts = s.drafts[key] === text ? withoutKey(s.drafts, key) : s.drafts
          // A new chat becomes that conversation, unless the user has moved elsewhere meanwhile.
          const activeId = !conversationId && s.activeId === null ? id : s.activeId
          const moved = !conversationId && drafts[key] !== undefined && activeId === id
          return {
            drafts: moved ? { ...withoutKey(drafts, key), [id]: drafts[key]! } : drafts,
            activeId
          }
        })
        return true
      },

      async retry(conversationId, userMessageId) {
        if (get().pending[conversationId]) return false
        get().dropSecretRetry()
        set((s) => ({ pending: { ...s.pending, [conversationId]: true } }))
        const res = await service.chat.retry({ conversationId, messageId: userMessageId })
        set((s) => ({ pending: { ...s.pending, [conversationId]: false } }))
        if (!res.ok) {
          get().notify({ tone: 'error', error: res.error })
          return false
        }
        applyTurn(res.data)
        return true
      },

      async regenerate(conversationId) {
        const messages = get().threads[conversationId]?.messages ?? []
        for (let i = messages.length - 1; i >= 0; i--) {
          if (messages[i]!.role === 'user') return get().retry(conversationId, messages[i]!.id)
        }
        return false
      },

      async edit(conversationId, messageId, text) {
        if (!text.trim() || get().pending[conversationId]) return false
        get().dropSecretRetry()
        set((s) => ({ pending: { ...s.pending, [conversationId]: true } }))
        const res = await service.chat.edit({ conversationId, messageId, text })
        set((s) => ({ pending: { ...s.pending, [conversationId]: false } }))
        if (!res.ok) {
          get().notify({ tone: 'error', error: res.error })
          return false
        }
        set({ editing: null })
        applyTurn(res.data)
        return true
      },

      async stop(conversationId) {
        const res = await service.chat.stop({ conversationId })
        if (!res.ok) get().notify({ tone: 'error', error: res.error })
        // The stopped message itself arrives as chat:done with status 'stopped'.
      },

      startEdit(conversationId, messageId) {
        set({ editing: { conversationId, messageId } })
      },
      cancelEdit() {
        set({ editing: null })
      },
      clearFocusMessage() {
        set({ focusMessageId: null })
      },

      async loadThread(conversationId) {
        const existing = get().threads[conversationId]
        if (existing && !existing.error) return
        setThread(conversationId, (t) => ({ ...t, loading: true, error: null }))
        const res = await service.conversations.get({ id: conversationId })
        if (!res.ok) {
          setThread(conversationId, (t) => ({ ...t, loading: false, error: res.error }))
          return
        }
        // Keep messages that arrived (a send) while loading: the loaded list may predate them.
        setThread(conversationId, (t) => {
          const known = new Set(res.data.messages.map((m) => m.id))
          return {
            messages: [...res.data.messages, ...t.messages.filter((m) => !known.has(m.id))],
            loading: false,
            error: null,
            ...revisionOf(res.data)
          }
        })
        evictThreads(conversationId)
      },

      async reloadThread(conversationId) {
        const res = await service.conversations.get({ id: conversationId })
        if (!res.ok) return
        // The stored path is the truth now; a reply streaming here keeps its live text (by id).
        setThread(conversationId, (t) => ({
          ...t,
          messages: res.data.messages,
          loading: false,
          error: null,
          ...revisionOf(res.data)
        }))
      },

      async selectVersion(conversationId, messageId, version) {
        const res = await service.conversations.selectVersion({
          conversationId,
          messageId,
          version
        })
        if (!res.ok) {
          get().notify({ tone: 'error', error: res.error })
          return false
        }
        setThread(conversationId, (t) => ({
          ...t,
          messages: res.data.messages,
          ...revisionOf(res.data)
        }))
        return true
      },

      onDelta({ messageId, text, offset }) {
        const pending = pendingDeltas.get(messageId)
        pendingDeltas.set(
          messageId,
          pending ? { offset: pending.offset, text: pending.text + text } : { offset, text }
        )
        if (frameRequested) return
        frameRequested = true
        schedule(() => get().flushDeltas())
      },

      flushDeltas() {
        frameRequested = false
        if (pendingDeltas.size === 0) return
        const batch = [...pendingDeltas]
        pendingDeltas.clear()
        set((s) => {
          const live = { ...s.live }
          for (const [id, { offset, text }] of batch) {
            const base = live[id] ?? baseText(s, id)
            // A conversation loaded mid-reply already holds the text before `offset` (and maybe
            // some of this delta): keep what comes before the offset, then this delta, once.
            live[id] = (base.length >= offset ? base.slice(0, offset) : base) + text
          }
          return { live }
        })
      },

      onDone({ conversationId, message, conversation }) {
        finish(conversationId, message, conversation)
      },

      onFailed({ conversationId, message, error, conversation }) {
        const failed = message.error ? message : { ...message, error }
        finish(conversationId, failed, conversation)
        get().armSecretRetry(conversationId, failed)
      },

      async turnOnHistory() {
        const profile = selectActiveProfile(get())
        if (!profile) return false
        const res = await get().saveProfile({
          ...profile,
          contract: withHistoryOn(profile.contract)
        })
        if (!res.ok) {
          get().notify({ tone: 'error', error: res.error })
          return false
        }
        get().notify({
          tone: 'info',
          key: 'chat.history.turnedOn',
          params: { turns: DEFAULT_HISTORY_TURNS }
        })
        return true
      }
    }

    function finish(conversationId: string, message: Message, conversation?: ConversationSummary) {
      // The final message carries the whole text: pending deltas for it are obsolete.
      pendingDeltas.delete(message.id)
      const thread = get().threads[conversationId]
      const replaced = thread ? replaceMessage(thread.messages, message) : null
      // Keep it for the send/retry/edit result still on its way: for a loaded conversation, or for
      // the new chat a send is creating (its thread comes with the result; a refused backend
      // fails the reply before that). A final for a conversation this window never shows is not kept.
      if (!replaced && (thread || get().pending[NEW_CHAT]))
        earlyFinals.set(message.id, { message, conversation })
      // Storing the end was the one write since the revision this thread has: it is current.
      const current = replaced && conversation && follows(thread!, conversation)
      set((s) => ({
        live: withoutKey(s.live, message.id),
        ...(replaced
          ? {
              threads: {
                ...s.threads,
                [conversationId]: {
                  ...thread!,
                  messages: replaced,
                  ...(current ? revisionOf(conversation) : {})
                }
              }
            }
          : {})
      }))
      // The sidebar gets the new summary when it shows something new (storing a reply's end moves
      // only the revision, and a new list for that alone would redraw the sidebar after every
      // reply). Not a reason to load the thread again: a write this thread missed was announced
      // on its own (and a reload for it may be under way).
      const listed = conversation && get().summaries.find((c) => c.id === conversation.id)
      if (conversation && !(listed && sameInList(listed, conversation)))
        set((s) => ({ summaries: placeSummary(s.summaries, conversation) }))
    }
  }
}

const revisionOf = (c: { revision?: number }) =>
  c.revision !== undefined ? { revision: c.revision } : {}

/** Two summaries the sidebar shows alike (they may differ in revision). */
const sameInList = (a: ConversationSummary, b: ConversationSummary) =>
  a.title === b.title &&
  a.updatedAt === b.updatedAt &&
  a.createdAt === b.createdAt &&
  a.messageCount === b.messageCount &&
  Boolean(a.pinned) === Boolean(b.pinned)

/** `next` is `prev`'s conversation after exactly one more write (a reply's end bumps it once). */
const follows = (prev: { revision?: number }, next: { revision?: number }) =>
  prev.revision !== undefined && next.revision === prev.revision + 1

/**
 * What stays above a new turn: the shown path down to the user message's parent. A retry keeps
 * its user message (same id); an edit is a new sibling of the edited message (same parent); both
 * leave the earlier versions in the store, reachable through the version counter.
 */
function pathBefore(messages: Message[], user: Message): Message[] {
  if (user.parentId === null) return []
  const parent =
    user.parentId === undefined ? -1 : messages.findIndex((m) => m.id === user.parentId)
  if (parent >= 0) return messages.slice(0, parent + 1)
  const same = messages.findIndex((m) => m.id === user.id)
  return same >= 0 ? messages.slice(0, same) : messages
}

/** The text a streaming message had when it was loaded (a conversation opened mid-reply). */
function baseText(s: Store, messageId: string): string {
  for (const t of Object.values(s.threads)) {
    const m = t.messages.at(-1)
    if (m?.id === messageId) return m.text
  }
  return ''
}

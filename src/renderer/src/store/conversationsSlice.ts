/** The sidebar's data: summaries, which conversation is open, search, delete with undo, export. */
import { service } from '../api'
import type { ConversationSummary } from '@shared/conversation'
import { i18n } from '../i18n'
import { saveExported } from './saveExported'
import type { ConversationsSlice, Slice } from './types'

const SEARCH_DEBOUNCE_MS = 200

export const createConversationsSlice: Slice<ConversationsSlice> = (set, get) => {
  let searchTimer: ReturnType<typeof setTimeout> | undefined

  /**
   * Another process (the CLI, a second window) changed a conversation: the open one is loaded
   * again; others are dropped from the cache and load fresh when opened. A turn this window has in
   * flight is not news: the core announces it before the send, retry or edit returns, and that
   * result carries the new path and revision itself.
   */
  function dropStale(summaries: ConversationSummary[]) {
    const { threads, activeId, pending } = get()
    let stale: string[] = []
    for (const s of summaries) {
      const t = threads[s.id]
      if (
        t &&
        !t.loading &&
        !pending[s.id] &&
        s.revision !== undefined &&
        t.revision !== undefined &&
        s.revision > t.revision
      )
        stale.push(s.id)
    }
    if (stale.length === 0) return
    if (activeId && stale.includes(activeId)) void get().reloadThread(activeId)
    stale = stale.filter(
      (id) => id !== activeId && !threads[id]!.messages.some((m) => m.status === 'streaming')
    )
    if (stale.length)
      set((st) => ({
        threads: Object.fromEntries(
          Object.entries(st.threads).filter(([id]) => !stale.includes(id))
        )
      }))
  }

  return {
    summaries: [],
    activeId: null,
    query: '',
    searchResults: null,
    searching: false,
    undo: null,

    applySummaries(summaries) {
      set({ summaries })
      dropStale(summaries)
    },

    applySummary(summary) {
      set((s) => ({ summaries: placeSummary(s.summaries, summary) }))
      dropStale([summary])
    },

    async openConversation(id, messageId) {
      // In a narrow window the sidebar lies over the chat: picking a conversation folds it away.
      set((s) => ({
        activeId: id,
        view: 'chat',
        editing: null,
        focusMessageId: messageId ?? null,
        searchHit: messageId && s.query.trim() ? { messageId, query: s.query.trim() } : null,
        sidebarOpen: s.narrow ? null : s.sidebarOpen
      }))
      await get().loadThread(id)
    },

    newChat() {
      set((s) => ({
        activeId: null,
        view: 'chat',
        editing: null,
        focusMessageId: null,
        searchHit: null,
        sidebarOpen: s.narrow ? null : s.sidebarOpen
      }))
    },

    renamingId: null,
    startRename(id) {
      set({ renamingId: id })
    },
    endRename() {
      set({ renamingId: null })
    },

    async pinConversation(id, pinned) {
      const res = await service.conversations.pin({ id: id, pinned: pinned })
      if (!res.ok) {
        get().notify({ tone: 'error', error: res.error })
        return false
      }
      get().applySummaries(res.data.summaries)
      return true
    },

    async renameConversation(id, title) {
      const trimmed = title.trim()
      if (!trimmed) return false
      const res = await service.conversations.rename({ id, title: trimmed })
      if (!res.ok) {
        get().notify({ tone: 'error', error: res.error })
        return false
      }
      get().applySummaries(res.data.summaries)
      return true
    },

    async removeConversation(id) {
      const title = get().summaries.find((c) => c.id === id)?.title ?? ''
      const res = await service.conversations.remove({ id })
      if (!res.ok) {
        get().notify({ tone: 'error', error: res.error })
        return false
      }
      get().applySummaries(res.data.summaries)
      set((s) => ({
        undo: { id, title },
        activeId: s.activeId === id ? null : s.activeId,
        searchResults: s.searchResults?.filter((h) => h.conversationId !== id) ?? null
      }))
      return true
    },

    async undoRemove() {
      const undo = get().undo
      if (!undo) return
      set({ undo: null })
      const res = await service.conversations.restore({ id: undo.id })
      if (!res.ok) {
        get().notify({ tone: 'error', error: res.error })
        return
      }
      get().applySummaries(res.data.summaries)
      if (get().query.trim()) void get().runSearch(get().query)
    },

    dismissUndo() {
      set({ undo: null })
    },

    setQuery(query) {
      set({ query })
      clearTimeout(searchTimer)
      if (!query.trim()) {
        set({ searchResults: null, searching: false })
        return
      }
      set({ searching: true })
      searchTimer = setTimeout(() => void get().runSearch(query), SEARCH_DEBOUNCE_MS)
    },

    async runSearch(query) {
      const res = await service.conversations.search({ query, limit: 100 })
      // A slower, older search must not overwrite the results of what is typed now.
      if (get().query !== query) return
      if (!res.ok) {
        set({ searching: false, searchResults: [] })
        get().notify({ tone: 'error', error: res.error })
        return
      }
      set({ searching: false, searchResults: res.data })
    },

    async exportConversation(id, format) {
      // Headings and dates in the language the user reads the app in.
      const res = await service.conversations.export({
        id,
        format,
        language: i18n.language === 'ko' ? 'ko' : 'en'
      })
      if (!res.ok) {
        get().notify({ tone: 'error', error: res.error })
        return
      }
      await saveExported(get, res.data, 'chat.exported')
    },

    async backupAll() {
      const res = await service.conversations.backup()
      if (!res.ok) {
        get().notify({ tone: 'error', error: res.error })
        return
      }
      await saveExported(get, res.data, 'chat.exported')
    },

    async importBackup(content) {
      const res = await service.conversations.importBackup({ content })
      if (!res.ok) {
        get().notify({ tone: 'error', error: res.error })
        return false
      }
      get().applySummaries(res.data.summaries)
      get().notify({
        tone: 'info',
        key: 'backup.imported',
        params: { imported: res.data.imported, duplicates: res.data.duplicates }
      })
      return true
    }
  }
}

/**
 * The list with `summary` in place of its earlier version, where its time puts it: the core lists
 * newest first (updatedAt, then the later created among equals).
 */
export function placeSummary(
  list: ConversationSummary[],
  summary: ConversationSummary
): ConversationSummary[] {
  const was = list.findIndex((s) => s.id === summary.id)
  // Same time (a reply's end, a title): the same place.
  if (was >= 0 && list[was]!.updatedAt === summary.updatedAt)
    return list.map((s, i) => (i === was ? summary : s))
  const rest = was < 0 ? list : list.filter((s) => s.id !== summary.id)
  const at = rest.findIndex((s) => s.updatedAt <= summary.updatedAt)
  return at < 0 ? [...rest, summary] : [...rest.slice(0, at), summary, ...rest.slice(at)]
}

/** Selectors shared by several components. Each returns a stable value (no new objects). */
import type { Message } from '@shared/conversation'
import { NEW_CHAT, type Store } from './types'

const noMessages: Message[] = []

export const selectComposerKey = (s: Store) => s.activeId ?? NEW_CHAT
export const selectActiveMessages = (s: Store): Message[] =>
  s.activeId ? (s.threads[s.activeId]?.messages ?? noMessages) : noMessages
export const selectActiveThreadLoading = (s: Store) =>
  s.activeId ? (s.threads[s.activeId]?.loading ?? false) : false

/** The streaming reply of a conversation: always its last message while a reply runs. */
export function isStreaming(s: Store, conversationId: string | null): boolean {
  if (!conversationId) return false
  return s.threads[conversationId]?.messages.at(-1)?.status === 'streaming'
}

export const selectActiveStreaming = (s: Store) => isStreaming(s, s.activeId)

export const selectActiveSummary = (s: Store) =>
  s.activeId ? s.summaries.find((c) => c.id === s.activeId) : undefined

/** The sidebar shows: the user's choice, else wide windows show it and narrow ones fold it away. */
export const selectSidebarVisible = (s: Store) => s.sidebarOpen ?? !s.narrow

/** The profile chats go to (the selected one), or undefined. */
export const selectActiveProfile = (s: Store) =>
  s.activeProfileId ? s.profiles.find((p) => p.id === s.activeProfileId) : undefined

/** The profile the connection check is about: the one it was opened for, else the selected one. */
export const selectCheckedProfileId = (s: Store) => s.doctor.profileId ?? s.activeProfileId

/** One stored profile by id (undefined for none, or while it is not listed). */
export const selectProfileById = (id: string | undefined) => (s: Store) =>
  id === undefined ? undefined : s.profiles.find((p) => p.id === id)

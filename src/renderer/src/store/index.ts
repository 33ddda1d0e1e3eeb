/**
 * The renderer's single zustand store, composed from typed slices. Components read it through
 * atomic selectors (`useAppStore((s) => s.activeId)`) or `useShallow`, never the whole state.
 * Tests reset it with `useAppStore.setState(useAppStore.getInitialState(), true)` or build a
 * fresh one with `createAppStore()`.
 */
import { create } from 'zustand'
import { createAttachmentsSlice } from './attachmentsSlice'
import { createPromptsSlice } from './promptsSlice'
import { createChatSlice, defaultScheduler, type FrameScheduler } from './chatSlice'
import { createConnectionSlice } from './connectionSlice'
import { createConversationsSlice } from './conversationsSlice'
import { createDoctorSlice } from './doctorSlice'
import { createProfilesSlice } from './profilesSlice'
import { createSecretRetrySlice } from './secretRetrySlice'
import { createSettingsSlice } from './settingsSlice'
import type { Store } from './types'
import { createUiSlice } from './uiSlice'

export function createAppStore(options: { schedule?: FrameScheduler } = {}) {
  return create<Store>()((...a) => ({
    ...createChatSlice(options.schedule ?? defaultScheduler)(...a),
    ...createSecretRetrySlice(...a),
    ...createAttachmentsSlice(...a),
    ...createPromptsSlice(...a),
    ...createConversationsSlice(...a),
    ...createConnectionSlice(...a),
    ...createDoctorSlice(...a),
    ...createSettingsSlice(...a),
    ...createProfilesSlice(...a),
    ...createUiSlice(...a)
  }))
}

export const useAppStore = createAppStore()

export type AppStore = typeof useAppStore
export type { Store } from './types'
export { NEW_CHAT } from './types'

/**
 * App-wide keys: Ctrl/Cmd+N new chat, Ctrl/Cmd+K search, Ctrl/Cmd+B sidebar, Ctrl/Cmd+, Settings,
 * Ctrl/Cmd+/ the shortcut overlay, Ctrl/Cmd+Shift+P the profile picker and Ctrl+M the model picker
 * in the chat header, Esc folds the sidebar lying over a narrow window or stops a
 * streaming reply. The list users see is features/shortcuts/shortcuts.ts: keep both in step.
 * Dialogs and inline editors handle their own Esc first and stop it from reaching here.
 */
import { useEffect } from 'react'
import { COMPOSER_ID, stopActive } from '../features/chat/Composer'
import {
  focusPicker,
  MODEL_PICKER_ID,
  PROFILE_PICKER_ID
} from '../features/connection/HeaderPickers'
import { SEARCH_ID } from '../features/sidebar/Sidebar'
import { useAppStore } from '../store'
import { selectActiveStreaming, selectSidebarVisible } from '../store/selectors'

export function useShortcuts(): void {
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.isComposing) return
      const mod = e.ctrlKey || e.metaKey
      const key = e.key.toLowerCase()
      if (mod && !e.shiftKey && !e.altKey && key === 'n') {
        e.preventDefault()
        useAppStore.getState().newChat()
        // After the view has switched to the (new) composer.
        requestAnimationFrame(() => document.getElementById(COMPOSER_ID)?.focus())
        return
      }
      if (mod && !e.shiftKey && !e.altKey && key === 'k') {
        e.preventDefault()
        const focusSearch = () => {
          const search = document.getElementById(SEARCH_ID) as HTMLInputElement | null
          search?.focus()
          search?.select()
        }
        const state = useAppStore.getState()
        if (selectSidebarVisible(state)) focusSearch()
        else {
          state.setSidebarOpen(true)
          // After the folded sidebar has rendered.
          requestAnimationFrame(focusSearch)
        }
        return
      }
      if (mod && !e.shiftKey && !e.altKey && key === 'b') {
        e.preventDefault()
        useAppStore.getState().toggleSidebar()
        return
      }
      if (mod && !e.altKey && e.key === ',') {
        e.preventDefault()
        useAppStore.getState().setView('settings')
        return
      }
      if (mod && e.shiftKey && !e.altKey && key === 'p') {
        e.preventDefault()
        focusPicker(PROFILE_PICKER_ID)
        return
      }
      if (e.ctrlKey && !e.shiftKey && !e.altKey && !e.metaKey && key === 'm') {
        e.preventDefault()
        focusPicker(MODEL_PICKER_ID)
        return
      }
      if (mod && !e.altKey && (e.key === '/' || e.code === 'Slash')) {
        e.preventDefault()
        useAppStore.getState().setShortcutsOpen(!useAppStore.getState().shortcutsOpen)
        return
      }
      const modalOpen = document.querySelector('[aria-modal="true"]') !== null
      if (e.key === 'Escape' && !modalOpen) {
        const state = useAppStore.getState()
        if (state.narrow && selectSidebarVisible(state)) {
          e.preventDefault()
          state.setSidebarOpen(false)
          return
        }
      }
      if (e.key === 'Escape' && !modalOpen && selectActiveStreaming(useAppStore.getState())) {
        e.preventDefault()
        void stopActive()
      }
    }
    window.addEventListener('keydown', onKeyDown)
    return () => window.removeEventListener('keydown', onKeyDown)
  }, [])
}

/**
 * App-wide keys: Ctrl/Cmd+N new chat, Ctrl/Cmd+K search, Esc stops a streaming reply.
 * Dialogs and inline editors handle their own Esc first and stop it from reaching here.
 */
import { useEffect } from 'react'
import { COMPOSER_ID, stopActive } from '../features/chat/Composer'
import { SEARCH_ID } from '../features/sidebar/Sidebar'
import { useAppStore } from '../store'
import { selectActiveStreaming } from '../store/selectors'

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
        const search = document.getElementById(SEARCH_ID) as HTMLInputElement | null
        search?.focus()
        search?.select()
        return
      }
      if (e.key === 'Escape' && !document.querySelector('[aria-modal="true"]') && selectActiveStreaming(useAppStore.getState())) {
        e.preventDefault()
        void stopActive()
      }
    }
    window.addEventListener('keydown', onKeyDown)
    return () => window.removeEventListener('keydown', onKeyDown)
  }, [])
}

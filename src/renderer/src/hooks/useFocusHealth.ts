/**
 * When the window comes back (focus, or the tab/app becomes visible), ask main to check the
 * backend at once, so a status that went stale while the user was away is corrected before they
 * type. At most once every 5 s: focus and visibility often fire together.
 */
import { useEffect } from 'react'
import { useAppStore } from '../store'

export function useFocusHealth(minGapMs = 5000): void {
  useEffect(() => {
    let last = 0
    const check = () => {
      if (document.visibilityState === 'hidden') return
      const now = Date.now()
      if (now - last < minGapMs) return
      last = now
      void useAppStore.getState().checkConnection()
    }
    window.addEventListener('focus', check)
    document.addEventListener('visibilitychange', check)
    return () => {
      window.removeEventListener('focus', check)
      document.removeEventListener('visibilitychange', check)
    }
  }, [minGapMs])
}

/**
 * The start of the user's local day (epoch ms), for the sidebar's date groups: it changes at local
 * midnight (a timer to the next one), and the clock is read again whenever the window comes back
 * (focus, visible again), since a machine that slept past midnight runs its timer late.
 */
import { useEffect, useState } from 'react'
import { nextMidnight, startOfDay } from './grouping'

export function useToday(): number {
  const [today, setToday] = useState(() => startOfDay(Date.now()))
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined
    // Re-armed on every look: a clock set back (or a timer that fired early) must not leave the
    // list without one. Setting the same day again renders nothing.
    const look = () => {
      const now = Date.now()
      setToday(startOfDay(now))
      clearTimeout(timer)
      timer = setTimeout(look, nextMidnight(now) - now)
    }
    const onVisible = () => {
      if (document.visibilityState !== 'hidden') look()
    }
    look()
    window.addEventListener('focus', look)
    document.addEventListener('visibilitychange', onVisible)
    return () => {
      clearTimeout(timer)
      window.removeEventListener('focus', look)
      document.removeEventListener('visibilitychange', onVisible)
    }
  }, [])
  return today
}

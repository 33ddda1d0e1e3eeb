import { useEffect, useState } from 'react'

/** Whole seconds left until `at` (epoch ms), ticking once a second; null without a target. */
export function useCountdown(at: number | undefined): number | null {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    if (!at) return
    const tick = () => setNow(Date.now())
    // Refresh at once (asynchronously) for a new target, then every second.
    const first = setTimeout(tick, 0)
    const timer = setInterval(tick, 1000)
    return () => {
      clearTimeout(first)
      clearInterval(timer)
    }
  }, [at])
  if (!at) return null
  return Math.max(0, Math.ceil((at - now) / 1000))
}

/**
 * Asks again, once, for a reply that failed for want of a secret, as soon as the person has
 * entered one and is back on that conversation (store/secretRetrySlice.ts decides when).
 */
import { useEffect } from 'react'
import { useAppStore } from '../store'
import { selectDueSecretRetry } from '../store/secretRetrySlice'

export function useSecretRetry(): void {
  const due = useAppStore(selectDueSecretRetry)
  useEffect(() => {
    if (due) void useAppStore.getState().runSecretRetry()
  }, [due])
}

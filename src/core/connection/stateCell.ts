import type { ConnectionState } from '@shared/connection'

/** The current connection state and its listeners: the one place a connector publishes from. */
export function createStateCell(initial: ConnectionState) {
  let state = initial
  const listeners = new Set<(s: ConnectionState) => void>()
  return {
    get: () => state,
    set(next: ConnectionState) {
      state = next
      for (const l of listeners) l(state)
    },
    subscribe(listener: (s: ConnectionState) => void) {
      listeners.add(listener)
      return () => void listeners.delete(listener)
    }
  }
}

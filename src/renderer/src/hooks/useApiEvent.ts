/**
 * Subscribe to one event of the contract for the component's lifetime. The handler is kept in a
 * ref so that a new closure each render does not unsubscribe and resubscribe (which could drop
 * an event in between).
 */
import { useEffect, useLayoutEffect, useRef } from 'react'
import type { EventName, EventPayloads } from '@shared/ipc/contract'
import { service } from '../api'

export function useApiEvent<E extends EventName>(
  event: E,
  handler: (payload: EventPayloads[E]) => void
): void {
  const ref = useRef(handler)
  useLayoutEffect(() => {
    ref.current = handler
  })
  useEffect(() => service.on(event, (payload) => ref.current(payload)), [event])
}

/**
 * Collects text deltas and flushes them at most once per interval, so a reply streaming at
 * hundreds of tokens per second costs the IPC bridge ~60 messages a second, not one per token.
 *
 * The first delta after a quiet interval goes out at once (on the next turn of the event loop,
 * so the other tokens of the same network read travel with it): batching must not delay the
 * first token, or a slow trickle of tokens, by up to an interval each.
 */
export function createDeltaBatcher(
  flush: (text: string) => void,
  intervalMs = 16,
  now: () => number = () => performance.now()
) {
  let pending = ''
  let timer: NodeJS.Timeout | undefined
  let immediate: NodeJS.Immediate | undefined
  let lastFlush = Number.NEGATIVE_INFINITY
  const drain = () => {
    timer = undefined
    immediate = undefined
    if (!pending) return
    const text = pending
    pending = ''
    lastFlush = now()
    flush(text)
  }
  return {
    push(text: string) {
      pending += text
      if (timer || immediate) return
      const wait = lastFlush + intervalMs - now()
      if (wait <= 0) immediate = setImmediate(drain)
      else timer = setTimeout(drain, wait)
    },
    /** Send what is pending now (before a done or failed event, so no text arrives after it). */
    flush() {
      clearTimeout(timer)
      clearImmediate(immediate)
      drain()
    }
  }
}

/**
 * Collects text deltas and flushes them at most once per interval, so a reply streaming at
 * hundreds of tokens per second costs the IPC bridge ~60 messages a second, not one per token.
 */
export function createDeltaBatcher(flush: (text: string) => void, intervalMs = 16) {
  let pending = ''
  let timer: NodeJS.Timeout | undefined
  const drain = () => {
    timer = undefined
    if (!pending) return
    const text = pending
    pending = ''
    flush(text)
  }
  return {
    push(text: string) {
      pending += text
      timer ??= setTimeout(drain, intervalMs)
    },
    /** Send what is pending now (before a done or failed event, so no text arrives after it). */
    flush() {
      clearTimeout(timer)
      drain()
    }
  }
}

/**
 * How long to wait before reconnect attempt `attempt` (1-based). The first retry happens at once
 * (a dropped link is usually back immediately: a sleeping laptop, a restarted sshd); later ones
 * double from `baseMs` up to `capMs`, with "equal jitter" (half fixed, half random) so that many
 * clients that lost the same server do not all come back in the same millisecond, while the wait
 * never collapses to zero. Pure: the random source is a parameter, for tests.
 */
export interface BackoffOptions {
  baseMs?: number
  capMs?: number
  /** Returns a number in [0, 1). */
  random?: () => number
}

export const defaultBackoff = { baseMs: 1000, capMs: 30_000 } as const

export function backoffDelay(attempt: number, opts: BackoffOptions = {}): number {
  const base = opts.baseMs ?? defaultBackoff.baseMs
  const cap = opts.capMs ?? defaultBackoff.capMs
  const random = opts.random ?? Math.random
  if (!Number.isFinite(attempt) || attempt <= 1) return 0
  // 2 ** 30 is already far past any cap; clamping the exponent keeps the math finite.
  const ceiling = Math.min(cap, base * 2 ** Math.min(attempt - 2, 30))
  const half = ceiling / 2
  return Math.round(half + random() * half)
}

import { describe, expect, it } from 'vitest'
import { backoffDelay } from './backoff'

describe('backoffDelay', () => {
  it('retries the first time at once', () => {
    expect(backoffDelay(1, { random: () => 0.99 })).toBe(0)
    expect(backoffDelay(0)).toBe(0)
  })

  it('doubles from the base, between half and all of the ceiling', () => {
    const low = (n: number) => backoffDelay(n, { baseMs: 1000, capMs: 30_000, random: () => 0 })
    const high = (n: number) =>
      backoffDelay(n, { baseMs: 1000, capMs: 30_000, random: () => 0.999999 })
    expect([2, 3, 4, 5].map(low)).toEqual([500, 1000, 2000, 4000])
    expect([2, 3, 4, 5].map(high)).toEqual([1000, 2000, 4000, 8000])
  })

  it('never exceeds the cap, even after very many attempts', () => {
    for (const n of [6, 10, 50, 1000, Number.MAX_SAFE_INTEGER]) {
      const d = backoffDelay(n, { baseMs: 1000, capMs: 30_000, random: () => 0.999999 })
      expect(d).toBeLessThanOrEqual(30_000)
      expect(d).toBeGreaterThanOrEqual(15_000)
    }
  })

  it('spreads clients out (jitter) without ever waiting zero after the first retry', () => {
    const seen = new Set<number>()
    for (let i = 0; i < 50; i++) seen.add(backoffDelay(4))
    expect(seen.size).toBeGreaterThan(5)
    for (const d of seen) expect(d).toBeGreaterThanOrEqual(2000)
  })
})

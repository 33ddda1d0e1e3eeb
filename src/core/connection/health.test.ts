import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createHealthSchedule, type HealthOutcome } from './health'

describe('health schedule', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  const runner = (outcomes: HealthOutcome[]) => {
    const calls: number[] = []
    const run = vi.fn(async () => {
      calls.push(Date.now())
      return outcomes.shift() ?? 'ok'
    })
    return { run, calls }
  }

  it('checks every interval while healthy', async () => {
    const { run } = runner([])
    const s = createHealthSchedule(run, { intervalMs: 45_000 })
    await vi.advanceTimersByTimeAsync(44_999)
    expect(run).toHaveBeenCalledTimes(0)
    await vi.advanceTimersByTimeAsync(1)
    expect(run).toHaveBeenCalledTimes(1)
    await vi.advanceTimersByTimeAsync(45_000)
    expect(run).toHaveBeenCalledTimes(2)
    s.stop()
  })

  it('after a failure checks again sooner, backing off, and back to the interval once it passes', async () => {
    const { run, calls } = runner(['failed', 'failed', 'failed', 'ok'])
    const s = createHealthSchedule(run, { intervalMs: 45_000, backoff: { random: () => 1 } })
    await s.now()
    expect(s.failures()).toBe(1)
    await vi.advanceTimersByTimeAsync(2000)
    expect(run).toHaveBeenCalledTimes(2)
    await vi.advanceTimersByTimeAsync(4000)
    expect(run).toHaveBeenCalledTimes(3)
    await vi.advanceTimersByTimeAsync(8000)
    expect(run).toHaveBeenCalledTimes(4)
    expect(s.failures()).toBe(0)
    const gaps = calls.slice(1).map((t, i) => t - calls[i]!)
    expect(gaps).toEqual([2000, 4000, 8000])
    await vi.advanceTimersByTimeAsync(44_999)
    expect(run).toHaveBeenCalledTimes(4)
    await vi.advanceTimersByTimeAsync(1)
    expect(run).toHaveBeenCalledTimes(5)
    s.stop()
  })

  it('never waits longer than the interval, however many failures', async () => {
    const { run } = runner(Array(20).fill('failed'))
    const s = createHealthSchedule(run, { intervalMs: 10_000, backoff: { random: () => 1 } })
    for (let i = 0; i < 12; i++) await s.now()
    await vi.advanceTimersByTimeAsync(10_000)
    expect(run).toHaveBeenCalledTimes(13)
    s.stop()
  })

  it('a check asked while one runs joins it; a skipped check changes nothing; stop ends it', async () => {
    let release!: (o: HealthOutcome) => void
    const run = vi.fn(() => new Promise<HealthOutcome>((r) => (release = r)))
    const s = createHealthSchedule(run, { intervalMs: 45_000 })
    const a = s.now()
    const b = s.now()
    expect(run).toHaveBeenCalledTimes(1)
    release('skipped')
    expect(await a).toBe('skipped')
    expect(await b).toBe('skipped')
    expect(s.failures()).toBe(0)
    s.stop()
    await vi.advanceTimersByTimeAsync(100_000)
    expect(run).toHaveBeenCalledTimes(1)
    expect(await s.now()).toBe('skipped')
  })

  it('a check that throws counts as failed', async () => {
    const s = createHealthSchedule(
      async () => {
        throw new Error('boom')
      },
      { intervalMs: 45_000 }
    )
    expect(await s.now()).toBe('failed')
    expect(s.failures()).toBe(1)
    s.stop()
  })
})

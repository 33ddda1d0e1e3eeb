import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createDeltaBatcher } from './batcher'

describe('delta batcher', () => {
  let clock = 0
  const now = () => clock
  const advance = async (ms: number) => {
    clock += ms
    await vi.advanceTimersByTimeAsync(ms)
  }
  beforeEach(() => {
    clock = 1000
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setImmediate', 'clearImmediate'] })
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it('sends the first delta without waiting for the interval, with the tokens of the same read', async () => {
    const sent: string[] = []
    const b = createDeltaBatcher((t) => sent.push(t), 16, now)
    b.push('Echo')
    b.push(': ')
    expect(sent).toEqual([])
    await vi.advanceTimersByTimeAsync(0)
    expect(sent).toEqual(['Echo: '])
  })

  it('sends at most one batch per interval while tokens stream fast', async () => {
    const sent: string[] = []
    const b = createDeltaBatcher((t) => sent.push(t), 16, now)
    b.push('a')
    await advance(0)
    for (const t of ['b', 'c', 'd']) {
      b.push(t)
      await advance(4)
    }
    expect(sent).toEqual(['a'])
    await advance(4)
    expect(sent).toEqual(['a', 'bcd'])
    b.push('e')
    await advance(15)
    expect(sent).toEqual(['a', 'bcd'])
    await advance(1)
    expect(sent).toEqual(['a', 'bcd', 'e'])
  })

  it('sends a slow trickle token by token, each at once', async () => {
    const sent: string[] = []
    const b = createDeltaBatcher((t) => sent.push(t), 16, now)
    for (const t of ['x', 'y', 'z']) {
      b.push(t)
      await advance(0)
      expect(sent.at(-1)).toBe(t)
      await advance(50)
    }
    expect(sent).toEqual(['x', 'y', 'z'])
  })

  it('flush sends what is pending now and nothing is sent twice', async () => {
    const sent: string[] = []
    const b = createDeltaBatcher((t) => sent.push(t), 16, now)
    b.push('a')
    await advance(0)
    b.push('b')
    b.flush()
    expect(sent).toEqual(['a', 'b'])
    await advance(100)
    b.flush()
    expect(sent).toEqual(['a', 'b'])
  })
})

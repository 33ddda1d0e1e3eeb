/**
 * jsdom has no layout: every element measures 0×0, so a virtualized list renders no rows. This
 * gives every element a size for the tests of the describe block that calls it (Vitest hooks),
 * and puts jsdom's own back after each test.
 */
import { afterEach, beforeEach } from 'vitest'

export function withElementSize(size = { clientHeight: 800, clientWidth: 1000 }): void {
  const saved = Object.fromEntries(
    Object.keys(size).map((k) => [k, Object.getOwnPropertyDescriptor(HTMLElement.prototype, k)])
  )
  beforeEach(() => {
    for (const [k, v] of Object.entries(size))
      Object.defineProperty(HTMLElement.prototype, k, { configurable: true, get: () => v })
  })
  afterEach(() => {
    for (const [k, d] of Object.entries(saved))
      if (d) Object.defineProperty(HTMLElement.prototype, k, d)
  })
}

/** Read `a.b.0.c` out of parsed JSON; undefined when any step is missing. */
export function pickField(value: unknown, path: string): unknown {
  if (!path) return value
  let current: unknown = value
  for (const key of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined
    current = (current as Record<string, unknown>)[key]
  }
  return current
}

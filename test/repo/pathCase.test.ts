/**
 * Installers are built on Windows and macOS, whose file systems ignore case: two tracked paths
 * that differ only in case (or two modules that an import without extension cannot tell apart,
 * like `ProfileForm.tsx` and `profileForm.ts`) would be one file there, or the wrong one.
 */
import { execFileSync } from 'node:child_process'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

const root = resolve(import.meta.dirname, '../..')
const tracked = execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8' })
  .split('\0')
  .filter(Boolean)

function collisions(keys: Array<[key: string, path: string]>): string[][] {
  const seen = new Map<string, Set<string>>()
  for (const [key, path] of keys) {
    if (!seen.has(key)) seen.set(key, new Set())
    seen.get(key)!.add(path)
  }
  return [...seen.values()].filter((paths) => paths.size > 1).map((paths) => [...paths])
}

describe('tracked paths on case-insensitive file systems', () => {
  it('has no two paths that differ only in case', () => {
    expect(collisions(tracked.map((p) => [p.toLowerCase(), p]))).toEqual([])
  })

  it('has no two modules that one extension-less import could mean', () => {
    const modules = tracked.filter((p) => /\.(ts|tsx|js|mjs|cjs|jsx)$/.test(p))
    expect(
      collisions(
        modules.map((p) => [
          p.replace(/\.(test\.)?(ts|tsx|js|mjs|cjs|jsx)$/, '.$1').toLowerCase(),
          p
        ])
      )
    ).toEqual([])
  })
})

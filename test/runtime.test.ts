import { describe, expect, it } from 'vitest'
import { expectedNode, meetsMinimum } from './helpers/runtime'

describe('runtime', () => {
  it('runs Vitest on the Node the project pins, which has node:sqlite', async () => {
    const want = expectedNode()
    if (want.exact) expect(process.version).toBe(want.exact)
    expect(meetsMinimum(process.version, want.minimum)).toBe(true)
    const { DatabaseSync } = await import('node:sqlite')
    const db = new DatabaseSync(':memory:')
    // The search index needs FTS5's trigram tokenizer (SQLite ≥ 3.34).
    db.exec("CREATE VIRTUAL TABLE t USING fts5(x, tokenize='trigram')")
    db.close()
  })
})

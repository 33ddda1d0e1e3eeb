import { chmodSync, mkdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { tempDir } from '../../test/helpers/tempDir'
import { startTestCore } from '../../test/helpers/core'
import { createLogger } from './logger'

const temps: Array<{ cleanup: () => void }> = []
afterEach(() => {
  for (const t of temps.splice(0)) t.cleanup()
})
const modeOf = (path: string) => statSync(path).mode & 0o777

describe.skipIf(process.platform === 'win32')('the data folder', () => {
  it('is created readable by its owner only, and so are the folders the core makes in it', async () => {
    const t = tempDir('kha-datadir-')
    temps.push(t)
    const dataDir = join(t.dir, 'new', 'kha-desktop')
    const test = await startTestCore({ dataDir })
    await test.ok('profiles:save', {
      draft: { name: 'Local', connection: { kind: 'direct', url: 'http://127.0.0.1:9' } }
    })
    await test.close()
    expect(modeOf(dataDir)).toBe(0o700)
    // The history database (SQLite gives its -wal and -shm files the same mode).
    expect(modeOf(join(dataDir, 'history.sqlite'))).toBe(0o600)
  })

  it('tightens a folder an earlier version left readable by others, and says so in the log', async () => {
    const t = tempDir('kha-datadir-')
    temps.push(t)
    const dataDir = join(t.dir, 'kha-desktop')
    mkdirSync(join(dataDir, 'logs'), { recursive: true })
    chmodSync(dataDir, 0o755)
    chmodSync(join(dataDir, 'logs'), 0o755)
    const lines: string[] = []
    const test = await startTestCore({ dataDir, logger: createLogger((line) => lines.push(line)) })
    await test.close()
    expect(modeOf(dataDir)).toBe(0o700)
    expect(modeOf(join(dataDir, 'logs'))).toBe(0o700)
    expect(lines.filter((l) => l.includes('tightened a data folder'))).toHaveLength(2)
  })
})

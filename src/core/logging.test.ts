import { existsSync, readFileSync, readdirSync, statSync, writeFileSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { registerSecret } from './logger'
import { createFileLogger, recentLines, tailLines } from './logging'
import { tempDir } from '../../test/helpers/tempDir'

const temps: Array<{ cleanup: () => void }> = []
function dir() {
  const t = tempDir('kha-log-')
  temps.push(t)
  return t.dir
}
afterEach(() => {
  for (const t of temps.splice(0)) t.cleanup()
})

describe('createFileLogger', () => {
  it('writes redacted lines to <dataDir>/logs/<name>.log, readable by the owner only', () => {
    const dataDir = dir()
    const logger = createFileLogger(dataDir, { name: 'cli' })
    registerSecret('s3cret-value-123')
    logger.info('connecting', { password: 'hunter2', note: 'uses s3cret-value-123' })
    logger.warn('header Authorization: Bearer abc.def.ghi sent')
    const file = join(dataDir, 'logs', 'cli.log')
    expect(logger.file).toBe(file)
    const text = readFileSync(file, 'utf8')
    expect(text).toContain('INFO connecting')
    expect(text).toContain('WARN header')
    for (const secret of ['hunter2', 's3cret-value-123', 'abc.def.ghi'])
      expect(text).not.toContain(secret)
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600)
    if (process.platform !== 'win32')
      expect(statSync(join(dataDir, 'logs')).mode & 0o777).toBe(0o700)
  })

  it('keeps the last lines for diagnostics, including the tail of the file from an earlier start', () => {
    const dataDir = dir()
    const first = createFileLogger(dataDir, { keepLines: 5 })
    for (let i = 0; i < 8; i++) first.info(`first run ${i}`)
    expect(first.recent()).toHaveLength(5)
    expect(first.recent()[4]).toContain('first run 7')
    const second = createFileLogger(dataDir, { keepLines: 5 })
    second.info('second run')
    const recent = recentLines(second)
    expect(recent).toHaveLength(5)
    expect(recent[3]).toContain('first run 7')
    expect(recent[4]).toContain('second run')
  })

  it('rotates by size, keeping a bounded number of old files', () => {
    const dataDir = dir()
    const logger = createFileLogger(dataDir, { maxBytes: 1000, keepFiles: 2 })
    for (let i = 0; i < 200; i++) logger.info(`line ${i} ${'x'.repeat(40)}`)
    const files = readdirSync(join(dataDir, 'logs')).sort()
    expect(files).toEqual(['main.1.log', 'main.2.log', 'main.log'])
    for (const f of files) expect(statSync(join(dataDir, 'logs', f)).size).toBeLessThan(1200)
    expect(readFileSync(join(dataDir, 'logs', 'main.log'), 'utf8')).toContain('line 199')
  })

  it('filters by level and echoes every line', () => {
    const dataDir = dir()
    const echoed: string[] = []
    const logger = createFileLogger(dataDir, { level: 'warn', echo: (line) => echoed.push(line) })
    logger.debug('quiet')
    logger.error('loud')
    const text = readFileSync(join(dataDir, 'logs', 'main.log'), 'utf8')
    expect(text).not.toContain('quiet')
    expect(text).toContain('loud')
    expect(echoed).toHaveLength(2)
  })

  it('a data folder that cannot be written does not throw', () => {
    const dataDir = dir()
    writeFileSync(join(dataDir, 'logs'), 'a file where the folder should be')
    const logger = createFileLogger(dataDir)
    expect(() => logger.error('still fine')).not.toThrow()
    expect(logger.recent().at(-1)).toContain('still fine')
  })
})

describe('tailLines', () => {
  it('reads the last lines of a large file without the cut first line', () => {
    const d = dir()
    mkdirSync(join(d, 'x'))
    const file = join(d, 'x', 'big.log')
    writeFileSync(
      file,
      Array.from({ length: 20000 }, (_, i) => `line ${i} ${'y'.repeat(20)}`).join('\n') + '\n'
    )
    const lines = tailLines(file, 3)
    expect(lines).toEqual([19997, 19998, 19999].map((i) => `line ${i} ${'y'.repeat(20)}`))
    expect(tailLines(join(d, 'missing.log'), 3)).toEqual([])
    expect(existsSync(file)).toBe(true)
  })
})

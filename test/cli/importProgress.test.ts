/**
 * The CLI on a folder 0.1 wrote, the first time: on a terminal, stderr counts the import up on one
 * line, in the user's language, and ends the line when the import is done; on a pipe, nothing.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { showImportProgress } from '../../src/cli/importProgress'
import type { Io } from '../../src/cli/output'
import { startTestCore, type TestCore } from '../helpers/core'
import { writeLegacyFolder } from '../helpers/legacyFolder'
import { tempDir } from '../helpers/tempDir'

let data: { dir: string; cleanup(): void }
let core: TestCore | undefined
beforeEach(() => {
  data = tempDir('kha-cli-import-')
  writeLegacyFolder(data.dir, { conversations: 400, messagesPer: 6 })
})
afterEach(async () => {
  await core?.close()
  core = undefined
  data.cleanup()
})

function terminal(isTTY: boolean, env: Record<string, string> = {}) {
  const err = { text: '', isTTY, write: (chunk: string) => (err.text += chunk) }
  const io: Io = {
    stdout: { write: () => true, isTTY },
    stderr: err,
    stdin: process.stdin,
    env,
    cwd: '/'
  }
  return { io, err }
}

describe('the CLI while a 0.1 history is imported', () => {
  for (const [lang, counted, search] of [
    [
      'en_US.UTF-8',
      'Bringing over your conversations from the previous version… 200 of 400',
      'Preparing search for 400 conversations…'
    ],
    [
      'ko_KR.UTF-8',
      '이전 버전의 대화를 옮겨 오는 중… 400개 중 200개',
      '대화 400개를 검색할 수 있도록 준비하는 중…'
    ]
  ] as const) {
    it(`counts up on one line of a terminal's stderr (${lang})`, async () => {
      core = await startTestCore({ dataDir: data.dir, healthIntervalMs: 0 })
      const { io, err } = terminal(true, { LANG: lang })
      showImportProgress(core.core, io)
      const done = core.next('conversations:importProgress', (p) => p.state === 'done', 60_000)
      expect((await core.ok('conversations:list')).summaries).toHaveLength(400)
      await done
      // Each state rewrites the line (back to its start, then cleared), and the end ends it.
      const clear = '\x1b[K'
      expect(err.text).toContain(`\r${counted}${clear}`)
      expect(err.text.endsWith(`\r${search}${clear}\n`)).toBe(true)
      expect(err.text.split('\n')).toEqual([expect.any(String), ''])
    })
  }

  it('writes nothing on a pipe', async () => {
    core = await startTestCore({ dataDir: data.dir, healthIntervalMs: 0 })
    const { io, err } = terminal(false)
    showImportProgress(core.core, io)
    await core.next('conversations:importProgress', (p) => p.state === 'done', 60_000)
    expect(err.text).toBe('')
  })
})

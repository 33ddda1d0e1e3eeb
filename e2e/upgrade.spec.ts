/**
 * The first start after an upgrade from 0.1 with a large history, in the web harness as a person
 * opens it: the page comes up while the core imports, says in Korean that it is bringing the
 * conversations over and how many, then shows them. The import is held at its start by another
 * connection's write lock (as another process importing the same folder would hold it), so the
 * page is certain to meet it running however fast the machine, and released once the count shows.
 */
import { mkdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { writeLegacyFolder } from '../test/helpers/legacyFolder'
import { expect, test } from './fixtures'
import { openIn, spawnHarness } from './fixtures/harnessProcess'

test('a 0.1 history is brought over with a count on the start-up screen, then listed', async ({
  shell,
  webBrowser
}, testInfo) => {
  test.skip(shell !== 'web', 'the harness process is the web shell; Electron starts the same core')
  const browser = await webBrowser.get()
  const dataDir = testInfo.outputPath('data')
  mkdirSync(dataDir, { recursive: true })
  const harnessOn = () => spawnHarness({ dataDir, locale: 'ko-KR', env: { LANG: 'ko_KR.UTF-8' } })

  // A start on the empty folder creates the database; then the folder gets 0.1's files.
  await (await harnessOn()).stop()
  writeLegacyFolder(dataDir, { conversations: 3000, messagesPer: 6 })
  const newest = JSON.parse(readFileSync(join(dataDir, 'conversations', 'c2999.json'), 'utf8')) as {
    title: string
  }
  const other = new DatabaseSync(join(dataDir, 'history.sqlite'), { timeout: 1000 })
  other.exec('BEGIN IMMEDIATE')
  let released = false
  const harness = await harnessOn()
  try {
    const { context, page } = await openIn(browser, harness.url, 'ko-KR')
    const status = page.getByRole('status')
    await expect(status).toContainText('이전 버전의 대화를 옮겨 오는 중… 3,000개 중 0개')
    await expect(status).toContainText(
      '업데이트 후 한 번만 하는 작업입니다. 이전 파일은 그대로 보관됩니다.'
    )
    await expect(page.getByRole('progressbar')).toBeVisible()

    other.exec('ROLLBACK')
    released = true
    // Then the app, with the imported conversations (the newest first).
    const list = page.getByRole('navigation', { name: '대화 목록' })
    await expect(list.getByRole('button').first()).toHaveText(newest.title, { timeout: 60_000 })
    await expect(page.getByRole('progressbar')).toHaveCount(0)
    await context.close()
  } finally {
    if (!released) other.exec('ROLLBACK')
    other.close()
    await harness.stop()
  }
})

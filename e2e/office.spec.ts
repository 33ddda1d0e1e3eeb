/**
 * Issue 17 item 9, office output: "Copy reply" puts formatted HTML (tables and lists survive a
 * paste into Outlook, Word or 한글) next to the plain Markdown; exports read in the UI language,
 * with dates; every conversation goes to one backup file and comes back, duplicates skipped and
 * nothing overwritten.
 */
import { readFileSync } from 'node:fs'
import { expect, test } from './fixtures'
import { spawnHarness } from './fixtures/harnessProcess'
import { readClipboard } from './fixtures/clipboard'
import { attachScreens } from './fixtures/screens'
import { openChat, openKoreanChat, seedDirectProfile } from './fixtures/seed'
import { ChatPage } from './pages/ChatPage'

const reply =
  '## 분기 실적\n\n| 지역 | 매출 |\n| --- | --- |\n| 부산 | 120 |\n\n- 첫째: 매출 증가\n- 둘째: 비용 절감'

test('Copy reply puts the rendered table and list as HTML, and the Markdown as plain text', async ({
  page,
  backend,
  shell
}, testInfo) => {
  if (shell === 'web') await page.context().grantPermissions(['clipboard-read', 'clipboard-write'])
  const chat = await openChat(page, backend.url)
  await backend.setKnobs({ reply, once: true })
  await chat.send('실적 표로 정리')
  await expect(chat.lastReply().getByRole('table')).toBeVisible()
  await expect(chat.sendButton).toBeVisible()
  const copy = chat.lastReply().getByRole('button', { name: 'Copy reply' })
  await copy.click()
  await expect(copy).toContainText('Copied')
  const copied = await readClipboard(page)
  expect(copied['text/plain']).toBe(reply)
  const html = copied['text/html'] ?? ''
  expect(html).toMatch(/<table[^>]*style="border-collapse:collapse"/)
  expect(html).toMatch(/<td[^>]*border:1px solid/)
  expect(html).toContain('<li>첫째: 매출 증가</li>')
  expect(html).toContain('<h2>분기 실적</h2>')
  expect(html, 'the app’s own buttons stay out of the copy').not.toMatch(/Copy|<button/)
  await attachScreens(page, testInfo, 'copy-reply')
})

test('a Markdown export reads in Korean with dates when the UI is Korean', async ({
  page,
  backend,
  shell
}) => {
  test.skip(shell === 'electron', 'Electron exports through a native save dialog, not a download')
  const composer = await openKoreanChat(page, backend.url)
  await composer.fill('보고서 초안')
  await composer.press('Enter')
  await expect(
    page.getByRole('log', { name: '메시지' }).getByText('Echo: 보고서 초안')
  ).toBeVisible()
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Markdown으로 내보내기' }).click()
  ])
  const content = readFileSync(await download.path(), 'utf8')
  const year = String(new Date().getFullYear())
  expect(content).toMatch(
    new RegExp(`^# 보고서 초안\\n\\n시작: ${year}\\. .* · 내보낸 날짜: ${year}\\. `)
  )
  const headings = content.split('\n').filter((l) => l.startsWith('## '))
  expect(headings).toHaveLength(2)
  expect(headings[0]).toMatch(new RegExp(`^## 나 · ${year}\\. \\d+\\. \\d+\\. (오전|오후) `))
  expect(headings[1]).toMatch(/^## 어시스턴트 · /)
})

test('every conversation to one backup file and back: duplicates skipped, nothing overwritten', async ({
  page,
  backend,
  shell,
  webBrowser
}, testInfo) => {
  test.skip(shell === 'electron', 'Electron saves through a native save dialog, not a download')
  const chat = await openChat(page, backend.url)
  await chat.ask('예산 회의 준비')
  await chat.newChatButton.click()
  await chat.ask('출장 일정')
  await chat.openSettings()
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Back up all conversations' }).click()
  ])
  expect(download.suggestedFilename()).toMatch(/^kha-desktop-backup-\d{4}-\d{2}-\d{2}\.json$/)
  const backupPath = testInfo.outputPath('backup.json')
  await download.saveAs(backupPath)
  await attachScreens(page, testInfo, 'backup-settings')

  // Back here after a rename: both recognised as already here, the new title kept.
  await page.getByRole('button', { name: 'Back to chat' }).click()
  await chat.rename('출장 일정', '부산 출장 일정')
  await chat.openSettings()
  await page.getByLabel('Backup file').setInputFiles(backupPath)
  await expect(
    page
      .getByRole('status')
      .filter({ hasText: 'Imported 0 conversations; 2 were already here and were skipped.' })
  ).toBeVisible()
  await expect(chat.row('부산 출장 일정')).toBeVisible()
  await expect(chat.row('출장 일정')).toHaveCount(0)

  // On another computer (a fresh data folder): both come back with their messages.
  const other = await spawnHarness({ dataDir: testInfo.outputPath('data-other') })
  try {
    const context = await (
      await webBrowser.get()
    ).newContext({ locale: 'en-US', viewport: { width: 1280, height: 800 } })
    const fresh = await context.newPage()
    await fresh.goto(other.url)
    await seedDirectProfile(fresh, backend.url)
    const there = new ChatPage(fresh)
    await there.openSettings()
    await fresh.getByLabel('Backup file').setInputFiles(backupPath)
    await expect(
      fresh
        .getByRole('status')
        .filter({ hasText: 'Imported 2 conversations; 0 were already here and were skipped.' })
    ).toBeVisible()
    await fresh.getByRole('button', { name: 'Back to chat' }).click()
    await there.open('예산 회의 준비')
    await expect(there.replyBodies()).toHaveText(['Echo: 예산 회의 준비'])
    await context.close()
  } finally {
    await other.stop()
  }

  // Not a backup: said plainly, nothing imported.
  await page.getByLabel('Backup file').setInputFiles({
    name: 'notes.json',
    mimeType: 'application/json',
    buffer: Buffer.from('{"hello":1}')
  })
  await expect(
    page.getByRole('alert').filter({
      hasText: 'This file is not a kha-desktop conversation backup (format). Nothing was imported.'
    })
  ).toBeVisible()
})

/**
 * Issue 17 item 2: IT hands staff a ready profile file. Importing it on the first start goes
 * straight to the chat; Settings exports the profiles again, without any secret; a file that is
 * not one is refused, saying why, and nothing changes.
 */
import { readFileSync } from 'node:fs'
import { expect, test } from './fixtures'
import { attachScreens } from './fixtures/screens'
import { ChatPage } from './pages/ChatPage'
import { SettingsPage } from './pages/SettingsPage'

function profileFile(url: string): string {
  return JSON.stringify({
    format: 'kha-desktop-profiles',
    version: 1,
    profiles: [
      {
        id: 'it-issued-1',
        name: '영업팀 챗봇',
        connection: { kind: 'direct', url },
        contract: {
          method: 'POST',
          path: '/api_chat',
          messageField: 'message',
          replyFormat: 'sse',
          replyField: 'delta',
          extraParams: [{ name: 'format', value: 'sse', json: false }],
          headers: [{ name: 'X-Team', value: 'sales' }]
        }
      }
    ]
  })
}

test('a profile file from IT: refused with the reason when it is not one, imported on first start, exported again without secrets', async ({
  page,
  backend,
  shell
}, testInfo) => {
  const chat = new ChatPage(page)
  const settings = new SettingsPage(page)
  const picker = page
    .getByLabel('Import a profile file', { exact: true })
    .and(page.locator('input[type=file]'))

  await expect(page.getByRole('button', { name: 'Import a profile file' })).toBeVisible()
  await picker.setInputFiles({
    name: 'notes.json',
    mimeType: 'application/json',
    buffer: Buffer.from('{"hello":1}')
  })
  await expect(
    page
      .getByRole('alert')
      .filter({ hasText: 'This file cannot be imported: it is not a kha-desktop profile file.' })
  ).toBeVisible()
  await expect(settings.form).toBeVisible()
  await attachScreens(page, testInfo, 'import-refused')

  await picker.setInputFiles({
    name: 'company.json',
    mimeType: 'application/json',
    buffer: Buffer.from(profileFile(backend.url))
  })
  await chat.waitReady()
  await expect(
    page.getByRole('status').filter({ hasText: 'Imported 1 profile(s): 영업팀 챗봇' })
  ).toBeVisible()
  await chat.expectConnection('Connected')
  await expect(chat.connection).toContainText('영업팀 챗봇')
  await chat.ask('견적서 양식 알려줘')
  await attachScreens(page, testInfo, 'imported')

  test.skip(
    shell !== 'web',
    'the desktop app saves the export through a system dialog a test cannot answer'
  )
  await chat.openSettings()
  await settings.editProfile('영업팀 챗봇')
  await settings.fill({
    headers: [
      { name: 'X-Team', value: 'sales' },
      { name: 'Authorization', value: 'Bearer sk-team-secret' }
    ]
  })
  await settings.save()
  const download = page.waitForEvent('download')
  await page.getByRole('button', { name: 'Export profiles' }).click()
  const file = readFileSync(await (await download).path(), 'utf8')
  expect(JSON.parse(file)).toMatchObject({
    format: 'kha-desktop-profiles',
    version: 1,
    profiles: [
      {
        id: 'it-issued-1',
        name: '영업팀 챗봇',
        contract: { headers: [{ name: 'X-Team', value: 'sales' }] }
      }
    ]
  })
  expect(file).not.toContain('sk-team-secret')
  await expect(
    page.getByRole('status').filter({ hasText: 'Passwords and API keys are not in the file.' })
  ).toBeVisible()
})

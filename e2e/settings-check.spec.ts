/**
 * "New profile" in Settings, and an edit that changes where a profile connects, check the server
 * before saving, as first start does: the form stays with the failed step, the reason and what to
 * do, and "Save anyway" still saves. A name-only edit saves at once.
 */
import { expect, test } from './fixtures'
import { attachScreens } from './fixtures/screens'
import { seedDirectProfile } from './fixtures/seed'
import { ChatPage } from './pages/ChatPage'
import { SettingsPage } from './pages/SettingsPage'

test('Settings checks a new profile and a changed address before saving; Save anyway still saves', async ({
  page,
  backend
}, testInfo) => {
  await seedDirectProfile(page, backend.url, 'Reference')
  const chat = new ChatPage(page)
  const settings = new SettingsPage(page)
  await chat.waitReady()
  await chat.openSettings()

  // A new profile to a port nothing listens on: the check says why, and nothing is saved yet.
  await settings.newProfile()
  await settings.field('Name').fill('Nowhere')
  await settings.field('Backend URL').fill('http://127.0.0.1:9')
  await settings.saveButton.click()
  const failure = settings.checkFailure
  await expect(failure).toContainText('Could not connect: the step “TCP connection” failed.')
  await expect(failure).toContainText('Check the connection (Settings → Check connection).')
  await expect(settings.form).toBeVisible()
  await attachScreens(page, testInfo, 'settings-check-failed')
  await failure.getByRole('button', { name: 'Save anyway' }).click()
  await expect(settings.form).toHaveCount(0)
  await expect(settings.profileCard('Nowhere')).toBeVisible()

  // A name-only edit is not checked: it saves at once (a check of this address would fail).
  await settings.editProfile('Nowhere')
  await settings.field('Name').fill('Nowhere yet')
  await settings.saveButton.click()
  await expect(settings.form).toHaveCount(0)
  await expect(settings.profileCard('Nowhere yet')).toBeVisible()

  // Pointing it at the real server: checked, and saved once the server answered.
  await settings.editProfile('Nowhere yet')
  await settings.field('Backend URL').fill(backend.url)
  const since = Date.now() / 1000
  await settings.saveButton.click()
  await expect(settings.form).toHaveCount(0)
  // The check sent the server a test chat (nobody chatted) before the save.
  const chats = (await backend.requests()).filter(
    (r) => r.path === '/api_chat' && Number(r.at) >= since
  )
  expect(chats.length).toBeGreaterThan(0)
  await expect(page.getByRole('status').filter({ hasText: 'Profile saved' })).toBeVisible()
  await settings.editProfile('Nowhere yet')
  await expect(settings.field('Backend URL')).toHaveValue(backend.url)
})

/**
 * "New profile" in Settings, and an edit that changes where a profile connects, check the server
 * before saving, as first start does: the form stays with the failed step, the reason and what to
 * do, and "Save anyway" still saves. A name-only edit saves at once. While the check runs, each
 * step shows as it finishes, and Stop ends it.
 */
import { startSilentServer } from '../test/fixtures/ports'
import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'
import { attachScreens } from './fixtures/screens'
import { seedDirectProfile } from './fixtures/seed'
import { ChatPage } from './pages/ChatPage'
import { SettingsPage } from './pages/SettingsPage'

/** Settings open over a saved profile, and "New profile" with a name and an address, saved (checked first). */
async function saveNewProfile(page: Page, backendUrl: string, name: string, url: string) {
  await seedDirectProfile(page, backendUrl, 'Reference')
  const chat = new ChatPage(page)
  const settings = new SettingsPage(page)
  await chat.waitReady()
  await chat.openSettings()
  await settings.newProfile()
  await settings.field('Name').fill(name)
  await settings.field('Backend URL').fill(url)
  await settings.saveButton.click()
  return settings
}

test('Settings checks a new profile and a changed address before saving; Save anyway still saves', async ({
  page,
  backend
}, testInfo) => {
  // A new profile to a port nothing listens on: the check says why, and nothing is saved yet.
  const settings = await saveNewProfile(page, backend.url, 'Nowhere', 'http://127.0.0.1:9')
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

test('the check of a new profile shows each step as it finishes, and Stop ends it there', async ({
  page,
  backend
}, testInfo) => {
  const silent = await startSilentServer()
  try {
    // A server that accepts the connection and never answers: the steps done so far show at once,
    // not after the connect timeout.
    const settings = await saveNewProfile(
      page,
      backend.url,
      'Silent',
      `http://127.0.0.1:${silent.port}`
    )
    const steps = settings.checkProgress.getByRole('list', { name: 'Steps' }).getByRole('listitem')
    await expect(steps.filter({ hasText: 'TCP connection' })).toContainText('Passed')
    await expect(settings.checkProgress.getByRole('status')).toHaveText('Checking the server…')
    await attachScreens(page, testInfo, 'settings-check-live')

    await settings.checkProgress.getByRole('button', { name: 'Stop the check' }).click()
    await expect(settings.checkFailure).toContainText(
      'You stopped the check at “Find out the server type”. Nothing was saved.'
    )
    await expect(settings.checkFailure).toContainText('The request was stopped.')
    await expect(settings.checkProgress).toHaveCount(0)
    await expect(settings.form).toBeVisible()
    await expect(settings.profileCard('Silent')).toHaveCount(0)
  } finally {
    await silent.close()
  }
})

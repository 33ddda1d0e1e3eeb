/**
 * The profile form open in Settings while the command line changes the same profile (another
 * process on the data folder): what each side changed survives Save, a field both changed is
 * named with both values, a profile removed there is saved again as a new one, and a file broken
 * by a hand edit is moved aside before Save writes, with the window saying so; a profile this
 * version cannot use is named, and kept.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'
import { cli } from './fixtures/cli'
import { openChat } from './fixtures/seed'
import { SettingsPage, type ProfileFields } from './pages/SettingsPage'

interface Listed {
  id: string
  name: string
  contract: { path: string }
  timeouts: { idleSec: number }
}
const listed = async (dataDir: string) =>
  (JSON.parse((await cli(dataDir, 'profiles', 'list', '--json')).stdout) as { profiles: Listed[] })
    .profiles

/** "Team server" (on the reference backend) open in the Settings form, with `typed` filled in. */
async function editTeamServer(
  page: Page,
  backendUrl: string,
  typed: Partial<ProfileFields>
): Promise<SettingsPage> {
  const chat = await openChat(page, backendUrl, 'Team server')
  const settings = new SettingsPage(page)
  await chat.openSettings()
  await settings.editProfile('Team server')
  await settings.fill(typed)
  return settings
}

test('the CLI edits another field of the open profile: the form takes it, and Save keeps both changes', async ({
  page,
  app,
  backend
}) => {
  const settings = await editTeamServer(page, backend.url, { path: '/api_chat_v2' })

  await cli(app.dataDir, 'profiles', 'edit', 'Team server', '--idle-timeout', '42')
  await expect(settings.field('Idle timeout (s)')).toHaveValue('42')
  await expect(
    page.getByRole('status').filter({ hasText: '“Team server” was changed elsewhere' })
  ).toContainText('Idle timeout (s)')
  await expect(settings.field('Chat path')).toHaveValue('/api_chat_v2')
  await expect(settings.conflict).toHaveCount(0)

  await settings.save()
  await expect(page.getByRole('status').filter({ hasText: 'Profile saved' })).toBeVisible()
  expect(
    (await listed(app.dataDir)).map((p) => [p.name, p.contract.path, p.timeouts.idleSec])
  ).toEqual([['Team server', '/api_chat_v2', 42]])
})

test('a field changed in the form and by the CLI is named with both values; Keep mine saves the person’s and the rest of the CLI’s change', async ({
  page,
  app,
  backend
}) => {
  const settings = await editTeamServer(page, backend.url, { name: 'Named in the app' })

  await cli(
    app.dataDir,
    'profiles',
    'edit',
    'Team server',
    '--name',
    'Named in the terminal',
    '--idle-timeout',
    '42'
  )
  await expect(settings.conflict).toContainText(
    'Name — yours: Named in the app · elsewhere: Named in the terminal'
  )
  await expect(settings.field('Name')).toHaveValue('Named in the app')
  await expect(settings.field('Idle timeout (s)')).toHaveValue('42')

  await settings.conflict.getByRole('button', { name: 'Keep mine' }).click()
  await expect(settings.conflict).toHaveCount(0)
  await settings.save()
  await expect(page.getByRole('status').filter({ hasText: 'Profile saved' })).toBeVisible()
  expect((await listed(app.dataDir)).map((p) => [p.name, p.timeouts.idleSec])).toEqual([
    ['Named in the app', 42]
  ])
})

test('the CLI removes the open profile: what was typed stays, and is saved as a new profile', async ({
  page,
  app,
  backend
}) => {
  const settings = await editTeamServer(page, backend.url, {
    name: 'Kept from the form',
    idleTimeout: '90'
  })
  const [before] = await listed(app.dataDir)

  await cli(app.dataDir, 'profiles', 'remove', 'Team server')
  await expect(settings.removedElsewhere).toContainText('“Team server” was removed elsewhere')
  await expect(settings.field('Name')).toHaveValue('Kept from the form')

  // A new profile is checked before it is saved (as SettingsPage.save() allows, up to 30 s); the
  // reference backend answers.
  await settings.form.getByRole('button', { name: 'Save as new profile' }).click()
  await expect(settings.form).toHaveCount(0, { timeout: 30_000 })
  const after = await listed(app.dataDir)
  expect(after.map((p) => [p.name, p.contract.path, p.timeouts.idleSec])).toEqual([
    ['Kept from the form', before!.contract.path, 90]
  ])
  expect(after[0]!.id).not.toBe(before!.id)
})

test('profiles.json broken by a hand edit while the app runs: Save moves it aside, says so, and saves the profile', async ({
  page,
  app,
  backend
}) => {
  const settings = await editTeamServer(page, backend.url, { idleTimeout: '90' })
  const handEdit = '{"profiles": [half a hand edit'
  writeFileSync(join(app.dataDir, 'profiles.json'), handEdit)

  await settings.save()
  await expect(page.getByRole('status').filter({ hasText: 'Profile saved' })).toBeVisible()
  const banner = page
    .getByRole('alert')
    .filter({ hasText: 'could not be read and were moved aside' })
  await expect(banner).toContainText('profiles.json.corrupt-')
  // The hand edit is kept as it was, where the banner says; the profile is saved with the change.
  const aside = readdirSync(app.dataDir).filter((f) => f.startsWith('profiles.json.corrupt-'))
  expect(aside).toHaveLength(1)
  await expect(banner).toContainText(aside[0]!)
  expect(readFileSync(join(app.dataDir, aside[0]!), 'utf8')).toBe(handEdit)
  expect((await listed(app.dataDir)).map((p) => [p.name, p.timeouts.idleSec])).toEqual([
    ['Team server', 90]
  ])
})

test('a profile this version cannot use, written by another process, is named in Settings and kept in the file', async ({
  page,
  app,
  backend
}) => {
  const chat = await openChat(page, backend.url, 'Team server')
  await chat.openSettings()
  const file = join(app.dataDir, 'profiles.json')
  const onDisk = JSON.parse(readFileSync(file, 'utf8')) as { profiles: Array<{ id: string }> }
  // What a later version might write: a connection kind this one does not know.
  const newer = {
    ...onDisk.profiles[0],
    id: 'from-a-newer-version',
    name: 'Newer server',
    connection: { kind: 'socks', host: '127.0.0.1', port: 1080 }
  }
  writeFileSync(file, JSON.stringify({ ...onDisk, profiles: [...onDisk.profiles, newer] }))

  await expect(page.getByRole('note').filter({ hasText: 'cannot use' })).toContainText(
    '“Newer server”'
  )
  const settings = new SettingsPage(page)
  await settings.editProfile('Team server')
  await settings.fill({ idleTimeout: '75' })
  await settings.save()
  await expect(page.getByRole('status').filter({ hasText: 'Profile saved' })).toBeVisible()
  const written = (JSON.parse(readFileSync(file, 'utf8')) as { profiles: unknown[] }).profiles
  expect(written).toHaveLength(2)
  expect(written[1]).toEqual(newer)
})

/**
 * Issue 17 item 7: switching profile or model from the chat header (Ctrl/Cmd+Shift+P, Ctrl+M),
 * not from Settings; the model list loads for any profile, saved or not.
 */
import { presets } from '../src/shared/presets'
import { expect, test } from './fixtures'
import { attachScreens } from './fixtures/screens'
import { seedProfile } from './fixtures/seed'
import { ChatPage } from './pages/ChatPage'
import { SettingsPage } from './pages/SettingsPage'

test('profile and model pickers in the chat header, with their shortcuts', async ({
  page,
  backend
}, testInfo) => {
  const chat = new ChatPage(page)
  await seedProfile(page, {
    name: 'Gateway',
    connection: { kind: 'direct', url: backend.url },
    contract: { ...presets.openai, auth: 'none' }
  })
  await seedProfile(page, {
    name: 'Company chatbot',
    connection: { kind: 'direct', url: backend.url }
  })
  await chat.expectConnection('Connected')

  const profilePicker = page.getByRole('combobox', { name: 'Connection profile' })
  const modelPicker = page.getByRole('combobox', { name: 'Model' })
  await expect(profilePicker).toHaveValue(/.+/)
  await expect(profilePicker.locator('option:checked')).toHaveText('Company chatbot')

  // Ctrl+Shift+P puts the cursor on the profile picker; choosing switches the connection at once.
  await chat.composer.focus()
  await page.keyboard.press('Control+Shift+P')
  await expect(profilePicker).toBeFocused()
  await profilePicker.selectOption({ label: 'Gateway' })
  await expect(chat.connection).toContainText('Gateway')
  await chat.expectConnection('Connected')

  // The Gateway's server lists its models; Ctrl+M goes to the model picker; a pick is saved.
  await expect(modelPicker.locator('option')).toHaveText([
    'Server default',
    'kha-echo-1',
    'kha-echo-2'
  ])
  await chat.composer.focus()
  await page.keyboard.press('Control+M')
  await expect(modelPicker).toBeFocused()
  await modelPicker.selectOption('kha-echo-2')
  await expect(page.getByRole('status').filter({ hasText: 'Model: kha-echo-2' })).toBeVisible()
  await attachScreens(page, testInfo, 'header-pickers')

  await chat.ask('which model?')
  const last = (await backend.requests())
    .filter((r) => String(r.path) === '/v1/chat/completions')
    .at(-1) as { body: { model?: string } }
  expect(last.body.model).toBe('kha-echo-2')

  // The list loads in the profile form too, for a profile not saved yet.
  const settings = new SettingsPage(page)
  await chat.openSettings()
  await settings.newProfile()
  await settings.fill({ name: 'Not saved yet', url: backend.url })
  await settings.form.getByRole('button', { name: 'Load models' }).click()
  await expect(settings.form.getByRole('combobox', { name: 'Model' }).locator('option')).toHaveText(
    ['Choose a model…', 'kha-echo-1', 'kha-echo-2']
  )
})

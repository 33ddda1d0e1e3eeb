/**
 * Issue 17 item 7: switching profile or model from the chat header (Ctrl/Cmd+Shift+P, Ctrl+M),
 * not from Settings; the model list loads for any profile, saved or not.
 */
import { presets } from '../src/shared/presets'
import { startBackend } from '../test/fixtures/backend'
import { expect, test } from './fixtures'
import { attachScreens, settleAfterResize, sizes } from './fixtures/screens'
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

test('a model list the server refuses says why beside the picker, by keyboard too, with what to do; the header stays one row at 800×600', async ({
  page
}, testInfo) => {
  // A gateway that wants an API key (KHA_API_KEY: /v1/* answers 401 without it); none is stored.
  const server = await startBackend({ env: { KHA_API_KEY: 'sk-gateway' } })
  try {
    const chat = new ChatPage(page)
    await seedProfile(page, {
      name: 'Gateway',
      connection: { kind: 'direct', url: server.url },
      contract: { ...presets.openai, model: 'kha-echo-1' }
    })
    await chat.waitReady()
    // A conversation, so that the header carries its export buttons too (its widest form).
    await chat.send('which model answers?')
    await expect(chat.lastReply().locator('.msg-error')).toContainText(
      'Enter the password or key again.'
    )

    const header = page.locator('.chat-header')
    const modelPicker = page.getByRole('combobox', { name: 'Model' })
    const warning = page.getByRole('button', { name: 'The model list could not be loaded' })
    const problem = page.getByRole('group', { name: 'The model list could not be loaded' })
    await expect(warning).toBeVisible()
    await expect(modelPicker).toHaveValue('kha-echo-1')
    // A screen reader hears the reason on the picker itself.
    await expect(modelPicker).toHaveAccessibleDescription(/^Could not load the models: /)

    // One row at 800×600, as at 1280×800: every part of the header inside it, nothing wrapped.
    await page.setViewportSize(sizes.laptop)
    await settleAfterResize(page)
    const wideHeight = (await header.boundingBox())!.height
    await page.setViewportSize(sizes.small)
    await expect(chat.conversations).toBeHidden()
    await settleAfterResize(page)
    const box = (await header.boundingBox())!
    expect(box.height, 'the header keeps its height at 800×600').toBe(wideHeight)
    for (const part of [
      page.locator('.chat-title'),
      page.getByRole('combobox', { name: 'Connection profile' }),
      modelPicker,
      warning,
      header.getByRole('button', { name: 'Export as JSON' })
    ]) {
      const b = (await part.boundingBox())!
      expect(b.x).toBeGreaterThanOrEqual(box.x)
      expect(b.x + b.width).toBeLessThanOrEqual(box.x + box.width)
      expect(b.y).toBeGreaterThanOrEqual(box.y)
      expect(b.y + b.height).toBeLessThanOrEqual(box.y + box.height)
    }

    // By keyboard: Ctrl+M to the picker, Tab to the warning, Enter opens why and what to do.
    await chat.composer.focus()
    await page.keyboard.press('Control+M')
    await expect(modelPicker).toBeFocused()
    await page.keyboard.press('Tab')
    await expect(warning).toBeFocused()
    await expect(warning).toHaveAttribute('aria-expanded', 'false')
    await page.keyboard.press('Enter')
    await expect(problem).toBeVisible()
    await expect(warning).toHaveAttribute('aria-expanded', 'true')
    await expect(problem).toContainText('Could not load the models: ')
    await expect(problem).toContainText('Enter the password or key again.')
    const popover = (await problem.boundingBox())!
    expect(popover.x).toBeGreaterThanOrEqual(0)
    expect(popover.x + popover.width).toBeLessThanOrEqual(sizes.small.width)
    expect(popover.y + popover.height).toBeLessThanOrEqual(sizes.small.height)
    await attachScreens(page, testInfo, 'model-list-refused', ['small'])
    await page.keyboard.press('Escape')
    await expect(problem).toBeHidden()
    await expect(warning).toBeFocused()

    // Its button: the profile's form, at the API key; saved, the list loads and the warning goes.
    await page.keyboard.press('Enter')
    await problem.getByRole('button', { name: 'Enter password or key' }).click()
    const settings = new SettingsPage(page)
    await expect(settings.field('API key')).toBeFocused()
    await settings.field('API key').fill('sk-gateway')
    await settings.save()
    await settings.backToChat()
    await expect(modelPicker.locator('option')).toHaveText(['kha-echo-1', 'kha-echo-2'])
    await expect(warning).toHaveCount(0)
    // And the reply that wanted the key was asked again by itself.
    await expect(chat.replyBody()).toHaveText(/^Echo: which model answers\?/)
  } finally {
    await server.stop()
  }
})

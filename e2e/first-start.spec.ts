import { expect, test } from './fixtures'
import { ChatPage } from './pages/ChatPage'
import { SettingsPage } from './pages/SettingsPage'

test('first start guides to a profile; a bad URL is named next to its field', async ({ page, backend }) => {
  const chat = new ChatPage(page)
  const form = new SettingsPage(page)

  // No profile yet: a welcome, and the form prefilled for the reference backend.
  await expect(page.getByRole('heading', { name: 'Welcome to kha-desktop' })).toBeVisible()
  await expect(form.form).toBeVisible()
  await expect(form.field('Backend URL')).toHaveValue('http://127.0.0.1:8030')
  await expect(chat.composer).toHaveCount(0)

  // A URL that is not one: the field says so, and what was typed stays.
  await form.fill({ url: 'localhost 8030' })
  await form.save()
  await form.expectFieldError('Backend URL', 'Enter a full http:// or https:// URL.')
  await expect(form.field('Backend URL')).toHaveValue('localhost 8030')

  // A missing name is named too, and fixing one field does not lose the other's text.
  await form.fill({ name: '' })
  await form.save()
  await form.expectFieldError('Name', 'This field is required.')

  await form.fill({ name: 'Reference backend', url: backend.url })
  await form.save()

  // The first profile becomes the active one and the chat opens, connected.
  await chat.waitReady()
  await chat.expectConnection('Connected')
  await expect(chat.connection).toContainText('Reference backend')
  await chat.expectMode('Direct')
})

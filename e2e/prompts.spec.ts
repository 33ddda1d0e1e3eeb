/**
 * The prompt library (issue 19): `/` in the composer opens the saved prompts, typing filters them,
 * a prompt's {{variables}} are asked for on insert; Settings adds one, the Prompts button finds it.
 * The English UI starts with the English examples (the Korean ones are checked in the core's tests).
 */
import { expect, test } from './fixtures'
import { openChat } from './fixtures/seed'

test('typing / lists the saved prompts; a prompt with variables asks for them, then fills the message', async ({
  page,
  backend
}) => {
  const chat = await openChat(page, backend.url)

  await chat.composer.fill('/')
  const menu = page.getByRole('listbox', { name: 'Prompts' })
  await expect(menu.getByRole('option')).toHaveCount(4)
  await expect(menu.getByRole('option').first()).toContainText('Summarize')
  await chat.composer.fill('/trans')
  await expect(menu.getByRole('option')).toHaveCount(1)
  await chat.composer.press('Enter')

  const dialog = page.getByRole('dialog', { name: 'Fill in “Translate”' })
  await dialog.getByLabel('language').fill('Korean')
  await dialog.getByLabel('text').fill('Good morning, team.')
  await dialog.getByRole('button', { name: 'Insert' }).click()
  await expect(chat.composer).toHaveValue(
    'Translate the following into Korean, naturally. Keep names and numbers as they are.\n\nGood morning, team.'
  )
  await expect(menu).toHaveCount(0)
  // Enter now sends (the menu is gone).
  await chat.composer.press('Enter')
  await expect(chat.replyBody()).toContainText('Echo: Translate the following into Korean')

  // Esc closes the menu and leaves the text as typed.
  await chat.composer.fill('/sum')
  await expect(menu).toBeVisible()
  await chat.composer.press('Escape')
  await expect(menu).toHaveCount(0)
  await expect(chat.composer).toHaveValue('/sum')
})

test('a prompt added in Settings is found with the Prompts button and inserted after what is typed', async ({
  page,
  backend
}) => {
  const chat = await openChat(page, backend.url)
  await chat.settingsButton.click()
  const library = page.getByRole('region', { name: 'Prompt library' })
  await library.getByRole('button', { name: 'New prompt' }).click()
  await library.getByLabel('Title').fill('회의록 정리')
  await library
    .getByLabel('Prompt', { exact: true })
    .fill('다음 {{문서}}를 회의록 형식으로 정리해 주세요.')
  await library.getByRole('button', { name: 'Save prompt' }).click()
  await expect(
    library.getByRole('list', { name: 'Prompt library' }).getByRole('listitem')
  ).toHaveCount(5)
  await library.getByRole('searchbox', { name: 'Search prompts' }).fill('회의록')
  await expect(
    library.getByRole('list', { name: 'Prompt library' }).getByRole('listitem')
  ).toHaveCount(1)

  await page.getByRole('button', { name: 'Back to chat' }).click()
  await chat.waitReady()
  await chat.composer.fill('첨부한 내용입니다.')
  await page.getByRole('button', { name: 'Prompts', exact: true }).click()
  await page.getByRole('combobox', { name: 'Search prompts' }).fill('회의록')
  await page.getByRole('combobox', { name: 'Search prompts' }).press('Enter')
  const dialog = page.getByRole('dialog', { name: 'Fill in “회의록 정리”' })
  await dialog.getByLabel('문서').fill('주간 회의 메모')
  await dialog.getByRole('button', { name: 'Insert' }).click()
  await expect(chat.composer).toHaveValue(
    '첨부한 내용입니다.\n다음 주간 회의 메모를 회의록 형식으로 정리해 주세요.'
  )
})

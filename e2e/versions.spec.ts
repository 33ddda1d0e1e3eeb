/**
 * Reply versions and edit branches (issue 15 item 4, issue 17 item 6), against the real backend:
 * regenerate and edit keep what was there as earlier versions, the ‹ 2/3 › counter pages through
 * them, the choice survives a reload, and the next question carries the selected path.
 */
import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'
import { openChat } from './fixtures/seed'

const counter = (scope: ReturnType<Page['locator']>) =>
  scope.getByRole('group', { name: 'Versions' })

test('regenerate keeps earlier replies as versions; ‹ › pages through them and the choice is remembered', async ({
  page,
  backend
}) => {
  const chat = await openChat(page, backend.url)
  await chat.ask('name a colour')
  await expect(chat.replyBodies()).toHaveText(['Echo: name a colour'])
  await expect(counter(chat.lastReply())).toHaveCount(0)

  for (const reply of ['Teal.', 'Amber.']) {
    await backend.setKnobs({ reply, once: true })
    await chat.lastReply().getByRole('button', { name: 'Regenerate', exact: true }).click()
    await expect(chat.replyBodies()).toHaveText([reply])
    await expect(chat.sendButton).toBeVisible()
  }
  const pager = counter(chat.lastReply())
  await expect(pager).toContainText('3/3')
  await expect(pager.getByRole('button', { name: 'Next version' })).toBeDisabled()

  await pager.getByRole('button', { name: 'Previous version' }).click()
  await expect(chat.replyBodies()).toHaveText(['Teal.'])
  await expect(counter(chat.lastReply())).toContainText('2/3')
  await counter(chat.lastReply()).getByRole('button', { name: 'Previous version' }).click()
  await expect(chat.replyBodies()).toHaveText(['Echo: name a colour'])
  await expect(counter(chat.lastReply())).toContainText('1/3')

  // Stored: after a reload the conversation opens on the version chosen.
  await page.reload()
  await chat.open('name a colour')
  await expect(chat.replyBodies()).toHaveText(['Echo: name a colour'])
  await expect(counter(chat.lastReply())).toContainText('1/3')
})

test('editing an earlier question starts a branch; the old branch comes back whole from its counter', async ({
  page,
  backend
}) => {
  const chat = await openChat(page, backend.url)
  await chat.ask('budget for Q3')
  await chat.ask('and for Q4?')

  await chat.userMessage('budget for Q3').getByRole('button', { name: 'Edit', exact: true }).click()
  await chat.editor.fill('budget for Q2')
  await page.getByRole('button', { name: 'Save and resend', exact: true }).click()
  await chat.confirmEdit.getByRole('button', { name: 'Replace and resend', exact: true }).click()
  await expect(chat.replyBodies()).toHaveText(['Echo: budget for Q2'])
  await chat.expectUserMessages(['budget for Q2'])
  const pager = counter(chat.userMessage('budget for Q2'))
  await expect(pager).toContainText('2/2')

  await pager.getByRole('button', { name: 'Previous version' }).click()
  await chat.expectUserMessages(['budget for Q3', 'and for Q4?'])
  await expect(chat.replyBodies()).toHaveText(['Echo: budget for Q3', 'Echo: and for Q4?'])
  await expect(counter(chat.userMessage('budget for Q3'))).toContainText('1/2')
})

/**
 * The chat experience of issue 6 as a person meets it, against the real reference backend: the
 * conversations sidebar (titles, new chat, rename, delete with undo, search), regenerate, edit and
 * resend, the keyboard (Ctrl+N, Ctrl+K, Esc, ArrowUp), drafts per conversation, export, language
 * and theme, and Markdown replies.
 */
import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'
import * as seed from './fixtures/seed'
import type { ChatPage } from './pages/ChatPage'
import { SettingsPage } from './pages/SettingsPage'
import type { RunningBackend } from '../test/fixtures/backend'

async function openChat(page: Page, backend: RunningBackend): Promise<ChatPage> {
  // The request log is the worker's backend's: start this test's count from zero.
  const cleared = await fetch(`${backend.url}/_test/requests`, { method: 'DELETE' })
  expect(cleared.ok).toBe(true)
  return seed.openChat(page, backend.url)
}

/** The chat requests the backend received (health checks left out), oldest first. */
async function chatRequests(backend: RunningBackend): Promise<Array<Record<string, unknown>>> {
  return (await backend.requests()).filter((r) => r.path === '/api_chat')
}

/** The message a chat request carried (the reference profile sends GET /api_chat?message=…). */
const messageOf = (request: Record<string, unknown> | undefined) =>
  (request?.query as Record<string, string> | undefined)?.message

test.describe('conversations sidebar', () => {
  test('the first message titles a new conversation; New chat and Ctrl+N start another', async ({
    page,
    backend
  }) => {
    const chat = await openChat(page, backend)
    await expect(chat.title).toHaveText('New conversation')

    await chat.ask('Plan the team offsite')
    await expect(chat.row('Plan the team offsite')).toBeVisible()
    await expect(chat.title).toHaveText('Plan the team offsite')
    await expect(chat.conversation('Plan the team offsite')).toHaveAttribute('aria-current', 'page')

    // The button: an empty new chat, the old one still listed and no longer current.
    await chat.newChatButton.click()
    await expect(chat.title).toHaveText('New conversation')
    await expect(chat.log).toHaveCount(0)
    await expect(chat.conversation('Plan the team offsite')).not.toHaveAttribute(
      'aria-current',
      'page'
    )
    await chat.ask('Budget for Q3')
    await expect(chat.title).toHaveText('Budget for Q3')

    // The shortcut, from the composer: a new chat, with the cursor in its composer.
    await chat.composer.press('Control+n')
    await expect(chat.title).toHaveText('New conversation')
    await expect(chat.composer).toBeFocused()
    await chat.ask('Hiring plan')

    // Newest first, each titled from its first message.
    await expect(chat.conversations.getByRole('listitem')).toHaveText([
      'Hiring plan',
      'Budget for Q3',
      'Plan the team offsite'
    ])
    await chat.open('Plan the team offsite')
    await chat.expectUserMessages(['Plan the team offsite'])
    await expect(chat.replyBodies()).toHaveText(['Echo: Plan the team offsite'])
  })

  test('rename survives a reload; delete shows Undo, which brings the conversation back with its messages', async ({
    page,
    backend
  }) => {
    const chat = await openChat(page, backend)
    await chat.ask('quarterly numbers')
    await chat.newChatButton.click()
    await chat.ask('lunch order')

    await chat.rename('quarterly numbers', 'Q3 report')
    await expect(chat.row('Q3 report')).toBeVisible()
    await expect(chat.row('quarterly numbers')).toHaveCount(0)
    await page.reload()
    await expect(chat.row('Q3 report')).toBeVisible()
    await expect(chat.row('quarterly numbers')).toHaveCount(0)

    // Delete the open conversation: its row goes, the chat shows a new one, Undo is offered.
    await chat.open('Q3 report')
    await chat.remove('Q3 report')
    await expect(chat.row('Q3 report')).toHaveCount(0)
    await expect(chat.row('lunch order')).toBeVisible()
    await expect(chat.title).toHaveText('New conversation')
    await expect(chat.undoToast).toContainText('Conversation “Q3 report” deleted')

    await chat.undoToast.getByRole('button', { name: 'Undo', exact: true }).click()
    await expect(chat.undoToast).toHaveCount(0)
    await expect(chat.row('Q3 report')).toBeVisible()
    // Back for good, messages included: read again from disk after a reload.
    await page.reload()
    await chat.open('Q3 report')
    await chat.expectUserMessages(['quarterly numbers'])
    await expect(chat.replyBodies()).toHaveText(['Echo: quarterly numbers'])
  })

  test('a deleted conversation stays deleted once the Undo toast is ignored', async ({
    page,
    backend
  }) => {
    const chat = await openChat(page, backend)
    await chat.ask('throwaway question')
    await chat.remove('throwaway question')
    await expect(chat.undoToast).toBeVisible()
    await page.reload()
    await chat.waitReady()
    await expect(chat.conversations).toContainText('No conversations yet')
  })

  test('Ctrl+K search finds a word only a reply contains, in English and Korean, and opens the hit', async ({
    page,
    backend
  }) => {
    const chat = await openChat(page, backend)
    await backend.setKnobs({ reply: 'Try a kumquat with the cheese.', once: true })
    await chat.ask('what goes with brie?', 'Try a kumquat with the cheese.')
    await chat.newChatButton.click()
    await backend.setKnobs({ reply: '방화벽 설정에서 8030 포트를 열어 주세요.', once: true })
    await chat.ask('포트가 막혀요', '방화벽 설정에서 8030 포트를 열어 주세요.')
    await chat.newChatButton.click()
    await chat.ask('unrelated')

    await chat.composer.press('Control+k')
    await expect(chat.searchBox).toBeFocused()
    await page.keyboard.type('kumquat')
    const hits = chat.searchResults.getByRole('button')
    await expect(hits).toHaveCount(1)
    await expect(hits).toContainText('what goes with brie?')
    await expect(hits).toContainText('kumquat')
    await hits.click()
    await expect(chat.title).toHaveText('what goes with brie?')
    await expect(chat.replyBody()).toHaveText('Try a kumquat with the cheese.')

    // Ctrl+K again selects the old query: typing replaces it.
    await chat.composer.press('Control+k')
    await expect(chat.searchBox).toBeFocused()
    await page.keyboard.type('방화벽')
    await expect(chat.searchBox).toHaveValue('방화벽')
    await expect(hits).toHaveCount(1)
    await expect(hits).toContainText('포트가 막혀요')
    await hits.click()
    await expect(chat.title).toHaveText('포트가 막혀요')
    await expect(chat.replyBody()).toHaveText('방화벽 설정에서 8030 포트를 열어 주세요.')

    // Nothing matches: said so; clearing the search (Esc) shows the conversations again.
    await chat.searchBox.fill('zebra')
    await expect(chat.conversations.getByRole('status')).toHaveText('Nothing found')
    await chat.searchBox.press('Escape')
    await expect(chat.searchBox).toHaveValue('')
    await expect(chat.conversations.getByRole('listitem')).toHaveCount(3)
  })

  test('each conversation keeps its own unsent draft', async ({ page, backend }) => {
    const chat = await openChat(page, backend)
    await chat.ask('alpha topic')
    await chat.newChatButton.click()
    await chat.ask('beta topic')

    await chat.open('alpha topic')
    await chat.composer.fill('half-written note for alpha')
    await chat.open('beta topic')
    await expect(chat.composer).toHaveValue('')
    await chat.composer.fill('다른 초안 for beta')

    await chat.open('alpha topic')
    await expect(chat.composer).toHaveValue('half-written note for alpha')
    await chat.open('beta topic')
    await expect(chat.composer).toHaveValue('다른 초안 for beta')
    // A new chat has its own (empty) draft too; nothing was sent anywhere.
    await chat.newChatButton.click()
    await expect(chat.composer).toHaveValue('')
    expect((await chatRequests(backend)).map(messageOf)).toEqual(['alpha topic', 'beta topic'])
  })
})

test.describe('replies and messages', () => {
  test('Regenerate asks again and replaces the last reply', async ({ page, backend }) => {
    const chat = await openChat(page, backend)
    await chat.ask('name a colour')
    const before = (await chatRequests(backend)).length

    await backend.setKnobs({ reply: 'Teal, this time.', once: true })
    await chat.lastReply().getByRole('button', { name: 'Regenerate', exact: true }).click()
    await expect(chat.replyBody()).toHaveText('Teal, this time.')
    await expect(chat.sendButton).toBeVisible()

    const requests = await chatRequests(backend)
    expect(requests).toHaveLength(before + 1)
    expect(messageOf(requests.at(-1))).toBe('name a colour')
    // Still one question, one answer: the new reply took the old one's place.
    await chat.expectUserMessages(['name a colour'])
    await expect(chat.replyBodies()).toHaveText(['Teal, this time.'])
    // And that is what was stored.
    await page.reload()
    await chat.open('name a colour')
    await expect(chat.replyBodies()).toHaveText(['Teal, this time.'])
  })

  test('editing an earlier message asks first, then replaces what followed; Cancel changes nothing', async ({
    page,
    backend
  }) => {
    const chat = await openChat(page, backend)
    await chat.ask('first question')
    await chat.ask('second question')
    const before = (await chatRequests(backend)).length

    const first = chat.userMessage('first question')
    await first.getByRole('button', { name: 'Edit', exact: true }).click()
    await expect(chat.editor).toBeFocused()
    await expect(chat.editor).toHaveValue('first question')
    await chat.editor.fill('first question, revised')
    await page.getByRole('button', { name: 'Save and resend', exact: true }).click()

    // Cancel the confirmation: the editor stays with what was typed, the conversation is untouched.
    await expect(chat.confirmEdit).toBeVisible()
    await expect(chat.confirmEdit).toContainText(
      'replaces the reply and every message after it on screen'
    )
    await chat.confirmEdit.getByRole('button', { name: 'Cancel', exact: true }).click()
    await expect(chat.confirmEdit).toHaveCount(0)
    await expect(chat.editor).toHaveValue('first question, revised')
    await expect(chat.replyBodies()).toHaveText(['Echo: first question', 'Echo: second question'])

    // Confirm this time.
    await page.getByRole('button', { name: 'Save and resend', exact: true }).click()
    await chat.confirmEdit.getByRole('button', { name: 'Replace and resend', exact: true }).click()
    await expect(chat.confirmEdit).toHaveCount(0)
    await expect(chat.editor).toHaveCount(0)
    await chat.expectUserMessages(['first question, revised'])
    await expect(chat.replyBodies()).toHaveText(['Echo: first question, revised'])
    await expect(chat.log).not.toContainText('second question')

    // Exactly one request went out, after the confirmation, with the edited text.
    const requests = await chatRequests(backend)
    expect(requests.slice(before).map(messageOf)).toEqual(['first question, revised'])
    await page.reload()
    await chat.open('first question')
    await chat.expectUserMessages(['first question, revised'])
    await expect(chat.replyBodies()).toHaveText(['Echo: first question, revised'])
  })

  test('cancelling an edit (button or Esc) leaves the conversation as it was', async ({
    page,
    backend
  }) => {
    const chat = await openChat(page, backend)
    await chat.ask('keep me')
    const before = (await chatRequests(backend)).length

    await chat.userMessage('keep me').getByRole('button', { name: 'Edit', exact: true }).click()
    await chat.editor.fill('changed my mind')
    await chat.userMessages.getByRole('button', { name: 'Cancel', exact: true }).click()
    await expect(chat.editor).toHaveCount(0)

    await chat.userMessage('keep me').getByRole('button', { name: 'Edit', exact: true }).click()
    await chat.editor.fill('changed my mind again')
    await chat.editor.press('Escape')
    await expect(chat.editor).toHaveCount(0)

    await chat.expectUserMessages(['keep me'])
    await expect(chat.replyBodies()).toHaveText(['Echo: keep me'])
    expect(await chatRequests(backend)).toHaveLength(before)
  })

  test('ArrowUp in an empty composer edits the last message of the user', async ({
    page,
    backend
  }) => {
    const chat = await openChat(page, backend)
    await chat.ask('older message')
    await chat.ask('latest message')

    // With text in the box, ArrowUp is just a cursor key.
    await chat.composer.fill('typing')
    await chat.composer.press('ArrowUp')
    await expect(chat.editor).toHaveCount(0)

    await chat.composer.fill('')
    await chat.composer.press('ArrowUp')
    await expect(chat.editor).toBeFocused()
    await expect(chat.editor).toHaveValue('latest message')
    await expect(chat.userMessage('older message')).toBeVisible()

    // Its reply follows it, so resending asks first here too.
    await chat.editor.fill('latest message, rephrased')
    await chat.editor.press('Enter')
    await chat.confirmEdit.getByRole('button', { name: 'Replace and resend', exact: true }).click()
    await chat.expectUserMessages(['older message', 'latest message, rephrased'])
    await expect(chat.replyBodies()).toHaveText([
      'Echo: older message',
      'Echo: latest message, rephrased'
    ])
  })

  test('Esc stops a streaming reply; the partial reply stays, marked Stopped', async ({
    page,
    backend
  }) => {
    const chat = await openChat(page, backend)
    await backend.setKnobs({ delay_ms: 150, tokens: 60 })

    await chat.send('tell me everything')
    const reply = chat.lastReply()
    await expect(reply).toContainText('w3')
    await expect(chat.stopButton).toBeVisible()
    await page.keyboard.press('Escape')

    await expect(reply.getByText('Stopped', { exact: true })).toBeVisible()
    await expect(chat.sendButton).toBeVisible()
    const partial = ((await chat.replyBody(reply).textContent()) ?? '').trim()
    expect(partial).toMatch(/^Echo: tell me everything w1 w2 w3/)
    expect(partial).not.toContain('w60')
    await page.reload()
    await chat.open('tell me everything')
    await expect(chat.replyBody()).toHaveText(partial)
    await expect(chat.lastReply().getByText('Stopped', { exact: true })).toBeVisible()
  })

  test('Markdown replies: a GFM table, a list, a code block with Copy code, raw HTML shown as text', async ({
    page,
    backend,
    shell
  }) => {
    const chat = await openChat(page, backend)
    // A browser asks before a page may use the clipboard; Electron's window may always.
    if (shell === 'web')
      await page.context().grantPermissions(['clipboard-read', 'clipboard-write'])
    const code = "import socket\nprint(socket.gethostname(), 'ok')"
    const markdown = [
      'Ports to open:',
      '',
      '| Service | Port |',
      '| --- | ---: |',
      '| ssh | 22 |',
      '| kha | 8030 |',
      '',
      '- first check the firewall',
      '- then the tunnel',
      '',
      '```python',
      code,
      '```',
      '',
      'Inline <b>not bold</b> stays text.'
    ].join('\n')
    await backend.setKnobs({ reply: markdown, once: true })
    await chat.send('which ports?')
    await expect(chat.sendButton).toBeVisible()

    const reply = chat.lastReply()
    const table = reply.getByRole('table')
    await expect(table.getByRole('row')).toHaveCount(3)
    await expect(table.getByRole('columnheader')).toHaveText(['Service', 'Port'])
    await expect(table.getByRole('row').nth(2).getByRole('cell')).toHaveText(['kha', '8030'])
    await expect(reply.getByRole('list').getByRole('listitem')).toHaveText([
      'first check the firewall',
      'then the tunnel'
    ])
    await expect(reply.getByText(code.split('\n')[1]!)).toBeVisible()
    // Raw HTML is not rendered: no <b> element, the tags are visible as text.
    await expect(reply).toContainText('Inline <b>not bold</b> stays text.')

    const copy = reply.getByRole('button', { name: 'Copy code', exact: true })
    await copy.click()
    await expect(copy).toContainText('Copied')
    expect(
      await page.evaluate(() =>
        (
          globalThis as unknown as { navigator: { clipboard: { readText(): Promise<string> } } }
        ).navigator.clipboard.readText()
      )
    ).toBe(code)
  })
})

test.describe('export, language and theme', () => {
  test('export as Markdown and as JSON downloads the conversation', async ({
    page,
    backend,
    shell
  }) => {
    test.skip(shell === 'electron', 'Electron exports through a native save dialog, not a download')
    const chat = await openChat(page, backend)
    await chat.ask('export me please')
    await chat.ask('and 한국어 too')

    const md = await chat.export(chat.exportMarkdownButton)
    expect(md.fileName).toBe('export me please.md')
    expect(md.content).toContain('# export me please\n')
    const sections = md.content.split(/^## /m).slice(1)
    // Each heading says who and when (issue 17 item 9): "You · Dec 1, 2026, 3:04 PM".
    expect(sections.map((s) => s.split('\n')[0]!.split(' · ')[0])).toEqual([
      'You',
      'Assistant',
      'You',
      'Assistant'
    ])
    expect(sections[0]!.split('\n')[0]).toMatch(
      /^You · [A-Z][a-z]{2} \d{1,2}, \d{4}, \d{1,2}:\d{2} (AM|PM)$/
    )
    expect(sections.map((s) => s.split('\n').slice(1).join('\n').trim())).toEqual([
      'export me please',
      'Echo: export me please',
      'and 한국어 too',
      'Echo: and 한국어 too'
    ])
    await expect(
      page.getByRole('status').filter({ hasText: 'Saved export me please.md' })
    ).toBeVisible()

    const json = await chat.export(chat.exportJsonButton)
    expect(json.fileName).toBe('export me please.json')
    const parsed = JSON.parse(json.content) as {
      title: string
      messages: Array<{ role: string; text: string }>
    }
    expect(parsed.title).toBe('export me please')
    expect(parsed.messages.map((m) => [m.role, m.text])).toEqual([
      ['user', 'export me please'],
      ['assistant', 'Echo: export me please'],
      ['user', 'and 한국어 too'],
      ['assistant', 'Echo: and 한국어 too']
    ])
  })

  test('switching to 한국어 translates the UI and error messages, and back to English', async ({
    page,
    backend
  }) => {
    const chat = await openChat(page, backend)
    const settings = new SettingsPage(page)
    await chat.openSettings()
    await settings.preference('Language').selectOption({ label: '한국어' })
    await expect(page.getByRole('heading', { name: '설정', level: 1 })).toBeVisible()
    await expect(page.locator('html')).toHaveAttribute('lang', 'ko')
    await page.getByRole('button', { name: '대화로 돌아가기', exact: true }).click()

    await expect(page.getByRole('textbox', { name: '메시지', exact: true })).toBeVisible()
    await expect(page.getByRole('button', { name: '보내기', exact: true })).toBeVisible()
    await expect(page.getByRole('button', { name: '새 대화', exact: true })).toBeVisible()
    await expect(page.getByRole('navigation', { name: '대화 목록' })).toBeVisible()
    await expect(page.getByRole('searchbox', { name: '검색', exact: true })).toBeVisible()
    await expect(page.getByRole('heading', { name: '새 대화', level: 1 })).toBeVisible()

    // A backend error, in Korean.
    await backend.setKnobs({ fail_status: 500, once: true })
    await page.getByRole('textbox', { name: '메시지', exact: true }).fill('안녕하세요')
    await page.getByRole('textbox', { name: '메시지', exact: true }).press('Enter')
    const reply = seed.lastKoreanReply(page)
    const alert = reply.getByRole('alert')
    await expect(alert).toContainText('실패')
    await expect(alert).toContainText('백엔드가 오류로 응답했습니다 (HTTP 500).')
    await expect(alert).toContainText('서버 메시지: simulated failure 500')
    await expect(reply.getByRole('button', { name: '다시 시도', exact: true })).toBeVisible()

    // The choice is kept.
    await page.reload()
    await expect(page.getByRole('textbox', { name: '메시지', exact: true })).toBeVisible()

    // Back to English: the same error now reads in English.
    await page.getByRole('button', { name: '설정', exact: true }).click()
    await settings.preference('언어').selectOption({ label: 'English' })
    await expect(settings.heading).toBeVisible()
    await expect(page.locator('html')).toHaveAttribute('lang', 'en')
    await settings.backToChat()
    await chat.open('안녕하세요')
    await expect(chat.composer).toBeVisible()
    await expect(chat.sendButton).toBeVisible()
    await expect(chat.lastReply().getByRole('alert')).toContainText(
      'The backend answered with an error (HTTP 500). Server said: simulated failure 500'
    )
  })

  test('theme: Dark and Light override the OS, System follows it', async ({ page, backend }) => {
    const chat = await openChat(page, backend)
    const settings = new SettingsPage(page)
    const html = page.locator('html')
    const background = () =>
      page.evaluate(() => {
        const g = globalThis as unknown as {
          document: { body: unknown }
          getComputedStyle(el: unknown): { backgroundColor: string }
        }
        return g.getComputedStyle(g.document.body).backgroundColor
      })
    const light = 'rgb(255, 255, 255)'
    const dark = 'rgb(23, 24, 28)'
    await page.emulateMedia({ colorScheme: 'light' })
    await chat.openSettings()
    expect(await background()).toBe(light)

    await settings.preference('Theme').selectOption({ label: 'Dark' })
    await expect(html).toHaveAttribute('data-theme', 'dark')
    await expect.poll(background).toBe(dark)
    // Kept after a reload.
    await page.reload()
    await expect(html).toHaveAttribute('data-theme', 'dark')
    await expect.poll(background).toBe(dark)

    // Light wins over a dark OS…
    await page.emulateMedia({ colorScheme: 'dark' })
    await chat.openSettings()
    await settings.preference('Theme').selectOption({ label: 'Light' })
    await expect(html).toHaveAttribute('data-theme', 'light')
    await expect.poll(background).toBe(light)
    // …and System follows the OS.
    await settings.preference('Theme').selectOption({ label: 'System' })
    await expect(html).not.toHaveAttribute('data-theme', /./)
    await expect.poll(background).toBe(dark)
    await page.emulateMedia({ colorScheme: 'light' })
    await expect.poll(background).toBe(light)
  })
})

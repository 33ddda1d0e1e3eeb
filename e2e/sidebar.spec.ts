/**
 * Issue 17 item 8: the conversation list as an office user works it. Groups by date with pinned
 * conversations on top (kept after a reload), the full title on hover, the keyboard (↑/↓, F2,
 * Delete with Undo), search results as plain text with a date that open the conversation with
 * the hit marked, and a reopened app showing the conversation that was open.
 */
import { expect, test } from './fixtures'
import { attachScreens } from './fixtures/screens'
import { openChat } from './fixtures/seed'
import { ChatPage } from './pages/ChatPage'

const DAY = 24 * 60 * 60 * 1000

async function withThree(chat: ChatPage) {
  await chat.ask('월간 보고서 초안')
  await chat.newChatButton.click()
  await chat.ask('점심 메뉴 추천')
  await chat.newChatButton.click()
  await chat.ask('휴가 신청 방법')
}

test('grouped by date, pinned on top and kept; the full title on hover', async ({
  page,
  backend
}, testInfo) => {
  const chat = await openChat(page, backend.url)
  await withThree(chat)

  const headings = chat.conversations.getByRole('heading', { level: 2 })
  await expect(headings).toHaveText(['Today'])
  await chat.row('점심 메뉴 추천').getByRole('button', { name: 'Pin', exact: true }).click()
  await expect(headings).toHaveText(['Pinned', 'Today'])
  await expect(chat.conversations.getByRole('listitem')).toHaveText([
    '점심 메뉴 추천',
    '휴가 신청 방법',
    '월간 보고서 초안'
  ])
  await expect(chat.row('점심 메뉴 추천').getByRole('button', { name: 'Unpin' })).toHaveAttribute(
    'aria-pressed',
    'true'
  )
  await attachScreens(page, testInfo, 'groups-pinned')

  // The pin is kept by the core: after a reload, and with the page's clock a day later the rest
  // of the list reads "Yesterday".
  await page.clock.setFixedTime(Date.now() + DAY)
  await page.reload()
  await expect(headings).toHaveText(['Pinned', 'Yesterday'])
  await expect(chat.conversations.getByRole('listitem')).toHaveText([
    '점심 메뉴 추천',
    '휴가 신청 방법',
    '월간 보고서 초안'
  ])
  await page.clock.setFixedTime(Date.now() + 3 * DAY)
  await page.reload()
  await expect(headings).toHaveText(['Pinned', 'Previous 7 days'])

  // Unpinned, it goes back to its date.
  await chat.row('점심 메뉴 추천').getByRole('button', { name: 'Unpin' }).click()
  await expect(headings).toHaveText(['Previous 7 days'])
  await expect(chat.conversations.getByRole('listitem')).toHaveText([
    '휴가 신청 방법',
    '점심 메뉴 추천',
    '월간 보고서 초안'
  ])

  // A title too long for the row is cut with an ellipsis; hovering shows all of it.
  const long = '2026년 하반기 부서별 예산 편성 기준과 집행 일정에 대한 설명 요청'
  await chat.newChatButton.click()
  await chat.ask(long)
  const button = chat.conversation(long)
  await expect(button).toHaveAttribute('title', long)
  const clipped = await button.evaluate((el) => {
    const b = el as unknown as { scrollWidth: number; clientWidth: number }
    return b.scrollWidth > b.clientWidth
  })
  expect(clipped, 'the row cuts the long title').toBe(true)
})

test('arrow keys move through the list, F2 renames, Delete deletes with Undo', async ({
  page,
  backend
}, testInfo) => {
  const chat = await openChat(page, backend.url)
  await withThree(chat)

  await chat.conversation('휴가 신청 방법').focus()
  await page.keyboard.press('ArrowDown')
  await expect(chat.conversation('점심 메뉴 추천')).toBeFocused()
  await page.keyboard.press('ArrowDown')
  await expect(chat.conversation('월간 보고서 초안')).toBeFocused()
  await page.keyboard.press('ArrowUp')
  await expect(chat.conversation('점심 메뉴 추천')).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(chat.title).toHaveText('점심 메뉴 추천')

  // F2: rename in place; Enter keeps it, and the keyboard is back on the row.
  await chat.conversation('점심 메뉴 추천').focus()
  await page.keyboard.press('F2')
  const input = page.getByRole('textbox', { name: 'Conversation title', exact: true })
  await expect(input).toBeFocused()
  await input.fill('팀 점심')
  await input.press('Enter')
  await expect(chat.conversation('팀 점심')).toBeFocused()

  // Delete: gone, Undo offered, the keyboard on the next row; Undo brings it back.
  await page.keyboard.press('Delete')
  await expect(chat.row('팀 점심')).toHaveCount(0)
  await expect(chat.undoToast).toContainText('팀 점심')
  // (The rename lifted 팀 점심 to the top: the row that takes its place is the next one down.)
  await expect(chat.conversation('휴가 신청 방법')).toBeFocused()
  await chat.undoToast.getByRole('button', { name: 'Undo' }).click()
  await expect(chat.row('팀 점심')).toBeVisible()
  // (At 800×600 the sidebar folds away by itself: the small screenshot shows the chat.)
  await attachScreens(page, testInfo, 'keyboard-list')
})

test('search shows plain text and a date, and opens the conversation with the hit marked', async ({
  page,
  backend
}, testInfo) => {
  const chat = await openChat(page, backend.url)
  await backend.setKnobs({
    reply:
      '## 분기 실적\n\n| 지역 | 매출 |\n| --- | --- |\n| **부산** | 120 |\n\n자세한 내용은 [보고서](https://intra.example/report)에 있습니다.',
    once: true
  })
  await chat.send('지역별 매출 정리')
  await expect(chat.lastReply().getByRole('table')).toBeVisible()
  await expect(chat.sendButton).toBeVisible()
  await chat.newChatButton.click()
  await chat.ask('다른 이야기')

  await chat.searchBox.fill('부산')
  const hit = chat.searchResults.getByRole('button', { name: /지역별 매출 정리/ })
  await expect(hit).toBeVisible()
  const text = (await hit.textContent()) ?? ''
  expect(text).toContain('부산')
  expect(text, 'no Markdown syntax in the snippet').not.toMatch(/[|*#`]|\]\(/)
  await expect(hit.locator('time')).toHaveText(
    new Intl.DateTimeFormat('en', { year: 'numeric', month: 'short', day: 'numeric' }).format(
      new Date()
    )
  )
  await attachScreens(page, testInfo, 'search-results')

  await hit.click()
  await expect(chat.title).toHaveText('지역별 매출 정리')
  // The searched word is highlighted in the opened reply (CSS Custom Highlight), and only there.
  await expect
    .poll(() =>
      page.evaluate(() => {
        const h = (
          globalThis as unknown as { CSS: { highlights: Map<string, Set<{ toString(): string }>> } }
        ).CSS.highlights.get('search-hit')
        return h ? [...h].map((r) => r.toString()) : []
      })
    )
    .toEqual(['부산'])
  await attachScreens(page, testInfo, 'search-hit-opened')
})

test('reopening the app shows the conversation that was open', async ({ app, page, backend }) => {
  const chat = await openChat(page, backend.url)
  await withThree(chat)
  await chat.open('점심 메뉴 추천')
  const reopened = new ChatPage(await app.restart())
  await expect(reopened.title).toHaveText('점심 메뉴 추천')
  await expect(reopened.replyBodies()).toHaveText(['Echo: 점심 메뉴 추천'])
  // A new chat is remembered as such.
  await reopened.newChatButton.click()
  await expect(reopened.title).toHaveText('New conversation')
  await page.reload()
  await expect(reopened.composer).toBeVisible()
  await expect(reopened.title).toHaveText('New conversation')
})

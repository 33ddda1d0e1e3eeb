/**
 * Attachments as a person uses them (issue 19), against the real reference backend: pick, drop or
 * paste files into the composer; each becomes a chip with its size and extracted length; the
 * document reaches the server in a delimited block with the question; files the app cannot use are
 * refused by name and the typed message stays. The sample files are real, made by the test.
 */
import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'
import { seedProfile } from './fixtures/seed'
import { presets } from '../src/shared/presets'
import { ChatPage } from './pages/ChatPage'
import type { RunningBackend } from '../test/fixtures/backend'
import {
  encryptPdf,
  makeDocx,
  makeScannedPdf,
  makeTextPdf,
  makeXlsx,
  sampleFilesMissing
} from '../test/fixtures/sampleFiles'

const PDF = 'application/pdf'

/** The page's DOM classes, typed loosely: this file is compiled for Node, without the DOM library. */
interface PageGlobals {
  DataTransfer: new () => { items: { add(file: unknown): void } }
  File: new (parts: unknown[], name: string, opts?: { type: string }) => unknown
  ClipboardEvent: new (type: string, init: Record<string, unknown>) => unknown
}

/** The reference backend's streaming route: POST JSON, so a document fits in the message. */
async function openChat(
  page: Page,
  backend: RunningBackend,
  contract: Record<string, unknown> = {}
): Promise<ChatPage> {
  const cleared = await fetch(`${backend.url}/_test/requests`, { method: 'DELETE' })
  expect(cleared.ok).toBe(true)
  await seedProfile(page, {
    name: 'Reference (POST)',
    connection: { kind: 'direct', url: backend.url },
    contract: {
      method: 'POST',
      path: '/api_chat',
      messageField: 'message',
      replyFormat: 'sse',
      replyField: 'delta',
      extraParams: [{ name: 'format', value: 'sse', json: false }],
      ...contract
    }
  })
  const chat = new ChatPage(page)
  await chat.waitReady()
  return chat
}

async function lastMessageSent(backend: RunningBackend): Promise<string> {
  const chats = (await backend.requests()).filter((r) => r.path === '/api_chat')
  return String((chats.at(-1)?.body as { message?: string } | undefined)?.message ?? '')
}

function chips(page: Page) {
  return page.getByRole('list', { name: 'Attached files' }).getByRole('listitem')
}

test.skip(!!sampleFilesMissing(), sampleFilesMissing() ?? '')

test('a PDF picked with the Attach button goes with the question, and the conversation keeps it', async ({
  page,
  backend
}) => {
  const chat = await openChat(page, backend)
  const pdf = Buffer.from(await makeTextPdf([['3분기 매출 보고서', '서울 지점이 1위입니다.']]))
  const [chooser] = await Promise.all([
    page.waitForEvent('filechooser'),
    page.getByRole('button', { name: 'Attach files' }).click()
  ])
  await chooser.setFiles({ name: '보고서.pdf', mimeType: PDF, buffer: pdf })

  const chip = chips(page).filter({ hasText: '보고서.pdf' })
  await expect(chip).toContainText(/\d[\d,]* characters/)
  await expect(chip).toContainText('KB')
  await chat.send('요약해 주세요')
  await expect(chat.replyBody()).toContainText('서울 지점이 1위입니다.')
  await expect(chat.sendButton).toBeVisible()

  const sent = await lastMessageSent(backend)
  expect(sent).toContain('<attachment name="보고서.pdf" type="application/pdf">')
  expect(sent).toContain('서울 지점이 1위입니다.')
  expect(sent.trim().endsWith('요약해 주세요')).toBe(true)
  // The chip left the composer and stays on the sent message, also after a reload.
  await expect(page.getByRole('list', { name: 'Attached files' })).toHaveCount(1)
  await page.reload()
  await chat.open('요약해 주세요')
  await expect(chat.userMessages.last().getByRole('listitem')).toContainText('보고서.pdf')

  // Regenerate asks again with the same document.
  await chat.lastReply().getByRole('button', { name: 'Regenerate' }).click()
  await expect(chat.sendButton).toBeVisible()
  await expect
    .poll(async () => (await backend.requests()).filter((r) => r.path === '/api_chat').length)
    .toBe(2)
  expect(await lastMessageSent(backend)).toContain('서울 지점이 1위입니다.')
})

test('files dropped or pasted into the composer become chips; one can be removed', async ({
  page,
  backend
}) => {
  const chat = await openChat(page, backend)
  const docx = Buffer.from(await makeDocx(['회의록', '다음 회의는 금요일입니다.'])).toString(
    'base64'
  )
  const xlsx = Buffer.from(
    await makeXlsx({
      매출: [
        ['지역', '금액'],
        ['부산', 800]
      ]
    })
  ).toString('base64')
  const dropTarget = page.locator('form.composer')
  const transfer = await page.evaluateHandle(
    ([docx, xlsx]) => {
      const { DataTransfer, File } = globalThis as unknown as PageGlobals
      const bytes = (b64: string) => Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))
      const dt = new DataTransfer()
      dt.items.add(new File([bytes(docx)], '회의록.docx'))
      dt.items.add(new File([bytes(xlsx)], 'sales.xlsx'))
      return dt
    },
    [docx, xlsx]
  )
  await dropTarget.dispatchEvent('dragover', { dataTransfer: transfer })
  await dropTarget.dispatchEvent('drop', { dataTransfer: transfer })
  await expect(chips(page)).toHaveCount(2)
  await expect(chips(page).filter({ hasText: 'sales.xlsx' })).toContainText('characters')

  // Pasting a file (a copied file or a screenshot) attaches it; the text box gets nothing.
  await chat.composer.focus()
  await chat.composer.evaluate((el) => {
    const { DataTransfer, File, ClipboardEvent } = globalThis as unknown as PageGlobals
    const dt = new DataTransfer()
    dt.items.add(new File(['메모: 예산 확인'], 'memo.txt', { type: 'text/plain' }))
    el.dispatchEvent(
      new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }) as Event
    )
  })
  await expect(chips(page)).toHaveCount(3)
  await expect(chat.composer).toHaveValue('')

  await page.getByRole('button', { name: 'Remove sales.xlsx' }).click()
  await expect(chips(page)).toHaveCount(2)
  // Attachments alone are a message.
  await chat.composer.press('Enter')
  await expect(chat.sendButton).toBeVisible()
  await expect(chat.replyBody()).toContainText('다음 회의는 금요일입니다.')
  const sent = await lastMessageSent(backend)
  expect(sent).toContain('name="회의록.docx"')
  expect(sent).toContain('메모: 예산 확인')
  expect(sent).not.toContain('부산')
})

test('an encrypted PDF, a scan and an oversized file are refused by name; the typed message stays', async ({
  page,
  backend
}) => {
  const chat = await openChat(page, backend)
  await chat.type('이 파일을 검토해 주세요')
  const input = page.getByTestId('attach-input')

  await input.setInputFiles({
    name: '기밀.pdf',
    mimeType: PDF,
    buffer: Buffer.from(encryptPdf(await makeTextPdf([['기밀']])))
  })
  await expect(page.getByRole('alert')).toContainText('“기밀.pdf” is protected with a password')
  await input.setInputFiles({
    name: 'scan.pdf',
    mimeType: PDF,
    buffer: Buffer.from(await makeScannedPdf())
  })
  await expect(page.getByRole('alert')).toContainText('“scan.pdf” has no text the app can read')
  await input.setInputFiles({
    name: 'huge.txt',
    mimeType: 'text/plain',
    buffer: Buffer.alloc(11 * 1024 * 1024, 0x61)
  })
  await expect(page.getByRole('alert')).toContainText('“huge.txt” is too large to attach')

  await expect(chips(page)).toHaveCount(0)
  await expect(chat.composer).toHaveValue('이 파일을 검토해 주세요')
  expect((await backend.requests()).filter((r) => r.path === '/api_chat')).toHaveLength(0)
})

test('a document too long for a GET profile is refused by name with the limit', async ({
  page,
  backend
}) => {
  const chat = await openChat(page, backend, {
    method: 'GET',
    extraParams: [{ name: 'format', value: 'sse', json: false }]
  })
  await chat.type('요약')
  await page.getByTestId('attach-input').setInputFiles({
    name: 'long.md',
    mimeType: 'text/markdown',
    buffer: Buffer.from('가'.repeat(3000))
  })
  await expect(page.getByRole('alert')).toContainText(
    '“long.md” makes the attached text too long for this server: 3000 characters, at most 1500'
  )
  await expect(chat.composer).toHaveValue('요약')
})

/** A one-pixel PNG. */
const png = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGNgAAAAAgABc3UBGAAAAABJRU5ErkJggg==',
  'base64'
)
/** Pick it as chart.png in the composer's file input. */
const attachChartPng = (page: Page) =>
  page
    .getByTestId('attach-input')
    .setInputFiles({ name: 'chart.png', mimeType: 'image/png', buffer: png })

test('images: a profile without image support says so plainly', async ({ page, backend }) => {
  await openChat(page, backend)
  await attachChartPng(page)
  await expect(page.getByRole('alert')).toContainText(
    '“chart.png” is an image, and this server cannot take images'
  )
})

test('images: an OpenAI-compatible profile whose model takes images sends them as image parts', async ({
  page,
  backend
}) => {
  await fetch(`${backend.url}/_test/requests`, { method: 'DELETE' })
  await seedProfile(page, {
    name: 'Vision gateway',
    connection: { kind: 'direct', url: backend.url },
    contract: { ...presets.openai, auth: 'none', model: 'kha-echo-1', images: true }
  })
  const chat = new ChatPage(page)
  await chat.waitReady()
  await attachChartPng(page)
  await expect(chips(page).filter({ hasText: 'chart.png' })).toContainText('image')
  await chat.send('이 그림은 무엇인가요?')
  // The reference backend names each image part it received, decoded: the bytes arrived intact.
  await expect(chat.replyBody()).toHaveText(
    `Echo: 이 그림은 무엇인가요? [image: image/png, ${png.byteLength} bytes]`
  )
  const request = (await backend.requests()).filter((r) => r.path === '/v1/chat/completions').at(-1)
  const last = (request?.body as { messages: Array<{ content: unknown }> }).messages.at(-1)
  expect(last?.content).toEqual([
    { type: 'text', text: '이 그림은 무엇인가요?' },
    { type: 'image_url', image_url: { url: `data:image/png;base64,${png.toString('base64')}` } }
  ])
})

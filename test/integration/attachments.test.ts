/**
 * Attachments through the real core (extraction in its worker thread) and the real reference
 * backend: what the server receives, what the conversation keeps, and what is refused by name.
 */
import { describe, expect, it } from 'vitest'
import type { Attachment } from '../../src/shared/attachments'
import {
  encryptPdf,
  makeDocx,
  makeScannedPdf,
  makeTextPdf,
  sampleFilesMissing
} from '../fixtures/sampleFiles'
import type { TestCore } from '../helpers/core'
import { directDraft, saveProfile, testCores, withBackend } from '../helpers/integration'

let t: TestCore
const backend = withBackend()
const cores = testCores()

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64')

async function coreWith(contract: Record<string, unknown>) {
  t = await cores.start()
  await saveProfile(t, directDraft(backend.url, { contract }))
  return t
}

const postSse = {
  method: 'POST',
  replyFormat: 'sse',
  replyField: 'delta',
  extraParams: [{ name: 'format', value: 'sse' }],
  history: { mode: 'all' }
}

describe.skipIf(sampleFilesMissing())('attachments end to end in the core', () => {
  it('extracts a DOCX in the worker and sends it as a delimited block before the question; the conversation keeps it', async () => {
    await coreWith(postSse)
    // A reply that does not repeat the message: search and export must find the document itself.
    await backend.setKnobs({ reply: '네, 요약했습니다.' })
    const docx = await makeDocx(['3분기 매출 보고서', '서울 지점 매출이 가장 높았습니다.'])
    const attachment = await t.ok('attachments:extract', { name: '보고서.docx', data: b64(docx) })
    expect(attachment).toMatchObject({ name: '보고서.docx', kind: 'text', size: docx.byteLength })
    expect(attachment.text).toContain('서울 지점 매출이 가장 높았습니다.')

    const sent = await t.ok('chat:send', { text: '요약해 주세요', attachments: [attachment] })
    const outcome = await t.outcome(sent.assistantMessage.id)
    expect(outcome.message.status).toBe('done')
    const received = (await backend.requests()).at(-1) as { body?: { message?: string } }
    const message = received.body?.message ?? JSON.stringify(received)
    expect(message).toContain('<attachment name="보고서.docx"')
    expect(message).toContain('서울 지점 매출이 가장 높았습니다.')
    expect(message.trim().endsWith('요약해 주세요')).toBe(true)

    const stored = await t.ok('conversations:get', { id: sent.conversation.id })
    expect(stored.messages[0]?.attachments?.[0]).toMatchObject({
      name: '보고서.docx',
      text: attachment.text
    })
    // Search finds the conversation by the attached text, and the export carries it.
    const hits = await t.ok('conversations:search', { query: '서울 지점' })
    expect(hits.map((h) => h.conversationId)).toContain(sent.conversation.id)
    const exported = await t.ok('conversations:export', {
      id: sent.conversation.id,
      format: 'markdown'
    })
    expect(exported.content).toContain('보고서.docx')
    expect(exported.content).toContain('서울 지점 매출이 가장 높았습니다.')

    // Regenerating asks again with the same document.
    const again = await t.ok('chat:retry', {
      conversationId: sent.conversation.id,
      messageId: sent.userMessage.id
    })
    await t.outcome(again.assistantMessage.id)
    const retried = (await backend.requests()).at(-1) as { body?: { message?: string } }
    expect(retried.body?.message).toContain('서울 지점 매출이 가장 높았습니다.')
  })

  it('refuses an encrypted PDF and a scanned PDF by name, with their reasons', async () => {
    await coreWith(postSse)
    const encrypted = await t.call('attachments:extract', {
      name: '기밀.pdf',
      data: b64(encryptPdf(await makeTextPdf([['기밀']])))
    })
    expect(encrypted).toMatchObject({
      ok: false,
      error: { code: 'attachment.encrypted', params: { name: '기밀.pdf' } }
    })
    const scanned = await t.call('attachments:extract', {
      name: 'scan.pdf',
      data: b64(await makeScannedPdf())
    })
    expect(scanned).toMatchObject({
      ok: false,
      error: { code: 'attachment.no_text', params: { name: 'scan.pdf' } }
    })
  })

  it('refuses text over the profile’s limit by name, at extraction and at send, and stores nothing', async () => {
    await coreWith({ ...postSse, attachmentLimit: 100 })
    const long = 'ㄱ'.repeat(150)
    const refused = await t.call('attachments:extract', {
      name: 'long.txt',
      data: b64(new TextEncoder().encode(long))
    })
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'attachment.too_large', params: { name: 'long.txt', limit: 100 } }
    })
    const forged: Attachment = {
      name: 'long.txt',
      type: 'text/plain',
      size: 450,
      kind: 'text',
      text: long
    }
    const sent = await t.call('chat:send', { text: '읽어 주세요', attachments: [forged] })
    expect(sent).toMatchObject({
      ok: false,
      error: { code: 'attachment.too_large', params: { name: 'long.txt' } }
    })
    expect(await t.ok('conversations:list')).toEqual({ summaries: [] })
  })

  it('says plainly that a profile without image support cannot take an image', async () => {
    await coreWith(postSse)
    const png =
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGNgAAAAAgABc3UBGAAAAABJRU5ErkJggg=='
    const res = await t.call('attachments:extract', { name: 'chart.png', data: png })
    expect(res).toMatchObject({
      ok: false,
      error: { code: 'attachment.images_unsupported', params: { name: 'chart.png' } }
    })
  })
})

import { beforeEach, describe, expect, it, vi } from 'vitest'
import { MAX_FILE_BYTES, type Attachment } from '@shared/attachments'
import { createFakeApi, err, ok, type FakeApi } from '../test/fakeApi'
import { createAppStore } from './index'
import { NEW_CHAT } from './types'

const extracted = (name: string, text: string): Attachment => ({
  name,
  type: 'text/plain',
  size: text.length,
  kind: 'text',
  text
})

describe('attachments slice', () => {
  let fake: FakeApi
  let store: ReturnType<typeof createAppStore>

  beforeEach(() => {
    fake = createFakeApi()
    ;(window as unknown as { api: unknown }).api = fake.api
    store = createAppStore({ schedule: (f) => f() })
  })

  it('hands main the file as base64 and shows the chip once it is read; send carries it and clears it', async () => {
    fake.fns['attachments:extract']!.mockImplementation(
      async ({ name, data }: { name: string; data: string }) => ok(extracted(name, atob(data)))
    )
    await store.getState().attachFiles(NEW_CHAT, [new File(['회의록 본문'], 'notes.txt')])
    expect(fake.fns['attachments:extract']).toHaveBeenCalledWith({
      name: 'notes.txt',
      data: btoa(String.fromCharCode(...new TextEncoder().encode('회의록 본문')))
    })
    const [chip] = store.getState().composerFiles[NEW_CHAT]!
    expect(chip?.attachment?.name).toBe('notes.txt')

    store.getState().setDraft(NEW_CHAT, '요약')
    expect(await store.getState().send('요약')).toBe(true)
    expect(fake.fns['chat:send']).toHaveBeenCalledWith({
      text: '요약',
      attachments: [chip!.attachment]
    })
    expect(store.getState().composerFiles[NEW_CHAT]).toEqual([])
  })

  it('refuses a file by name and keeps the typed text and the other chips', async () => {
    fake.fns['attachments:extract']!.mockImplementation(async ({ name }: { name: string }) =>
      name === 'secret.pdf'
        ? err('attachment.encrypted', { params: { name } })
        : ok(extracted(name, 'ok'))
    )
    store.getState().setDraft(NEW_CHAT, '검토해 주세요')
    await store
      .getState()
      .attachFiles(NEW_CHAT, [new File(['a'], 'a.txt'), new File(['%PDF'], 'secret.pdf')])
    expect(store.getState().composerFiles[NEW_CHAT]!.map((f) => f.name)).toEqual(['a.txt'])
    expect(store.getState().attachErrors[NEW_CHAT]).toMatchObject({
      code: 'attachment.encrypted',
      params: { name: 'secret.pdf' }
    })
    expect(store.getState().drafts[NEW_CHAT]).toBe('검토해 주세요')
  })

  it('refuses a file over the size limit without reading it or calling main', async () => {
    const huge = new File([new Uint8Array(MAX_FILE_BYTES + 1)], 'huge.bin')
    await store.getState().attachFiles(NEW_CHAT, [huge])
    expect(fake.fns['attachments:extract']).not.toHaveBeenCalled()
    expect(store.getState().attachErrors[NEW_CHAT]).toMatchObject({
      code: 'attachment.file_too_large',
      params: { name: 'huge.bin' }
    })
  })

  it('does not send while a file is still being read, and keeps the chips when the send fails', async () => {
    let release: (r: unknown) => void = () => undefined
    fake.fns['attachments:extract']!.mockImplementation(() => new Promise((r) => (release = r)))
    const reading = store.getState().attachFiles(NEW_CHAT, [new File(['x'], 'slow.txt')])
    // Main is reading the file (its extract call is pending) when the user presses Send.
    await vi.waitFor(() => expect(fake.fns['attachments:extract']).toHaveBeenCalled())
    expect(await store.getState().send('now')).toBe(false)
    expect(fake.fns['chat:send']).not.toHaveBeenCalled()
    release(ok(extracted('slow.txt', 'x')))
    await reading
    fake.fns['chat:send']!.mockResolvedValueOnce(
      err('attachment.too_large', { params: { name: 'slow.txt', chars: 1, limit: 0 } })
    )
    expect(await store.getState().send('now')).toBe(false)
    expect(store.getState().composerFiles[NEW_CHAT]!.map((f) => f.name)).toEqual(['slow.txt'])
  })
})

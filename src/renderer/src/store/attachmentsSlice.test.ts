import { describe, expect, it, vi } from 'vitest'
import { MAX_FILE_BYTES, type Attachment } from '@shared/attachments'
import type { IpcResult } from '@shared/errors'
import { addProfile, ok, answered, storeOnCoreForEachTest } from '../test/realCore'
import { NEW_CHAT } from './types'

describe('attachments slice', () => {
  // Not wired: these check what an action alone puts in the store.
  const { core, store } = storeOnCoreForEachTest({ wire: false })

  it('hands main the file as base64 and shows the chip once it is read; send carries it and clears it', async () => {
    await addProfile(core)
    await store.getState().attachFiles(NEW_CHAT, [new File(['회의록 본문'], 'notes.txt')])
    expect(core.callsTo('attachments:extract')).toEqual([
      {
        name: 'notes.txt',
        data: btoa(String.fromCharCode(...new TextEncoder().encode('회의록 본문')))
      }
    ])
    const [chip] = store.getState().composerFiles[NEW_CHAT]!
    // Read by main's extraction worker: the text the model will get.
    expect(chip?.attachment).toMatchObject({ name: 'notes.txt', kind: 'text', text: '회의록 본문' })

    store.getState().setDraft(NEW_CHAT, '요약')
    expect(await store.getState().send('요약')).toBe(true)
    expect(core.callsTo('chat:send')).toEqual([{ text: '요약', attachments: [chip!.attachment] }])
    expect(store.getState().composerFiles[NEW_CHAT]).toEqual([])
    // Stored with the message, so that retry, export and search see it.
    const { messages } = await core.ok('conversations:get', { id: store.getState().activeId! })
    expect(messages[0]!.attachments?.map((a) => a.name)).toEqual(['notes.txt'])
  })

  it('refuses a file by name and keeps the typed text and the other chips', async () => {
    store.getState().setDraft(NEW_CHAT, '검토해 주세요')
    await store
      .getState()
      .attachFiles(NEW_CHAT, [
        new File(['a'], 'a.txt'),
        new File(['%PDF-1.7 broken'], 'report.pdf')
      ])
    expect(store.getState().composerFiles[NEW_CHAT]!.map((f) => f.name)).toEqual(['a.txt'])
    expect(store.getState().attachErrors[NEW_CHAT]).toMatchObject({
      code: 'attachment.unreadable',
      params: { name: 'report.pdf' }
    })
    expect(store.getState().drafts[NEW_CHAT]).toBe('검토해 주세요')
  })

  it('refuses a file over the size limit without reading it or calling main', async () => {
    const huge = new File([new Uint8Array(MAX_FILE_BYTES + 1)], 'huge.bin')
    await store.getState().attachFiles(NEW_CHAT, [huge])
    expect(core.callsTo('attachments:extract')).toEqual([])
    expect(store.getState().attachErrors[NEW_CHAT]).toMatchObject({
      code: 'attachment.file_too_large',
      params: { name: 'huge.bin' }
    })
  })

  it('does not send while a file is still being read, and keeps the chips when the send fails', async () => {
    // Stood in: main's extraction is too quick to press Send during it; this one waits.
    let release: (r: IpcResult<Attachment>) => void = () => undefined
    core.stand('attachments:extract', () => new Promise((r) => (release = r)))
    const reading = store.getState().attachFiles(NEW_CHAT, [new File(['x'], 'slow.txt')])
    await vi.waitFor(() => expect(core.callsTo('attachments:extract')).toHaveLength(1), answered)
    expect(await store.getState().send('now')).toBe(false)
    expect(core.callsTo('chat:send')).toEqual([])
    release(ok({ name: 'slow.txt', type: 'text/plain', size: 1, kind: 'text', text: 'x' }))
    await reading
    // No profile: main refuses the send; the chip stays for the next try.
    expect(await store.getState().send('now')).toBe(false)
    expect(store.getState().sendErrors[NEW_CHAT]?.code).toBe('profile.none_selected')
    expect(store.getState().composerFiles[NEW_CHAT]!.map((f) => f.name)).toEqual(['slow.txt'])
  })
})

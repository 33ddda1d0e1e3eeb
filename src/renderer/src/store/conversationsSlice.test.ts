import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { connectCore, importHistory, installCore, type RealCore, answered } from '../test/realCore'
import { placeSummary } from './conversationsSlice'
import { createAppStore } from './index'

// jsdom's Blob has no text(); its FileReader reads one.
const readText = (blob: Blob) =>
  new Promise<string>((resolve) => {
    const reader = new FileReader()
    reader.onload = () => resolve(String(reader.result))
    reader.readAsText(blob)
  })

describe('conversations slice', () => {
  let core: RealCore
  let store: ReturnType<typeof createAppStore>

  const start = async (options?: Parameters<typeof installCore>[0]) => {
    core = await installCore(options)
    await importHistory(core, [
      {
        id: 'c1',
        title: '첫 대화',
        messages: [
          { id: 'u1', role: 'user', text: 'What is abcd?' },
          { id: 'a1', role: 'assistant', text: 'abcd is the first four letters.' }
        ]
      }
    ])
    store = createAppStore({ schedule: (f) => f() })
    await store.getState().boot()
    store.setState({ activeId: 'c1' })
  }
  afterEach(() => {
    vi.useRealTimers()
    core.close()
  })

  describe('in the web shell', () => {
    beforeEach(() => start())

    it('deletes with an undo that restores', async () => {
      expect(store.getState().summaries.map((c) => c.title)).toEqual(['첫 대화'])
      expect(await store.getState().removeConversation('c1')).toBe(true)
      expect(store.getState().summaries).toEqual([])
      expect(store.getState().activeId).toBeNull()
      expect(store.getState().undo).toEqual({ id: 'c1', title: '첫 대화' })
      expect(await core.ok('conversations:list')).toEqual({ summaries: [] })
      await store.getState().undoRemove()
      expect(store.getState().summaries.map((c) => c.title)).toEqual(['첫 대화'])
      expect((await core.ok('conversations:list')).summaries.map((c) => c.id)).toEqual(['c1'])
      expect(store.getState().undo).toBeNull()
    })

    it('pins and imports a backup by applying the list main answers, never asking for it again', async () => {
      expect(await store.getState().pinConversation('c1', true)).toBe(true)
      expect(store.getState().summaries.map((c) => [c.id, c.pinned])).toEqual([['c1', true]])
      // A backup from another machine: c1 is already here, c2 is new.
      const other = await connectCore()
      await importHistory(other, [
        {
          id: 'c1',
          title: '첫 대화',
          messages: [{ id: 'u1', role: 'user', text: 'What is abcd?' }]
        },
        { id: 'c2', title: '백업에서', messages: [{ id: 'u2', role: 'user', text: '안녕' }] }
      ])
      const backup = await other.ok('conversations:backup')
      other.close()
      expect(await store.getState().importBackup(backup.content)).toBe(true)
      expect(
        store
          .getState()
          .summaries.map((c) => c.title)
          .sort()
      ).toEqual(['백업에서', '첫 대화'])
      expect(store.getState().notice).toMatchObject({
        key: 'backup.imported',
        params: { imported: 1, duplicates: 1 }
      })
      // The list came with each answer: only start-up asked for it.
      expect(core.callsTo('conversations:list')).toHaveLength(1)
    })

    it('debounces search and ignores stale answers', async () => {
      vi.useFakeTimers()
      store.getState().setQuery('a')
      store.getState().setQuery('ab')
      store.getState().setQuery('abcd')
      expect(store.getState().searching).toBe(true)
      await vi.advanceTimersByTimeAsync(250)
      vi.useRealTimers()
      await vi.waitFor(() => expect(store.getState().searching).toBe(false), answered)
      expect(core.callsTo('conversations:search')).toEqual([{ query: 'abcd', limit: 100 }])
      expect(store.getState().searchResults?.map((h) => h.conversationId)).toEqual(['c1'])
      store.getState().setQuery('')
      expect(store.getState().searchResults).toBeNull()
    })

    it('exports as a download in the web shell', async () => {
      const created = vi.fn((_: Blob) => 'blob:x')
      URL.createObjectURL = created as never
      URL.revokeObjectURL = vi.fn()
      const click = vi
        .spyOn(HTMLAnchorElement.prototype, 'click')
        .mockImplementation(() => undefined)
      await store.getState().exportConversation('c1', 'markdown')
      expect(click).toHaveBeenCalled()
      // The downloaded file is the conversation as main wrote it.
      expect(await readText(created.mock.calls[0]![0])).toContain('What is abcd?')
      expect(core.callsTo('app:saveFile')).toEqual([])
      expect(store.getState().notice).toMatchObject({
        key: 'chat.exported',
        params: { fileName: expect.stringMatching(/\.md$/) as unknown }
      })
    })
  })

  it('exports through the save dialog in Electron', async () => {
    await start({ shell: 'electron' })
    await store.getState().exportConversation('c1', 'json')
    const [saved] = core.callsTo('app:saveFile')
    expect(saved?.fileName).toMatch(/\.json$/)
    expect(JSON.parse(saved!.content)).toMatchObject({ title: '첫 대화' })
    expect(store.getState().notice).toMatchObject({
      key: 'chat.exported',
      params: { fileName: expect.stringMatching(/saved\/.*\.json$/) as unknown }
    })
  })
})

describe('placeSummary (one conversation changed)', () => {
  const at = (id: string, updatedAt: number, title = id) => ({
    id,
    title,
    createdAt: 0,
    updatedAt,
    messageCount: 0
  })
  const ids = (list: Array<{ id: string }>) => list.map((s) => s.id)

  it('puts a conversation with a new turn first, one that is new too, and keeps the rest in order', () => {
    const list = [at('a', 30), at('b', 20), at('c', 10)]
    expect(ids(placeSummary(list, at('c', 40)))).toEqual(['c', 'a', 'b'])
    expect(ids(placeSummary(list, at('new', 50)))).toEqual(['new', 'a', 'b', 'c'])
    expect(ids(placeSummary(list, at('b', 25)))).toEqual(['a', 'b', 'c'])
  })

  it('keeps the place of a conversation whose time did not move (a reply stored, a title)', () => {
    const list = [at('a', 30), at('b', 30), at('c', 10)]
    const placed = placeSummary(list, at('b', 30, 'titled'))
    expect(ids(placed)).toEqual(['a', 'b', 'c'])
    expect(placed[1]!.title).toBe('titled')
  })
})

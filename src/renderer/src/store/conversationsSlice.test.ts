import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createFakeApi, ok, type FakeApi } from '../test/fakeApi'
import { createAppStore } from './index'

describe('conversations slice', () => {
  let fake: FakeApi
  let store: ReturnType<typeof createAppStore>
  const summary = { id: 'c1', title: '첫 대화', createdAt: 1, updatedAt: 1, messageCount: 2 }

  beforeEach(() => {
    fake = createFakeApi()
    ;(window as unknown as { api: unknown }).api = fake.api
    store = createAppStore({ schedule: (f) => f() })
    store.setState({ summaries: [summary], activeId: 'c1' })
  })
  afterEach(() => vi.useRealTimers())

  it('deletes with an undo that restores', async () => {
    fake.fns['conversations:remove']!.mockResolvedValueOnce(ok([]))
    fake.fns['conversations:restore']!.mockResolvedValueOnce(ok([summary]))
    expect(await store.getState().removeConversation('c1')).toBe(true)
    expect(store.getState().summaries).toEqual([])
    expect(store.getState().activeId).toBeNull()
    expect(store.getState().undo).toEqual({ id: 'c1', title: '첫 대화' })
    await store.getState().undoRemove()
    expect(fake.fns['conversations:restore']).toHaveBeenCalledWith({ id: 'c1' })
    expect(store.getState().summaries).toEqual([summary])
    expect(store.getState().undo).toBeNull()
  })

  it('debounces search and ignores stale answers', async () => {
    vi.useFakeTimers()
    fake.fns['conversations:search']!.mockImplementation(async ({ query }: { query: string }) =>
      ok([{ conversationId: 'c1', title: query, snippet: query }])
    )
    store.getState().setQuery('a')
    store.getState().setQuery('ab')
    store.getState().setQuery('abc')
    expect(store.getState().searching).toBe(true)
    await vi.advanceTimersByTimeAsync(250)
    expect(fake.fns['conversations:search']).toHaveBeenCalledTimes(1)
    expect(fake.fns['conversations:search']).toHaveBeenCalledWith({ query: 'abc', limit: 100 })
    expect(store.getState().searchResults).toEqual([
      { conversationId: 'c1', title: 'abc', snippet: 'abc' }
    ])
    store.getState().setQuery('')
    expect(store.getState().searchResults).toBeNull()
  })

  it('exports as a download in the web shell', async () => {
    store.setState({
      appInfo: {
        name: 'k',
        version: '0',
        platform: 'linux',
        locale: 'en',
        shell: 'web',
        persistentSecrets: false,
        recoveredFiles: []
      }
    })
    fake.fns['conversations:export']!.mockResolvedValueOnce(
      ok({ fileName: 'a.md', mimeType: 'text/markdown', content: '# a' })
    )
    const created = vi.fn((_: Blob) => 'blob:x')
    URL.createObjectURL = created as never
    URL.revokeObjectURL = vi.fn()
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined)
    await store.getState().exportConversation('c1', 'markdown')
    expect(created).toHaveBeenCalled()
    expect(click).toHaveBeenCalled()
    expect(fake.fns['app:saveFile']).not.toHaveBeenCalled()
    expect(store.getState().notice).toMatchObject({
      key: 'chat.exported',
      params: { fileName: 'a.md' }
    })
  })

  it('exports through the save dialog in Electron', async () => {
    store.setState({
      appInfo: {
        name: 'k',
        version: '0',
        platform: 'linux',
        locale: 'en',
        shell: 'electron',
        persistentSecrets: true,
        recoveredFiles: []
      }
    })
    fake.fns['conversations:export']!.mockResolvedValueOnce(
      ok({ fileName: 'a.json', mimeType: 'application/json', content: '{}' })
    )
    fake.fns['app:saveFile']!.mockResolvedValueOnce(ok({ saved: true, path: '/tmp/a.json' }))
    await store.getState().exportConversation('c1', 'json')
    expect(fake.fns['app:saveFile']).toHaveBeenCalledWith({ fileName: 'a.json', content: '{}' })
  })
})

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react'
import '../../i18n'
import { App } from '../../App'
import { useAppStore } from '../../store'
import { installFakeApi, message, ok, type FakeApi } from '../../test/fakeApi'

const flush = () => act(async () => void (await new Promise((r) => setTimeout(r, 0))))

describe('sidebar and shortcuts', () => {
  let fake: FakeApi
  const size = { clientHeight: 800, clientWidth: 1000 }
  const saved = Object.fromEntries(
    Object.keys(size).map((k) => [k, Object.getOwnPropertyDescriptor(HTMLElement.prototype, k)])
  )

  beforeEach(async () => {
    for (const [k, v] of Object.entries(size))
      Object.defineProperty(HTMLElement.prototype, k, { configurable: true, get: () => v })
    useAppStore.setState(useAppStore.getInitialState(), true)
    fake = installFakeApi()
    const user = message('user', '첫 질문')
    fake.conversations.set('c1', {
      id: 'c1',
      title: '첫 질문',
      createdAt: 1,
      updatedAt: 2,
      messageCount: 2,
      messages: [user, message('assistant', 'answer')]
    })
    fake.conversations.set('c2', {
      id: 'c2',
      title: 'Second',
      createdAt: 1,
      updatedAt: 1,
      messageCount: 0,
      messages: []
    })
    render(<App />)
    await flush()
  })
  afterEach(() => {
    cleanup()
    for (const [k, d] of Object.entries(saved))
      if (d) Object.defineProperty(HTMLElement.prototype, k, d)
  })

  const nav = () => screen.getByRole('navigation', { name: 'Conversations' })

  it('opens, renames and deletes with undo', async () => {
    await act(async () => {
      fireEvent.click(within(nav()).getByRole('button', { name: '첫 질문' }))
    })
    await flush()
    expect(within(screen.getByRole('log', { name: 'Messages' })).getByText('answer')).toBeTruthy()

    const row = within(nav()).getByRole('button', { name: '첫 질문' }).closest('li')!
    fireEvent.click(within(row).getByRole('button', { name: 'Rename' }))
    const input = screen.getByLabelText('Conversation title')
    fireEvent.change(input, { target: { value: 'Renamed' } })
    const renamed = { id: 'c1', title: 'Renamed', createdAt: 1, updatedAt: 3, messageCount: 2 }
    const second = { id: 'c2', title: 'Second', createdAt: 1, updatedAt: 1, messageCount: 0 }
    fake.fns['conversations:rename']!.mockResolvedValueOnce(ok({ summaries: [renamed, second] }))
    await act(async () => {
      fireEvent.keyDown(input, { key: 'Enter', keyCode: 13 })
    })
    expect(fake.fns['conversations:rename']).toHaveBeenCalledWith({ id: 'c1', title: 'Renamed' })
    expect(within(nav()).getByRole('button', { name: 'Renamed' })).toBeTruthy()

    fake.fns['conversations:remove']!.mockResolvedValueOnce(ok({ summaries: [second] }))
    await act(async () => {
      fireEvent.click(
        within(within(nav()).getByRole('button', { name: 'Renamed' }).closest('li')!).getByRole(
          'button',
          { name: 'Delete' }
        )
      )
    })
    expect(within(nav()).queryByRole('button', { name: 'Renamed' })).toBeNull()
    expect(screen.getByText('Conversation “Renamed” deleted')).toBeTruthy()
    fake.fns['conversations:restore']!.mockResolvedValueOnce(ok({ summaries: [renamed, second] }))
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Undo' }))
    })
    expect(fake.fns['conversations:restore']).toHaveBeenCalledWith({ id: 'c1' })
    expect(within(nav()).getByRole('button', { name: 'Renamed' })).toBeTruthy()
  })

  it('searches titles and text, debounced, and opens a hit', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true })
    fake.fns['conversations:search']!.mockResolvedValue(
      ok([{ conversationId: 'c1', title: '첫 질문', messageId: 'x', snippet: '…an answer…' }])
    )
    fireEvent.keyDown(window, { key: 'k', ctrlKey: true })
    const search = screen.getByRole('searchbox', { name: 'Search' })
    expect(document.activeElement).toBe(search)
    fireEvent.change(search, { target: { value: 'ans' } })
    await act(async () => {
      await vi.advanceTimersByTimeAsync(300)
    })
    vi.useRealTimers()
    expect(fake.fns['conversations:search']).toHaveBeenCalledTimes(1)
    const results = screen.getByRole('list', { name: 'Search results' })
    await act(async () => {
      fireEvent.click(within(results).getByRole('button', { name: /첫 질문/ }))
    })
    expect(useAppStore.getState().activeId).toBe('c1')
  })

  it('Ctrl+N starts a new chat; Esc stops a streaming reply; ArrowUp edits the last message', async () => {
    await act(async () => {
      fireEvent.click(within(nav()).getByRole('button', { name: '첫 질문' }))
    })
    await flush()
    fireEvent.keyDown(window, { key: 'n', ctrlKey: true })
    expect(useAppStore.getState().activeId).toBeNull()
    expect(screen.getByRole('heading', { name: 'New conversation' })).toBeTruthy()

    // Back to c1, ask again, and stop with Esc.
    await act(async () => {
      fireEvent.click(within(nav()).getByRole('button', { name: '첫 질문' }))
    })
    const box = screen.getByLabelText('Message')
    fireEvent.change(box, { target: { value: 'more' } })
    await act(async () => {
      fireEvent.keyDown(box, { key: 'Enter', keyCode: 13 })
    })
    await act(async () => {
      fireEvent.keyDown(window, { key: 'Escape' })
    })
    expect(fake.fns['chat:stop']).toHaveBeenCalledWith({ conversationId: 'c1' })
    const streaming = useAppStore.getState().threads.c1!.messages.at(-1)!
    await act(async () => {
      fake.emit('chat:done', {
        conversationId: 'c1',
        message: { ...streaming, text: 'partial', status: 'stopped' }
      })
    })
    expect(screen.getByText('Stopped')).toBeTruthy()

    // ArrowUp in the empty composer edits "more", and resending asks first.
    fireEvent.keyDown(box, { key: 'ArrowUp' })
    const editor = screen.getByLabelText('Edit message') as HTMLTextAreaElement
    expect(editor.value).toBe('more')
    fireEvent.change(editor, { target: { value: 'more, please' } })
    fireEvent.click(screen.getByRole('button', { name: 'Save and resend' }))
    const confirm = screen.getByRole('alertdialog', { name: 'Replace what followed?' })
    await act(async () => {
      fireEvent.click(within(confirm).getByRole('button', { name: 'Replace and resend' }))
    })
    const userId = useAppStore.getState().threads.c1!.messages.at(-2)!.id
    expect(fake.fns['chat:edit']).toHaveBeenCalledWith({
      conversationId: 'c1',
      messageId: userId,
      text: 'more, please'
    })
  })
})

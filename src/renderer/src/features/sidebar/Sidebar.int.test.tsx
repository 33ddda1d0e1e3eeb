import { beforeEach, describe, expect, it } from 'vitest'
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import '../../i18n'
import { App } from '../../App'
import { useAppStore } from '../../store'
import { addBackendProfile, importHistory, coreForEachTest } from '../../test/realCore'
import { withElementSize } from '../../test/layout'

describe('shortcuts, with replies from the reference backend', () => {
  const core = coreForEachTest()
  withElementSize()

  beforeEach(async () => {
    await importHistory(core, [
      {
        id: 'c1',
        title: '첫 질문',
        messages: [
          { id: 'u1', role: 'user', text: '첫 질문' },
          { id: 'a1', role: 'assistant', text: 'answer' }
        ]
      }
    ])
    // Slow tokens, many of them: a reply still streams when Esc is pressed.
    await addBackendProfile(core, [
      { name: 'X-Test-Delay-Ms', value: '50' },
      { name: 'X-Test-Tokens', value: '200' }
    ])
    render(<App />)
    await screen.findByRole('navigation', { name: 'Conversations' })
    await within(nav()).findByRole('button', { name: '첫 질문' })
  })

  const nav = () => screen.getByRole('navigation', { name: 'Conversations' })

  it('Ctrl+N starts a new chat; Esc stops a streaming reply; ArrowUp edits the last message', async () => {
    await act(async () => {
      fireEvent.click(within(nav()).getByRole('button', { name: '첫 질문' }))
    })
    expect(await screen.findByText('answer')).toBeTruthy()
    fireEvent.keyDown(window, { key: 'n', ctrlKey: true })
    expect(useAppStore.getState().activeId).toBeNull()
    expect(screen.getByRole('heading', { name: 'New conversation' })).toBeTruthy()

    // Back to c1, ask again, and stop with Esc once the reply is on its way.
    await act(async () => {
      fireEvent.click(within(nav()).getByRole('button', { name: '첫 질문' }))
    })
    const box = await screen.findByLabelText('Message')
    fireEvent.change(box, { target: { value: 'more' } })
    const firstDelta = core.next('chat:delta')
    await act(async () => {
      fireEvent.keyDown(box, { key: 'Enter', keyCode: 13 })
    })
    await firstDelta
    await act(async () => {
      fireEvent.keyDown(window, { key: 'Escape' })
    })
    expect(core.callsTo('chat:stop')).toEqual([{ conversationId: 'c1' }])
    expect(await screen.findByText('Stopped')).toBeTruthy()

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
    const [edit] = core.callsTo('chat:edit')
    expect(edit).toMatchObject({ conversationId: 'c1', text: 'more, please' })
    // The edited message replaces "more" on screen, and its reply comes in.
    const log = screen.getByRole('log', { name: 'Messages' })
    expect(await within(log).findByText('more, please')).toBeTruthy()
    expect(within(log).queryByText('more')).toBeNull()
    const { messages } = await core.ok('conversations:get', { id: 'c1' })
    expect(messages.map((m) => [m.role, m.role === 'user' ? m.text : '…'])).toEqual([
      ['user', '첫 질문'],
      ['assistant', '…'],
      ['user', 'more, please'],
      ['assistant', '…']
    ])
    // Its reply streams; Esc stops it too.
    await core.next('chat:delta')
    await act(async () => {
      fireEvent.keyDown(window, { key: 'Escape' })
    })
    await waitFor(() =>
      expect(useAppStore.getState().threads.c1!.messages.at(-1)!.status).toBe('stopped')
    )
  })
})

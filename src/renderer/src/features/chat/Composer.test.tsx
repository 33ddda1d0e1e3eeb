import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react'
import { installFakeApi, type FakeApi } from '../../test/fakeApi'
import { isSendKey } from '../../hooks/useImeGuard'
import { useAppStore } from '../../store'
import { Composer } from './Composer'

describe('Composer', () => {
  let fake: FakeApi
  beforeEach(() => {
    fake = installFakeApi()
    useAppStore.setState(useAppStore.getInitialState(), true)
  })
  afterEach(cleanup)

  const box = () => screen.getByLabelText('Message') as HTMLTextAreaElement
  const type = (text: string) => fireEvent.change(box(), { target: { value: text } })

  it('sends on Enter and clears once main stored the message', async () => {
    render(<Composer />)
    type('hello')
    await act(async () => {
      fireEvent.keyDown(box(), { key: 'Enter', code: 'Enter', keyCode: 13 })
    })
    expect(fake.fns['chat:send']).toHaveBeenCalledWith({ text: 'hello' })
    expect(box().value).toBe('')
  })

  it('does not send on Shift+Enter', () => {
    render(<Composer />)
    type('line one')
    fireEvent.keyDown(box(), { key: 'Enter', shiftKey: true, keyCode: 13 })
    expect(fake.fns['chat:send']).not.toHaveBeenCalled()
  })

  it('never sends on the Enter that commits an IME composition', async () => {
    render(<Composer />)
    fireEvent.compositionStart(box())
    type('안녕하세요')
    // Chromium: keydown Enter while composing (isComposing, keyCode 229), before compositionend.
    fireEvent.keyDown(box(), { key: 'Enter', keyCode: 229, isComposing: true })
    fireEvent.keyDown(box(), { key: 'Enter', keyCode: 13 })
    fireEvent.compositionEnd(box())
    expect(fake.fns['chat:send']).not.toHaveBeenCalled()
    // Safari: compositionend first, then keydown with keyCode 229.
    fireEvent.keyDown(box(), { key: 'Enter', keyCode: 229 })
    expect(fake.fns['chat:send']).not.toHaveBeenCalled()
    // The next Enter, after the composition, sends.
    await act(async () => {
      fireEvent.keyDown(box(), { key: 'Enter', keyCode: 13 })
    })
    expect(fake.fns['chat:send']).toHaveBeenCalledTimes(1)
    expect(fake.fns['chat:send']).toHaveBeenCalledWith({ text: '안녕하세요' })
  })

  it('keeps the text and shows the reason when send fails', async () => {
    fake.fns['chat:send']!.mockResolvedValueOnce({
      ok: false,
      error: { code: 'profile.none_selected', message: 'x' }
    })
    render(<Composer />)
    type('keep me')
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Send' }))
    })
    expect(box().value).toBe('keep me')
    expect(screen.getByRole('alert').textContent).toContain('No connection profile is selected')
    expect(box().getAttribute('aria-invalid')).toBe('true')
  })

  it('shows Stop while a reply streams, and stops it', async () => {
    render(<Composer />)
    type('hi')
    await act(async () => {
      fireEvent.keyDown(box(), { key: 'Enter', keyCode: 13 })
    })
    const stop = screen.getByRole('button', { name: 'Stop' })
    await act(async () => {
      fireEvent.click(stop)
    })
    expect(fake.fns['chat:stop']).toHaveBeenCalledWith({
      conversationId: useAppStore.getState().activeId
    })
  })

  it('isSendKey: the rule on its own', () => {
    expect(isSendKey({ key: 'Enter', shiftKey: false, keyCode: 13 }, false)).toBe(true)
    expect(isSendKey({ key: 'Enter', shiftKey: true, keyCode: 13 }, false)).toBe(false)
    expect(isSendKey({ key: 'Enter', shiftKey: false, keyCode: 13 }, true)).toBe(false)
    expect(isSendKey({ key: 'Enter', shiftKey: false, keyCode: 229 }, false)).toBe(false)
    expect(
      isSendKey(
        { key: 'Enter', shiftKey: false, keyCode: 13, nativeEvent: { isComposing: true } },
        false
      )
    ).toBe(false)
  })
})

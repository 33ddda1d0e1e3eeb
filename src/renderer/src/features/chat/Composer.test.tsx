import { describe, expect, it } from 'vitest'
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { addProfile, coreForEachTest } from '../../test/realCore'
import { isSendKey } from '../../hooks/useImeGuard'
import { Composer } from './Composer'

describe('Composer', () => {
  const core = coreForEachTest()
  const sent = () => core.callsTo('chat:send')
  /** The conversations main stored, by title (a new one is titled after its first message). */
  const stored = async () => (await core.ok('conversations:list')).summaries.map((c) => c.title)

  const box = () => screen.getByLabelText('Message') as HTMLTextAreaElement
  const type = (text: string) => fireEvent.change(box(), { target: { value: text } })

  it('sends on Enter and clears once main stored the message', async () => {
    await addProfile(core)
    render(<Composer />)
    type('hello')
    await act(async () => {
      fireEvent.keyDown(box(), { key: 'Enter', code: 'Enter', keyCode: 13 })
    })
    await waitFor(() => expect(box().value).toBe(''))
    expect(sent()).toEqual([{ text: 'hello' }])
    expect(await stored()).toEqual(['hello'])
  })

  it('does not send on Shift+Enter', () => {
    render(<Composer />)
    type('line one')
    fireEvent.keyDown(box(), { key: 'Enter', shiftKey: true, keyCode: 13 })
    expect(sent()).toEqual([])
    expect(box().value).toBe('line one')
  })

  it('never sends on the Enter that commits an IME composition', async () => {
    await addProfile(core)
    render(<Composer />)
    fireEvent.compositionStart(box())
    type('안녕하세요')
    // Chromium: keydown Enter while composing (isComposing, keyCode 229), before compositionend.
    fireEvent.keyDown(box(), { key: 'Enter', keyCode: 229, isComposing: true })
    fireEvent.keyDown(box(), { key: 'Enter', keyCode: 13 })
    fireEvent.compositionEnd(box())
    expect(sent()).toEqual([])
    // Safari: compositionend first, then keydown with keyCode 229.
    fireEvent.keyDown(box(), { key: 'Enter', keyCode: 229 })
    expect(sent()).toEqual([])
    // The next Enter, after the composition, sends.
    await act(async () => {
      fireEvent.keyDown(box(), { key: 'Enter', keyCode: 13 })
    })
    expect(sent()).toEqual([{ text: '안녕하세요' }])
    await waitFor(() => expect(box().value).toBe(''))
    expect(await stored()).toEqual(['안녕하세요'])
  })

  it('keeps the text and shows the reason when send fails', async () => {
    // No profile: main refuses the message.
    render(<Composer />)
    type('keep me')
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Send' }))
    })
    expect((await screen.findByRole('alert')).textContent).toContain(
      'No connection profile is selected'
    )
    expect(box().value).toBe('keep me')
    expect(box().getAttribute('aria-invalid')).toBe('true')
    expect(await stored()).toEqual([])
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

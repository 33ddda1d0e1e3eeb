import { beforeEach, describe, expect, it } from 'vitest'
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { addBackendProfile, coreForEachTest } from '../../test/realCore'
import { useAppStore } from '../../store'
import { wireEvents } from '../../test/realCore'
import { Composer } from './Composer'

describe('Composer, with replies from the reference backend', () => {
  const core = coreForEachTest()
  beforeEach(async () => {
    wireEvents(core.api, useAppStore)
  })
  const box = () => screen.getByLabelText('Message') as HTMLTextAreaElement

  it('shows Stop while a reply streams, and stops it', async () => {
    // Slow tokens, many of them: the reply still streams when Stop is pressed.
    await addBackendProfile(core, [
      { name: 'X-Test-Delay-Ms', value: '50' },
      { name: 'X-Test-Tokens', value: '200' }
    ])
    render(<Composer />)
    fireEvent.change(box(), { target: { value: 'hi' } })
    await act(async () => {
      fireEvent.keyDown(box(), { key: 'Enter', keyCode: 13 })
    })
    const stop = await screen.findByRole('button', { name: 'Stop' })
    await act(async () => {
      fireEvent.click(stop)
    })
    const conversationId = useAppStore.getState().activeId!
    expect(core.callsTo('chat:stop')).toEqual([{ conversationId }])
    // Stopped: Send is back, and main kept the partial reply, marked stopped.
    expect(await screen.findByRole('button', { name: 'Send' })).toBeTruthy()
    await waitFor(async () => {
      const { messages } = await core.ok('conversations:get', { id: conversationId })
      expect(messages.at(-1)?.status).toBe('stopped')
    })
  })
})

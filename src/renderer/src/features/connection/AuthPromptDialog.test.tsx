import { describe, expect, it } from 'vitest'
import { act, fireEvent, render, screen } from '@testing-library/react'
import type { AuthPromptRequest } from '@shared/connection'
import '../../i18n'
import { coreForEachTest, ok } from '../../test/realCore'
import { useAppStore } from '../../store'
import { useStoreEvents } from '../../store/useStoreEvents'
import { AuthPromptDialog } from './AuthPromptDialog'

const question: AuthPromptRequest = {
  id: 'q1',
  source: 'tunnel',
  profileId: 'p1',
  server: 'dev@serverb:22',
  name: 'Two-step verification',
  instruction: 'Open your authenticator app.',
  prompts: [
    { prompt: 'Verification code: ', echo: false },
    { prompt: 'Device name: ', echo: true }
  ]
}

// The questions come from an SSH server's keyboard-interactive login (PAM, two-factor): that needs
// sshd as root, which the tunnel's integration tests run (tunnel.twofactor.int.test.ts). Here
// they are handed to the store, or emitted, by hand; the answers go to a real core, which has no
// such question waiting and says so ({ accepted: false }).
describe('the SSH server’s keyboard-interactive question', () => {
  const core = coreForEachTest()

  it('shows the server’s own words, hides what echo=false asks for, and sends what was typed', async () => {
    render(<AuthPromptDialog />)
    expect(screen.queryByRole('dialog')).toBeNull()
    act(() => useAppStore.getState().applyAuthPrompts([question]))
    expect(screen.getByRole('dialog', { name: 'Two-step verification' })).toBeTruthy()
    expect(screen.getByText('Open your authenticator app.')).toBeTruthy()
    expect(screen.getByText(/dev@serverb:22/)).toBeTruthy()
    const code = screen.getByLabelText('Verification code:') as HTMLInputElement
    const device = screen.getByLabelText('Device name:') as HTMLInputElement
    expect([code.type, device.type]).toEqual(['password', 'text'])
    fireEvent.change(code, { target: { value: '492039' } })
    fireEvent.change(device, { target: { value: 'laptop' } })
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Send' }))
    })
    expect(core.callsTo('connection:answerAuthPrompt')).toEqual([
      { id: 'q1', answers: ['492039', 'laptop'] }
    ])
    expect(screen.queryByRole('dialog')).toBeNull()
  })

  it('a window that loads while a question waits shows it, without waiting for the next one', async () => {
    core.stand('connection:authPrompts', () => ok({ pending: [question] }))
    render(<AuthPromptDialog />)
    await act(() => useAppStore.getState().boot())
    expect(core.callsTo('connection:authPrompts')).toHaveLength(1)
    expect(screen.getByRole('dialog', { name: 'Two-step verification' })).toBeTruthy()
    expect(screen.getByLabelText('Verification code:')).toBeTruthy()
  })

  it('Cancel tells main that nobody will answer', async () => {
    render(<AuthPromptDialog />)
    act(() =>
      useAppStore.getState().applyAuthPrompts([{ ...question, name: '', source: 'doctor' }])
    )
    expect(
      screen.getByRole('dialog', { name: 'The SSH server asks (connection check)' })
    ).toBeTruthy()
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Cancel' }))
    })
    expect(core.callsTo('connection:answerAuthPrompt')).toEqual([{ id: 'q1', answers: null }])
  })

  it('arrives through the connection:authPrompts event, and leaves when main withdraws it', () => {
    function WithEvents() {
      useStoreEvents()
      return <AuthPromptDialog />
    }
    render(<WithEvents />)
    act(() => core.emit('connection:authPrompts', { pending: [question] }))
    expect(screen.getByRole('dialog', { name: 'Two-step verification' })).toBeTruthy()
    act(() => core.emit('connection:authPrompts', { pending: [] }))
    expect(screen.queryByRole('dialog')).toBeNull()
  })
})

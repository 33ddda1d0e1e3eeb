import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { cleanup, render, screen, within } from '@testing-library/react'
import { applyLanguage } from '../../i18n'
import type { AppError } from '@shared/errors'
import type { Message } from '@shared/conversation'
import { useAppStore } from '../../store'
import { MessageItem } from './MessageItem'

const failed = (code: AppError['code']): Message => ({
  id: 'a1',
  role: 'assistant',
  text: '',
  status: 'failed',
  createdAt: 0,
  error: { code, message: code }
})

describe('a failed reply', () => {
  beforeEach(async () => {
    await applyLanguage('en')
    useAppStore.setState(useAppStore.getInitialState(), true)
  })
  afterEach(cleanup)

  const show = (code: AppError['code']) =>
    render(
      <MessageItem conversationId="c1" message={failed(code)} isLast questionId="u1" busy={false} />
    )

  it('says what to do under the reason, without a second Retry button', () => {
    show('backend.stream_dropped')
    const alert = screen.getByRole('alert')
    expect(within(alert).getByText('Try again.')).toBeTruthy()
    expect(screen.getAllByRole('button', { name: 'Retry' })).toHaveLength(1)
  })

  it('a connection error keeps its one Check connection button', () => {
    show('backend.refused')
    expect(within(screen.getByRole('alert')).getByText(/^Check the connection/)).toBeTruthy()
    expect(screen.getAllByRole('button', { name: 'Check connection' })).toHaveLength(1)
  })

  it('a reply the profile cannot read offers to open that profile’s settings', () => {
    useAppStore.setState({ activeProfileId: 'p1' })
    show('backend.bad_reply')
    expect(
      within(screen.getByRole('alert')).getByRole('button', { name: 'Open profile settings' })
    ).toBeTruthy()
  })
})

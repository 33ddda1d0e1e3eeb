import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Conversation } from '@shared/conversation'
import { i18n } from '../../i18n'
import { useAppStore } from '../../store'
import { installFakeApi, ok, type FakeApi } from '../../test/fakeApi'
import { MessageItem } from './MessageItem'

/** A conversation whose reply was regenerated twice: three versions, the last one shown. */
function conversation(shown: 1 | 2 | 3): Conversation {
  const texts = ['first answer', 'second answer', 'third answer']
  return {
    id: 'c1',
    title: 'q',
    createdAt: 1,
    updatedAt: 1,
    messageCount: 2,
    revision: shown,
    messages: [
      { id: 'u1', parentId: null, role: 'user', text: 'q', status: 'done', createdAt: 1 },
      {
        id: `a${shown}`,
        parentId: 'u1',
        role: 'assistant',
        text: texts[shown - 1]!,
        status: 'done',
        createdAt: 2,
        versions: { index: shown, count: 3 }
      }
    ]
  }
}

function Thread() {
  const messages = useAppStore((s) => s.threads.c1?.messages ?? [])
  return (
    <>
      {messages.map((m, i) => (
        <MessageItem
          key={m.id}
          conversationId="c1"
          message={m}
          isLast={i === messages.length - 1}
          questionId="u1"
          busy={false}
        />
      ))}
    </>
  )
}

describe('version counter ‹ 2/3 ›', () => {
  let fake: FakeApi
  afterEach(cleanup)
  beforeEach(async () => {
    await i18n.changeLanguage('en')
    fake = installFakeApi()
    useAppStore.setState(useAppStore.getInitialState(), true)
    fake.conversations.set('c1', conversation(3))
    fake.fns['conversations:selectVersion']!.mockImplementation(
      async ({ version }: { version: 1 | 2 | 3 }) => ok(conversation(version))
    )
    await useAppStore.getState().loadThread('c1')
  })

  it('shows which version is on screen and pages to the one before and back', async () => {
    render(<Thread />)
    expect(screen.getByLabelText('Version 3 of 3').textContent).toBe('3/3')
    expect(
      (screen.getByRole('button', { name: 'Next version' }) as HTMLButtonElement).disabled
    ).toBe(true)
    fireEvent.click(screen.getByRole('button', { name: 'Previous version' }))
    await waitFor(() => expect(screen.queryByText('second answer')).not.toBeNull())
    expect(fake.fns['conversations:selectVersion']).toHaveBeenCalledWith({
      conversationId: 'c1',
      messageId: 'a3',
      version: 2
    })
    expect(screen.getByLabelText('Version 2 of 3').textContent).toBe('2/3')
    fireEvent.click(screen.getByRole('button', { name: 'Previous version' }))
    await waitFor(() => expect(screen.queryByText('first answer')).not.toBeNull())
    expect(
      (screen.getByRole('button', { name: 'Previous version' }) as HTMLButtonElement).disabled
    ).toBe(true)
  })

  it('is not shown on a message with one version', async () => {
    useAppStore.setState(useAppStore.getInitialState(), true)
    const single = conversation(1)
    delete single.messages[1]!.versions
    fake.conversations.set('c1', single)
    await useAppStore.getState().loadThread('c1')
    render(<Thread />)
    expect(screen.queryByText('first answer')).not.toBeNull()
    expect(screen.queryByRole('group', { name: 'Versions' })).toBeNull()
  })
})

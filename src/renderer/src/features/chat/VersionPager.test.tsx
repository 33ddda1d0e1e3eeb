import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import { beforeEach, describe, expect, it } from 'vitest'
import { i18n } from '../../i18n'
import { useAppStore } from '../../store'
import { coreForEachTest, importHistory } from '../../test/realCore'
import { MessageItem } from './MessageItem'

/** A conversation whose reply was regenerated twice: three versions, the last one shown. */
const regenerated = (replies: string[]) =>
  importHistory(core, [
    {
      id: 'c1',
      title: 'q',
      messages: [
        { id: 'u1', role: 'user', text: 'q' },
        ...replies.map((text, i) => ({
          id: `a${i + 1}`,
          parentId: 'u1',
          role: 'assistant' as const,
          text
        }))
      ]
    }
  ])

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

const core = coreForEachTest()

describe('version counter ‹ 2/3 ›', () => {
  beforeEach(async () => {
    await i18n.changeLanguage('en')
  })

  it('shows which version is on screen and pages to the one before and back', async () => {
    await regenerated(['first answer', 'second answer', 'third answer'])
    await useAppStore.getState().loadThread('c1')
    render(<Thread />)
    expect(screen.queryByText('third answer')).not.toBeNull()
    expect(screen.getByLabelText('Version 3 of 3').textContent).toBe('3/3')
    expect(
      (screen.getByRole('button', { name: 'Next version' }) as HTMLButtonElement).disabled
    ).toBe(true)
    fireEvent.click(screen.getByRole('button', { name: 'Previous version' }))
    await waitFor(() => expect(screen.queryByText('second answer')).not.toBeNull())
    expect(core.callsTo('conversations:selectVersion')).toEqual([
      { conversationId: 'c1', messageId: 'a3', version: 2 }
    ])
    expect(screen.getByLabelText('Version 2 of 3').textContent).toBe('2/3')
    fireEvent.click(screen.getByRole('button', { name: 'Previous version' }))
    await waitFor(() => expect(screen.queryByText('first answer')).not.toBeNull())
    expect(
      (screen.getByRole('button', { name: 'Previous version' }) as HTMLButtonElement).disabled
    ).toBe(true)
    // Remembered by main: the conversation opens on the version last shown.
    const stored = await core.ok('conversations:get', { id: 'c1' })
    expect(stored.messages[1]).toMatchObject({ text: 'first answer', versions: { index: 1 } })
  })

  it('is not shown on a message with one version', async () => {
    await regenerated(['first answer'])
    await useAppStore.getState().loadThread('c1')
    render(<Thread />)
    expect(screen.queryByText('first answer')).not.toBeNull()
    expect(screen.queryByRole('group', { name: 'Versions' })).toBeNull()
  })
})

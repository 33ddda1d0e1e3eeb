import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react'
import '../../i18n'
import { useAppStore } from '../../store'
import { importHistory, installCore, type RealCore } from '../../test/realCore'
import { ConversationList } from './ConversationList'
import { withElementSize } from '../../test/layout'

// A chat from noon, seen from a window that is still open at 23:58 the same (local) day.
const noon = new Date(2026, 2, 10, 12, 0).getTime()
const beforeMidnight = new Date(2026, 2, 10, 23, 58).getTime()

describe('the sidebar’s date groups', () => {
  let core: RealCore
  withElementSize({ clientHeight: 800, clientWidth: 300 })

  beforeEach(async () => {
    // The page's clock and timers only (the core runs in its own process); time still flows, so
    // the socket to the core works as usual.
    vi.useFakeTimers({ shouldAdvanceTime: true, toFake: ['setTimeout', 'clearTimeout', 'Date'] })
    vi.setSystemTime(beforeMidnight)
    useAppStore.setState(useAppStore.getInitialState(), true)
    core = await installCore()
    await importHistory(core, [
      { id: 'c1', title: 'Budget', at: noon, messages: [{ id: 'u1', role: 'user', text: 'hi' }] }
    ])
    await act(() => useAppStore.getState().boot())
    render(<ConversationList />)
  })
  afterEach(() => {
    cleanup()
    vi.useRealTimers()
    core.close()
  })

  const groups = () => screen.getAllByRole('heading', { level: 2 }).map((h) => h.textContent)

  it('a window left open past midnight moves today’s chats under Yesterday by itself', async () => {
    expect(groups()).toEqual(['Today'])
    await act(() => vi.advanceTimersByTimeAsync(3 * 60_000))
    expect(groups()).toEqual(['Yesterday'])
  })

  it('a window that comes back after the machine slept past midnight regroups on focus', async () => {
    expect(groups()).toEqual(['Today'])
    // The clock jumps (a sleep) without the midnight timer having run.
    vi.setSystemTime(beforeMidnight + 2 * 24 * 60 * 60_000)
    act(() => {
      fireEvent.focus(window)
    })
    expect(groups()).toEqual(['Previous 7 days'])
  })
})

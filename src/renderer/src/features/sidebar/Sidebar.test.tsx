import { beforeEach, describe, expect, it, vi } from 'vitest'
import { act, fireEvent, render, screen, within } from '@testing-library/react'
import '../../i18n'
import { App } from '../../App'
import { useAppStore } from '../../store'
import { addProfile, importHistory, coreForEachTest } from '../../test/realCore'
import { withElementSize } from '../../test/layout'

const titles = ({ summaries }: { summaries: Array<{ title: string }> }) =>
  summaries.map((c) => c.title)

describe('sidebar and shortcuts', () => {
  const core = coreForEachTest()
  withElementSize()

  beforeEach(async () => {
    await importHistory(core, [
      {
        id: 'c1',
        title: '첫 질문',
        at: 2000,
        messages: [
          { id: 'u1', role: 'user', text: '첫 질문' },
          { id: 'a1', role: 'assistant', text: 'answer' }
        ]
      },
      { id: 'c2', title: 'Second', at: 1000, messages: [] }
    ])
    await addProfile(core)
    render(<App />)
    await screen.findByRole('navigation', { name: 'Conversations' })
    await within(nav()).findByRole('button', { name: '첫 질문' })
  })

  const nav = () => screen.getByRole('navigation', { name: 'Conversations' })

  it('opens, renames and deletes with undo', async () => {
    await act(async () => {
      fireEvent.click(within(nav()).getByRole('button', { name: '첫 질문' }))
    })
    expect(
      await within(await screen.findByRole('log', { name: 'Messages' })).findByText('answer')
    ).toBeTruthy()

    const row = within(nav()).getByRole('button', { name: '첫 질문' }).closest('li')!
    fireEvent.click(within(row).getByRole('button', { name: 'Rename' }))
    const input = screen.getByLabelText('Conversation title')
    fireEvent.change(input, { target: { value: 'Renamed' } })
    await act(async () => {
      fireEvent.keyDown(input, { key: 'Enter', keyCode: 13 })
    })
    expect(core.callsTo('conversations:rename')).toEqual([{ id: 'c1', title: 'Renamed' }])
    expect(await within(nav()).findByRole('button', { name: 'Renamed' })).toBeTruthy()
    expect(titles(await core.ok('conversations:list'))).toEqual(['Renamed', 'Second'])
    await act(async () => {
      fireEvent.click(
        within(within(nav()).getByRole('button', { name: 'Renamed' }).closest('li')!).getByRole(
          'button',
          { name: 'Delete' }
        )
      )
    })
    expect(await screen.findByText('Conversation “Renamed” deleted')).toBeTruthy()
    expect(within(nav()).queryByRole('button', { name: 'Renamed' })).toBeNull()
    expect(titles(await core.ok('conversations:list'))).toEqual(['Second'])
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Undo' }))
    })
    expect(core.callsTo('conversations:restore')).toEqual([{ id: 'c1' }])
    expect(await within(nav()).findByRole('button', { name: 'Renamed' })).toBeTruthy()
    expect(titles(await core.ok('conversations:list'))).toEqual(['Renamed', 'Second'])
  })

  it('searches titles and text, debounced, and opens a hit', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true })
    fireEvent.keyDown(window, { key: 'k', ctrlKey: true })
    const search = screen.getByRole('searchbox', { name: 'Search' })
    expect(document.activeElement).toBe(search)
    fireEvent.change(search, { target: { value: 'ans' } })
    await act(async () => {
      await vi.advanceTimersByTimeAsync(300)
    })
    vi.useRealTimers()
    expect(core.callsTo('conversations:search')).toEqual([{ query: 'ans', limit: 100 }])
    const results = await screen.findByRole('list', { name: 'Search results' })
    await act(async () => {
      fireEvent.click(within(results).getByRole('button', { name: /첫 질문/ }))
    })
    expect(useAppStore.getState().activeId).toBe('c1')
    expect(
      await within(await screen.findByRole('log', { name: 'Messages' })).findByText('answer')
    ).toBeTruthy()
  })
})

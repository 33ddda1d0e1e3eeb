import { describe, expect, it } from 'vitest'
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import './i18n'
import { App } from './App'
import { addBackendProfile, answered, coreForEachTest } from './test/realCore'
import { withElementSize } from './test/layout'

const base64 = (text: string) => btoa(String.fromCharCode(...new TextEncoder().encode(text)))

describe('App, with replies from the reference backend', () => {
  const core = coreForEachTest()
  withElementSize()

  async function send(text: string) {
    render(<App />)
    expect(await screen.findByRole('status', { name: 'Connection: Connected' })).toBeTruthy()
    const box = screen.getByLabelText('Message')
    fireEvent.change(box, { target: { value: text } })
    await act(async () => {
      fireEvent.keyDown(box, { key: 'Enter', keyCode: 13 })
    })
    const log = await screen.findByRole('log', { name: 'Messages' })
    expect(await within(log).findByText(text)).toBeTruthy()
    return log
  }

  it('sends a message and streams the reply, with Stop while it streams', async () => {
    // Slow tokens: the reply is on screen in pieces before it is done.
    await addBackendProfile(core, [
      { name: 'X-Test-Reply', value: base64('It is **4**, as 2 + 2 always is.') },
      { name: 'X-Test-Delay-Ms', value: '60' }
    ])
    const log = await send('What is 2+2?')
    expect(screen.getByRole('button', { name: 'Stop' })).toBeTruthy()
    expect(await within(log).findByText('It is', { exact: false })).toBeTruthy()
    expect(within(log).queryByText('always is.', { exact: false })).toBeNull()
    // Done: the whole reply, as Markdown, and the composer is ready again.
    expect(await within(log).findByText('always is.', { exact: false })).toBeTruthy()
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Stop' })).toBeNull())
    expect(within(log).getByText('4').tagName).toBe('STRONG')
  })

  it('a broken stream keeps what arrived and says why; Retry answers it in full', async () => {
    const profile = await addBackendProfile(core, [{ name: 'X-Test-Drop-After', value: '1' }])
    const log = await send('What is 2+2?')
    const alert = await within(log).findByRole('alert')
    expect(alert.textContent).toContain('The connection closed before the reply was complete.')
    expect(within(log).getByText('What is 2+2?')).toBeTruthy()
    // The server is fixed (the knob goes), then Retry.
    await core.ok('profiles:save', {
      draft: { ...profile, contract: { ...profile.contract, headers: [] } } as unknown as Record<
        string,
        unknown
      >
    })
    await act(async () => {
      fireEvent.click(within(log).getByRole('button', { name: 'Retry' }))
    })
    expect(await within(log).findByText('Echo: What is 2+2?')).toBeTruthy()
    expect(within(log).getByText('2/2')).toBeTruthy()
    expect(within(log).queryByRole('alert')).toBeNull()
  })

  it('a reply that failed for want of a credential header is asked again by itself once its value is saved in Settings', async () => {
    // The profile sends X-Api-Key, whose value was never stored for this server.
    await addBackendProfile(core, [{ name: 'X-Api-Key', value: '' }])
    const log = await send('Who may ask?')
    const alert = await within(log).findByRole('alert')
    expect(alert.textContent).toContain('The value of the header X-Api-Key is not stored')
    await act(async () => {
      fireEvent.click(within(alert).getByRole('button', { name: 'Enter password or key' }))
    })

    // Settings, on that profile, with the cursor in that header's value.
    const value = await screen.findByLabelText('Header 1 value')
    await waitFor(() => expect(document.activeElement).toBe(value))
    fireEvent.change(value, { target: { value: 'k-team' } })
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Save' }))
    })
    await screen.findByRole('button', { name: 'New profile' })
    // Saved, not yet asked again: the person is still in Settings.
    expect(core.callsTo('chat:retry')).toEqual([])
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Back to chat' }))
    })

    // Back in the chat: asked again by itself, once, and answered (the header went out).
    const again = await screen.findByRole('log', { name: 'Messages' })
    expect(await within(again).findByText('Echo: Who may ask?')).toBeTruthy()
    expect(within(again).getByText('2/2')).toBeTruthy()
    expect(within(again).queryByRole('alert')).toBeNull()
    expect(core.callsTo('chat:retry')).toHaveLength(1)
  })
})

describe('App, on the first start after an upgrade from 0.1 with a large history', () => {
  const core = coreForEachTest({ legacyConversations: 2000 })
  withElementSize()

  it('says it is bringing the conversations over, and how far, then shows them', async () => {
    render(<App />)
    // The core answered at once, while it imports: the start-up screen counts.
    expect(
      await screen.findByText(
        /^Bringing over your conversations from the previous version… [\d,]+ of 2,000$/,
        {},
        answered
      )
    ).toBeTruthy()
    expect(screen.getByRole('progressbar')).toBeTruthy()
    expect(
      screen.getByText('This happens once, after the update. The old files are kept.')
    ).toBeTruthy()
    // Then the app itself, with the newest imported conversation in the sidebar.
    const newest = await core.ok('conversations:get', { id: 'c1999' })
    // As long as the import takes on a loaded machine (seconds, more under load).
    const nav = await screen.findByRole(
      'navigation',
      { name: 'Conversations' },
      { timeout: 90_000, interval: 50 }
    )
    expect(await within(nav).findByRole('button', { name: newest.title })).toBeTruthy()
    expect(screen.queryByRole('progressbar')).toBeNull()
  }, 120_000)
})

import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react'
import './i18n'
import { App } from './App'
import { useAppStore } from './store'
import { installFakeApi, type FakeApi } from './test/fakeApi'

async function flush() {
  await act(async () => {
    await new Promise((r) => setTimeout(r, 0))
  })
}

describe('App', () => {
  let fake: FakeApi
  // jsdom has no layout: give scroll containers a size so the virtualized lists render rows.
  const size = { clientHeight: 800, clientWidth: 1000 }
  const saved = Object.fromEntries(
    Object.keys(size).map((k) => [k, Object.getOwnPropertyDescriptor(HTMLElement.prototype, k)])
  )
  beforeEach(() => {
    useAppStore.setState(useAppStore.getInitialState(), true)
    for (const [k, v] of Object.entries(size))
      Object.defineProperty(HTMLElement.prototype, k, { configurable: true, get: () => v })
  })
  afterEach(() => {
    cleanup()
    for (const [k, d] of Object.entries(saved))
      if (d) Object.defineProperty(HTMLElement.prototype, k, d)
  })

  it('leads a first start without profiles to the profile form, prefilled', async () => {
    fake = installFakeApi({ profiles: [] })
    fake.fns['profiles:template']!.mockImplementation(async ({ kind }: { kind: string }) => ({
      ok: true,
      data:
        kind === 'direct'
          ? {
              name: 'Local backend',
              connection: { kind: 'direct', url: 'http://127.0.0.1:8030' },
              contract: { method: 'GET', path: '/api_chat' }
            }
          : {
              name: 'SSH tunnel',
              connection: {
                kind: 'tunnel',
                ssh: { host: '', port: 22, username: '' },
                target: { host: 'localhost', port: 8000 }
              }
            }
    }))
    render(<App />)
    await flush()
    expect(screen.getByRole('heading', { name: 'Welcome to kha-desktop' })).toBeTruthy()
    expect((screen.getByLabelText('Backend URL') as HTMLInputElement).value).toBe(
      'http://127.0.0.1:8030'
    )
    // The suggested name is for people, in their language; the rest waits under Advanced settings.
    expect((screen.getByLabelText('Name') as HTMLInputElement).value).toBe('Company chatbot')
    expect(
      (screen.getByText('Advanced settings').closest('details') as HTMLDetailsElement).open
    ).toBe(false)
    expect(screen.getByRole('button', { name: 'Connect' })).toBeTruthy()
  })

  it('sends a message, streams the reply, fails, and retries', async () => {
    fake = installFakeApi()
    render(<App />)
    await flush()
    expect(screen.getByRole('status', { name: 'Connection: Connected' })).toBeTruthy()
    const box = screen.getByLabelText('Message')
    fireEvent.change(box, { target: { value: 'What is 2+2?' } })
    await act(async () => {
      fireEvent.keyDown(box, { key: 'Enter', keyCode: 13 })
    })
    const state = useAppStore.getState()
    const conversationId = state.activeId!
    const assistant = state.threads[conversationId]!.messages[1]!
    const log = screen.getByRole('log', { name: 'Messages' })
    expect(within(log).getByText('What is 2+2?')).toBeTruthy()
    expect(screen.getByRole('button', { name: 'Stop' })).toBeTruthy()

    await act(async () => {
      fake.emit('chat:delta', {
        conversationId,
        messageId: assistant.id,
        text: 'It is **4',
        offset: 0
      })
      useAppStore.getState().flushDeltas()
    })
    expect(within(log).getByText('It is', { exact: false })).toBeTruthy()

    const error = {
      code: 'backend.refused' as const,
      message: 'x',
      params: { host: '127.0.0.1', port: '8030' }
    }
    await act(async () => {
      fake.emit('chat:failed', {
        conversationId,
        message: { ...assistant, text: 'It is **4', status: 'failed', error },
        error
      })
    })
    expect(within(log).getByRole('alert').textContent).toContain(
      'Nothing is answering at 127.0.0.1:8030'
    )
    expect(within(log).getByText('What is 2+2?')).toBeTruthy()
    await act(async () => {
      fireEvent.click(within(log).getByRole('button', { name: 'Retry' }))
    })
    expect(fake.fns['chat:retry']).toHaveBeenCalledWith({
      conversationId,
      messageId: useAppStore.getState().threads[conversationId]!.messages[0]!.id
    })
  })

  it('switches the UI to Korean from the settings', async () => {
    fake = installFakeApi()
    fake.fns['settings:set']!.mockImplementation(async (patch: object) => ({
      ok: true,
      data: { language: 'en', theme: 'system', ...patch }
    }))
    render(<App />)
    await flush()
    fireEvent.click(screen.getByRole('button', { name: 'Settings' }))
    await act(async () => {
      fireEvent.change(screen.getByLabelText('Language'), { target: { value: 'ko' } })
    })
    await flush()
    expect(screen.getByRole('heading', { name: '설정' })).toBeTruthy()
    expect(document.documentElement.lang).toBe('ko')
    fireEvent.click(screen.getByRole('button', { name: '대화로 돌아가기' }))
    expect(screen.getByLabelText('메시지')).toBeTruthy()
    expect(screen.getByRole('button', { name: '보내기' })).toBeTruthy()
    expect(screen.getByRole('status', { name: '연결: 연결됨' })).toBeTruthy()
  })
})

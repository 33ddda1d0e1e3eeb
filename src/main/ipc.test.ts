import { describe, expect, it } from 'vitest'
import type { IpcResult } from '@shared/errors'
import { invokeChannelNames } from '@shared/ipc/channels'
import { type EventName } from '@shared/ipc/contract'
import { silentLogger } from '../core/logger'
import { bindIpc } from './ipc'

type Handler = (event: unknown, arg: unknown) => Promise<IpcResult<unknown>>

/** Just enough of ipcMain and the core to see what the binding does with a call. */
function setup() {
  const handlers = new Map<string, Handler>()
  const dispatched: Array<{ channel: string; arg: unknown }> = []
  const sent: Array<{ event: EventName; payload: unknown }> = []
  let emit: ((event: EventName, payload: unknown) => void) | undefined
  const ipcMain = {
    handle: (channel: string, handler: Handler) => void handlers.set(channel, handler),
    removeHandler: (channel: string) => void handlers.delete(channel)
  }
  const core = {
    dispatch: async (channel: string, arg: unknown) => {
      dispatched.push({ channel, arg })
      return { ok: true as const, data: 'done' }
    },
    onEvent: (listener: (event: EventName, payload: unknown) => void) => {
      emit = listener
      return () => (emit = undefined)
    }
  }
  const page = { appUrl: 'kha://app/index.html' }
  const unbind = bindIpc({
    ipcMain: ipcMain as never,
    core: core as never,
    page,
    logger: silentLogger,
    send: (event, payload) => void sent.push({ event, payload })
  })
  const frame = (url: string, top = true) => ({ senderFrame: { url, parent: top ? null : {} } })
  return {
    handlers,
    dispatched,
    sent,
    emit: (e: EventName, p: unknown) => emit?.(e, p),
    unbind,
    frame,
    page
  }
}

describe('bindIpc', () => {
  it('registers exactly the contract’s channels', () => {
    const { handlers } = setup()
    expect([...handlers.keys()].sort()).toEqual([...invokeChannelNames].sort())
  })

  it('passes a call from our page’s top frame to the core', async () => {
    const { handlers, dispatched, frame, page } = setup()
    const result = await handlers.get('chat:send')?.(frame(page.appUrl), { text: 'hi' })
    expect(result).toEqual({ ok: true, data: 'done' })
    expect(dispatched).toEqual([{ channel: 'chat:send', arg: { text: 'hi' } }])
  })

  it('refuses a subframe, another page, a file: page, a webview guest and a destroyed frame without reaching the core', async () => {
    const { handlers, dispatched, frame, page } = setup()
    const destroyed = {
      get senderFrame(): never {
        throw new Error('Render frame was disposed before WebFrameMain could be accessed')
      }
    }
    const webview = { ...frame(page.appUrl), sender: { getType: () => 'webview' } }
    const fileFrame = frame('file:///app/out/renderer/index.html')
    for (const event of [
      frame(page.appUrl, false),
      frame('https://evil.example/'),
      { senderFrame: null },
      destroyed,
      webview,
      fileFrame
    ]) {
      const result = await handlers.get('profiles:list')?.(event, undefined)
      expect(result).toMatchObject({ ok: false, error: { code: 'ipc.forbidden' } })
    }
    expect(dispatched).toEqual([])
  })

  it('forwards core events to the window and stops after unbind', () => {
    const { emit, sent, unbind, handlers } = setup()
    emit('connection:state', { status: 'connected' })
    unbind()
    emit('connection:state', { status: 'idle' })
    expect(sent).toEqual([{ event: 'connection:state', payload: { status: 'connected' } }])
    expect(handlers.size).toBe(0)
  })
})

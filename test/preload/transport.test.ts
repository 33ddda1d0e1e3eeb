import { describe, expect, it } from 'vitest'
import { buildApi } from '../../src/shared/ipc/buildApi'
import { contractNames, invokeChannelNames } from '../../src/shared/ipc/channels'
import { ipcRendererTransport, type IpcRendererLike } from '../../src/preload/transport'

/** An ipcRenderer stand-in: records invokes, lets the test emit events like main's webContents.send. */
function fakeIpc(
  reply: (channel: string, arg: unknown) => Promise<unknown> = async () => ({
    ok: true,
    data: null
  })
) {
  const listeners = new Map<string, Set<(event: unknown, ...args: unknown[]) => void>>()
  const invoked: Array<{ channel: string; args: unknown[] }> = []
  const ipc: IpcRendererLike = {
    invoke: (channel, ...args) => {
      invoked.push({ channel, args })
      return reply(channel, args[0])
    },
    on: (channel, listener) => {
      if (!listeners.has(channel)) listeners.set(channel, new Set())
      listeners.get(channel)?.add(listener)
    },
    removeListener: (channel, listener) => void listeners.get(channel)?.delete(listener)
  }
  const send = (channel: string, payload: unknown) => {
    for (const l of listeners.get(channel) ?? [])
      l({ sender: 'the IpcRendererEvent, which must not leak' }, payload)
  }
  return { ipc, invoked, send, count: (channel: string) => listeners.get(channel)?.size ?? 0 }
}

describe('the preload transport', () => {
  it('sends each contract method on its own channel with one argument', async () => {
    const fake = fakeIpc(async (_channel, arg) => ({ ok: true, data: arg }))
    const api = buildApi(ipcRendererTransport(fake.ipc), contractNames)
    expect(await api.chat.send({ text: '안녕' })).toEqual({ ok: true, data: { text: '안녕' } })
    await api.profiles.list()
    expect(fake.invoked).toEqual([
      { channel: 'chat:send', args: [{ text: '안녕' }] },
      { channel: 'profiles:list', args: [undefined] }
    ])
  })

  it('turns a rejected invoke into an error result', async () => {
    const fake = fakeIpc(async () => {
      throw new Error("No handler registered for 'app:info'")
    })
    const api = buildApi(ipcRendererTransport(fake.ipc), contractNames)
    expect(await api.app.info()).toMatchObject({ ok: false, error: { code: 'internal' } })
  })

  it('gives the page the contract channels only, never a generic invoke', () => {
    const api = buildApi(ipcRendererTransport(fakeIpc().ipc), contractNames) as unknown as Record<
      string,
      unknown
    >
    const methods = Object.entries(api).flatMap(([domain, m]) =>
      typeof m === 'function' ? [domain] : Object.keys(m as object).map((k) => `${domain}:${k}`)
    )
    expect(methods.sort()).toEqual([...invokeChannelNames, 'on'].sort())
  })

  it('delivers event payloads only, and each on() returns its own unsubscribe', () => {
    const fake = fakeIpc()
    const api = buildApi(ipcRendererTransport(fake.ipc), contractNames)
    const a: unknown[] = []
    const b: unknown[] = []
    const offA = api.on('chat:delta', (p) => a.push(p))
    const offB = api.on('chat:delta', (p) => b.push(p))
    fake.send('chat:delta', { text: 'x' })
    offA()
    offA()
    fake.send('chat:delta', { text: 'y' })
    expect(a).toEqual([{ text: 'x' }])
    expect(b).toEqual([{ text: 'x' }, { text: 'y' }])
    offB()
    expect(fake.count('chat:delta')).toBe(0)
  })

  it('refuses events outside the allowlist', () => {
    const api = buildApi(ipcRendererTransport(fakeIpc().ipc), contractNames)
    expect(() => api.on('ELECTRON_BROWSER_REQUIRE' as never, () => {})).toThrow(/Unknown event/)
  })
})

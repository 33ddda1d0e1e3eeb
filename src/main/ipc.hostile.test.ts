/**
 * A compromised renderer calling main: every malformed call goes through the real IPC binding
 * (sender check) and the real core's dispatch (zod validation, handlers, stores) on a temp data
 * folder, and must get an error result, never an exception, never a write: the data folder is
 * byte-for-byte what it was. Prototype-pollution keys never reach Object.prototype or a file.
 */
import { createHash } from 'node:crypto'
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { IpcResult } from '@shared/errors'
import { invokeChannelNames, terminalChannels } from '@shared/ipc/channels'
import { startTestCore, type TestCore } from '../../test/helpers/core'
import { silentLogger } from '../core/logger'
import { bindIpc } from './ipc'
import { APP_URL } from './security'

type Handler = (event: unknown, arg: unknown) => Promise<IpcResult<unknown>>

let t: TestCore
const handlers = new Map<string, Handler>()
let profileId: string
let validDraft: Record<string, unknown>

beforeAll(async () => {
  t = await startTestCore()
  bindIpc({
    ipcMain: {
      handle: (channel: string, h: Handler) => void handlers.set(channel, h),
      removeHandler: (c: string) => void handlers.delete(c)
    } as never,
    core: t.core,
    page: { appUrl: APP_URL },
    logger: silentLogger,
    send: () => undefined
  })
  const template = await t.ok('profiles:template', { kind: 'direct' })
  validDraft = {
    ...template,
    name: 'Existing',
    connection: { kind: 'direct', url: 'http://127.0.0.1:9' }
  }
  profileId = (await t.ok('profiles:save', { draft: validDraft })).saved.id
  await t.ok('settings:set', { theme: 'dark' })
})
afterAll(async () => {
  await t?.close()
})

/** A call as the renderer's top frame makes it: through ipcMain's handler for that channel. */
async function invoke(channel: string, arg: unknown): Promise<IpcResult<unknown>> {
  const handler = handlers.get(channel)
  // Electron itself rejects an invoke on a channel nobody handles; the core answers the same way.
  if (!handler) return t.core.dispatch(channel, arg)
  return handler({ senderFrame: { url: APP_URL, parent: null } }, arg)
}

/** Every file of the data folder with a hash of its content. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {}
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name)
      if (statSync(path).isDirectory()) walk(path)
      else out[relative(dir, path)] = createHash('sha256').update(readFileSync(path)).digest('hex')
    }
  }
  walk(dir)
  return out
}

function deep(levels: number): unknown {
  let value: unknown = 'bottom'
  for (let i = 0; i < levels; i++) value = { kind: value }
  return value
}

const huge = 'x'.repeat(5_000_000)
/** A key line as known_hosts holds it (the key is never parsed for a refused call). */
const hostKeyLine =
  'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl'

describe('malformed IPC calls from a compromised renderer', () => {
  it('unknown channels, including Object.prototype names, are refused', async () => {
    for (const channel of [
      'fs:read',
      'shell:openExternal',
      '__proto__',
      'constructor',
      'toString',
      'hasOwnProperty',
      '',
      'profiles:save ',
      'PROFILES:LIST'
    ]) {
      expect(handlers.has(channel)).toBe(false)
      expect(await invoke(channel, { path: '/etc/passwd' }), channel).toMatchObject({
        ok: false,
        error: { code: 'ipc.unknown_channel' }
      })
    }
    expect([...handlers.keys()].sort()).toEqual([...invokeChannelNames].sort())
  })

  it("the terminal's own channels (hosts:forget: replace a changed host key) do not exist for a window", async () => {
    const knownHosts = join(t.dataDir, 'known_hosts')
    writeFileSync(knownHosts, `[127.0.0.1]:2222 ${hostKeyLine}\n`)
    for (const channel of Object.keys(terminalChannels)) {
      expect(handlers.has(channel), channel).toBe(false)
      expect(await invoke(channel, { host: '127.0.0.1', port: 2222 }), channel).toMatchObject({
        ok: false,
        error: { code: 'ipc.unknown_channel' }
      })
    }
    expect(readFileSync(knownHosts, 'utf8')).toContain(hostKeyLine)
  })

  it('wrong types, missing fields, extra huge strings and deep nesting: an error result each, and nothing written', async () => {
    const before = snapshot(t.dataDir)
    const profilesBefore = readFileSync(join(t.dataDir, 'profiles.json'), 'utf8')
    const calls: Array<[string, unknown, string | RegExp]> = [
      ['profiles:save', undefined, 'ipc.bad_request'],
      ['profiles:save', null, 'ipc.bad_request'],
      ['profiles:save', 'draft', 'ipc.bad_request'],
      ['profiles:save', [validDraft], 'ipc.bad_request'],
      ['profiles:save', { draft: 'x' }, 'ipc.bad_request'],
      ['profiles:save', { draft: null }, 'ipc.bad_request'],
      ['profiles:save', { draft: [1, 2] }, /^(ipc\.bad_request|profile\.invalid)$/],
      ['profiles:save', { draft: { ...validDraft, name: huge } }, 'profile.invalid'],
      ['profiles:save', { draft: { ...validDraft, id: profileId, name: 42 } }, 'profile.invalid'],
      [
        'profiles:save',
        {
          draft: {
            ...validDraft,
            id: profileId,
            connection: { kind: 'direct', url: 'javascript:alert(1)' }
          }
        },
        'profile.invalid'
      ],
      ['profiles:save', { draft: { ...validDraft, connection: deep(5000) } }, 'profile.invalid'],
      [
        'profiles:save',
        {
          draft: {
            ...validDraft,
            contract: { ...(validDraft.contract as object), headers: [{ name: 'X', value: huge }] }
          }
        },
        'profile.invalid'
      ],
      ['profiles:select', { id: 'x'.repeat(201) }, 'ipc.bad_request'],
      ['profiles:select', { id: 'no-such-profile' }, 'profile.not_found'],
      ['profiles:remove', { id: 5 }, 'ipc.bad_request'],
      ['profiles:setApiKey', { id: profileId, value: huge }, 'ipc.bad_request'],
      ['profiles:template', { kind: 'ftp' }, 'ipc.bad_request'],
      ['profiles:list', { unexpected: true }, 'ipc.bad_request'],
      ['settings:set', { language: 'xx', theme: 'light' }, 'ipc.bad_request'],
      ['settings:set', 'dark', 'ipc.bad_request'],
      ['chat:send', { text: 'x'.repeat(100_001) }, 'ipc.bad_request'],
      ['chat:send', { text: 42 }, 'ipc.bad_request'],
      ['chat:send', { text: 'hi', conversationId: '' }, 'ipc.bad_request'],
      ['chat:send', { text: 'hi', conversationId: huge }, 'ipc.bad_request'],
      ['chat:edit', { conversationId: 'a', messageId: 'b', text: null }, 'ipc.bad_request'],
      ['chat:retry', { conversationId: 'a' }, 'ipc.bad_request'],
      ['conversations:rename', { id: 'nope', title: '   ' }, 'ipc.bad_request'],
      ['conversations:rename', { id: 'nope', title: huge }, 'ipc.bad_request'],
      ['conversations:search', { query: 'a', limit: 1e9 }, 'ipc.bad_request'],
      ['conversations:search', { query: huge }, 'ipc.bad_request'],
      ['conversations:export', { id: 'nope', format: 'html' }, 'ipc.bad_request'],
      ['app:openExternal', { url: `https://example.com/${'a'.repeat(9000)}` }, 'ipc.bad_request'],
      ['app:openExternal', { url: ['https://example.com/'] }, 'ipc.bad_request'],
      ['app:saveFile', { fileName: '', content: 'x' }, 'ipc.bad_request'],
      ['app:saveFile', { fileName: 'a'.repeat(256), content: 'x' }, 'ipc.bad_request'],
      ['app:info', 'unexpected', 'ipc.bad_request'],
      ['connection:provideSecret', { value: huge, remember: true }, 'ipc.bad_request'],
      ['connection:provideSecret', { value: 'pw', remember: 'yes' }, 'ipc.bad_request'],
      ['connection:trustHostKey', { fingerprint: '' }, 'ipc.bad_request'],
      ['connection:doctor', { profileId: 7 }, 'ipc.bad_request']
    ]
    for (const [i, [channel, arg, code]] of calls.entries()) {
      const result = await invoke(channel, arg)
      const label = `call #${i} ${channel}`
      expect(result.ok, label).toBe(false)
      if (!result.ok) expect(result.error.code, label).toMatch(code)
      // Errors are small and serializable: never an echo of a 5 MB argument.
      expect(JSON.stringify(result).length, label).toBeLessThan(20_000)
    }
    expect(snapshot(t.dataDir)).toEqual(before)
    expect(readFileSync(join(t.dataDir, 'profiles.json'), 'utf8')).toBe(profilesBefore)
    // The app still works after all that.
    expect(await invoke('profiles:list', undefined)).toMatchObject({ ok: true })
    expect(await invoke('settings:get', undefined)).toMatchObject({
      ok: true,
      data: { theme: 'dark' }
    })
  })

  it('openExternal with a non-web URL is a polite no, not an error and not a launch', async () => {
    for (const url of [
      'javascript:alert(1)',
      'file:///etc/passwd',
      'smb://host/share',
      'not a url'
    ]) {
      expect(await invoke('app:openExternal', { url })).toEqual({
        ok: true,
        data: { opened: false }
      })
    }
  })

  it('__proto__ and constructor keys reach neither Object.prototype nor a file', async () => {
    const polluted = () => ({}) as Record<string, unknown>
    const draftJson = JSON.stringify({ ...validDraft, name: 'Polluter' })
    const attempts = [
      `{"draft": {"__proto__": {"polluted": "yes", "isAdmin": true}, "constructor": {"prototype": {"polluted": "yes"}}, ${draftJson.slice(1)}}`,
      `{"draft": {"__proto__": ${draftJson}}}`,
      `{"__proto__": {"draft": ${draftJson}}}`,
      `{"draft": ${draftJson.slice(0, -1)}, "contract": {"__proto__": {"polluted": "yes"}, "method": "GET"}}}`
    ]
    for (const json of attempts) {
      const result = await invoke('profiles:save', JSON.parse(json))
      // Either refused, or saved with the pollution keys stripped: never a crash.
      if (result.ok) expect(JSON.stringify(result.data)).not.toMatch(/polluted|isAdmin/)
    }
    expect(
      await invoke(
        'settings:set',
        JSON.parse('{"__proto__": {"theme": "light", "polluted": "yes"}}')
      )
    ).toMatchObject({ ok: true, data: { theme: 'dark' } })
    expect(
      await invoke('chat:stop', JSON.parse('{"__proto__": {"conversationId": "x"}}'))
    ).toMatchObject({ ok: false, error: { code: 'ipc.bad_request' } })

    expect(polluted().polluted).toBeUndefined()
    expect(polluted().isAdmin).toBeUndefined()
    expect(Object.prototype).not.toHaveProperty('polluted')
    for (const file of Object.keys(snapshot(t.dataDir)))
      expect(readFileSync(join(t.dataDir, file), 'utf8'), file).not.toMatch(/polluted|isAdmin/)
    const list = await invoke('profiles:list', undefined)
    expect(JSON.stringify(list)).not.toMatch(/polluted|isAdmin|__proto__/)
  })
})

/**
 * The terminal's own table (channels.ts `terminalChannels`): served by startTerminalCore's second
 * dispatch only, validated like every channel; the core every other shell gets has no way in.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { tempDir } from '../../test/helpers/tempDir'
import { silentLogger } from './logger'
import { startCore, startTerminalCore } from './startCore'

const key = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl'
const temps: Array<{ cleanup(): void }> = []
afterEach(() => temps.splice(0).forEach((t) => t.cleanup()))

function options() {
  const temp = tempDir('kha-terminal-')
  temps.push(temp)
  return {
    dataDir: temp.dir,
    shell: 'web' as const,
    logger: silentLogger,
    homeDir: temp.dir,
    env: {},
    connect: false
  }
}

describe('the terminal table', () => {
  it('hosts:forget removes the host’s keys from the app’s known_hosts through the terminal dispatch only', async () => {
    const opts = options()
    const file = join(opts.dataDir, 'known_hosts')
    writeFileSync(file, `[127.0.0.1]:2222 ${key}\nother.example ${key}\n`)
    const core = await startTerminalCore(opts)
    try {
      expect(await core.dispatch('hosts:forget', { host: '127.0.0.1', port: 2222 })).toMatchObject({
        ok: false,
        error: { code: 'ipc.unknown_channel' }
      })
      expect(await core.terminal.dispatch('hosts:forget', { host: '127.0.0.1' })).toMatchObject({
        ok: false,
        error: { code: 'ipc.bad_request' }
      })
      expect(readFileSync(file, 'utf8')).toContain('[127.0.0.1]:2222')
      const res = await core.terminal.dispatch('hosts:forget', { host: '127.0.0.1', port: 2222 })
      expect(res).toMatchObject({
        ok: true,
        data: { name: '[127.0.0.1]:2222', file, removed: [{ keyType: 'ssh-ed25519' }] }
      })
      expect(readFileSync(file, 'utf8')).toBe(`other.example ${key}\n`)
      // The contract's channels are not the terminal's: each dispatch knows its own table only.
      expect(await core.terminal.dispatch('profiles:list', undefined)).toMatchObject({
        ok: false,
        error: { code: 'ipc.unknown_channel' }
      })
    } finally {
      await core.dispose()
    }
  })

  it('the core of Electron main and the harness (startCore) carries no terminal dispatch', async () => {
    const { core } = await startCore(options())
    try {
      expect('terminal' in core).toBe(false)
    } finally {
      await core.dispose()
    }
  })

  it('session:use makes a profile the session’s without touching the app’s selection', async () => {
    const core = await startTerminalCore(options())
    try {
      const save = async (name: string, port: number) => {
        const res = await core.dispatch('profiles:save', {
          draft: { name, connection: { kind: 'direct', url: `http://127.0.0.1:${port}` } }
        })
        if (!res.ok) throw new Error(res.error.message)
        return (res.data as { saved: { id: string } }).saved.id
      }
      const first = await save('first', 9)
      const second = await save('second', 10)
      expect(await core.terminal.dispatch('session:use', { profileId: second })).toEqual({
        ok: true,
        data: { profileId: second }
      })
      const state = await core.dispatch('connection:state', undefined)
      // Nothing is opened until session:connect; the selection stored for the app stays.
      expect(state).toMatchObject({ ok: true, data: { status: 'idle' } })
      expect(await core.dispatch('profiles:list', undefined)).toMatchObject({
        ok: true,
        data: { activeId: first }
      })
      const connected = await core.terminal.dispatch('session:connect', undefined)
      expect(connected).toMatchObject({ ok: true, data: { profileId: second } })
    } finally {
      await core.dispose()
    }
  })
})

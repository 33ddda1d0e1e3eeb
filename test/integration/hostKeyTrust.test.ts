/**
 * `connection:trustHostKey` over the contract, as a renderer (or a compromised one) calls it: main
 * trusts an unknown key that was shown, and refuses to replace a changed one whatever the caller
 * sends. A real core, a real sshd.
 */
import { execFileSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSshd, type RunningSshd } from '../fixtures/sshd'
import type { TestCore } from '../helpers/core'
import { saveProfile, testCores, tunnelDraft } from '../helpers/integration'

let sshd: RunningSshd
let t: TestCore | undefined
const cores = testCores()

beforeAll(async () => {
  sshd = await startSshd()
})
afterAll(async () => {
  await sshd?.stop()
})

async function connectTunnel(core: TestCore) {
  // The first profile saved is selected at once: wait from before the save.
  const failed = core.next('connection:state', (s) => s.status === 'failed')
  const profile = await saveProfile(core, tunnelDraft(sshd))
  await core.ok('profiles:select', { id: profile.id })
  return failed
}

describe('connection:trustHostKey', () => {
  it('refuses to replace a changed key, even one only the app had on file, and leaves the file alone', async () => {
    t = await cores.start()
    const other = join(t.dataDir, 'other')
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', other])
    const oldLine = `[127.0.0.1]:${sshd.port} ${readFileSync(`${other}.pub`, 'utf8').split(' ').slice(0, 2).join(' ')}\n`
    const appFile = join(t.dataDir, 'known_hosts')
    writeFileSync(appFile, oldLine)

    const state = await connectTunnel(t)
    expect(state.error?.code).toBe('ssh.hostkey_changed')
    expect(state.hostKeyPrompt).toMatchObject({
      changed: true,
      fingerprint: sshd.hostKeyFingerprint,
      forgetCommand: `kha-desktop hosts forget 127.0.0.1:${sshd.port}`
    })
    const refused = await t.call('connection:trustHostKey', {
      fingerprint: sshd.hostKeyFingerprint
    })
    expect(refused.ok ? 'accepted' : refused.error.code).toBe('ssh.hostkey_changed')
    expect(readFileSync(appFile, 'utf8')).toBe(oldLine)
    expect(((await t.ok('connection:state')) as { status: string }).status).toBe('failed')
  })

  it('trusts an unknown key that was shown, and connects', async () => {
    t = await cores.start()
    const state = await connectTunnel(t)
    expect(state.error?.code).toBe('ssh.hostkey_unknown')
    const trusted = await t.ok('connection:trustHostKey', { fingerprint: sshd.hostKeyFingerprint })
    expect(trusted.status).toBe('connected')
    expect(readFileSync(join(t.dataDir, 'known_hosts'), 'utf8')).toBe(`${sshd.hostPublicKeyLine}\n`)
  })
})

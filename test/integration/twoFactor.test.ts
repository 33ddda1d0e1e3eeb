/**
 * Two-factor SSH through the contract, as the app's window sees it: the server's code question
 * arrives as a `connection:authPrompts` event (and from the channel of that name, for a window that
 * loads while it waits) and is answered with `connection:answerAuthPrompt`.
 * A real core, a real sshd whose PAM stack asks for a password and then a one-time code.
 */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSshd, type RunningSshd } from '../fixtures/sshd'
import type { TestCore } from '../helpers/core'
import { testCores } from '../helpers/integration'

let sshd: RunningSshd
let t: TestCore | undefined
const cores = testCores()

beforeAll(async () => {
  sshd = await startSshd({ twoFactor: true })
})
afterAll(async () => {
  await sshd?.stop()
})

describe('connection:authPrompts and connection:answerAuthPrompt', () => {
  it('shows the code question after the password, sends the typed answer, and connects; a stale answer is refused', async () => {
    t = await cores.start()
    writeFileSync(join(t.dataDir, 'known_hosts'), `${sshd.hostPublicKeyLine}\n`)
    // The first profile saved is selected at once: wait from before the save.
    const needsPassword = t.next('connection:state', (s) => s.status === 'failed')
    const { saved: profile } = await t.ok('profiles:save', {
      draft: {
        name: '2fa',
        connection: {
          kind: 'tunnel',
          ssh: {
            host: '127.0.0.1',
            port: sshd.port,
            username: sshd.passwordUser,
            auth: 'password'
          },
          target: { host: '127.0.0.1', port: 9 }
        },
        timeouts: { connectSec: 5, idleSec: 10 }
      }
    })
    await t.ok('profiles:select', { id: profile.id })
    expect((await needsPassword).secretPrompt?.kind).toBe('password')

    const question = t.next('connection:authPrompts', (p) => p.pending.length > 0)
    const connected = t.next('connection:state', (s) => s.status === 'connected')
    void t.call('connection:provideSecret', { value: sshd.password as string, remember: false })
    const { pending } = await question
    expect(pending).toEqual([
      expect.objectContaining({
        source: 'tunnel',
        profileId: profile.id,
        prompts: [{ prompt: sshd.codePrompt, echo: false }]
      })
    ])
    const id = pending[0]?.id as string
    // A window that loads (or reloads) now asks, and gets the same question to show again.
    expect(await t.ok('connection:authPrompts')).toEqual({ pending })

    const cleared = t.next('connection:authPrompts', (p) => p.pending.length === 0)
    expect(
      await t.ok('connection:answerAuthPrompt', { id, answers: [sshd.nextCode?.() as string] })
    ).toEqual({ accepted: true })
    await cleared
    expect(await t.ok('connection:authPrompts')).toEqual({ pending: [] })
    try {
      await connected
    } catch (e) {
      console.log(
        JSON.stringify(
          t.events.map((x) => [
            x.event,
            (x.payload as { status?: string; error?: unknown }).status,
            (x.payload as { error?: unknown }).error
          ])
        )
      )
      throw e
    }
    expect(await t.ok('connection:answerAuthPrompt', { id, answers: ['123456'] })).toEqual({
      accepted: false
    })
  })
})

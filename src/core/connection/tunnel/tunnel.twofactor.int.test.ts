/**
 * Two-factor SSH against a real OpenSSH server whose PAM stack asks for the password (pam_unix)
 * and then a one-time code (pam_oath, HOTP): `AuthenticationMethods keyboard-interactive`. The
 * stored password answers the password prompt only; the code prompt reaches the user exactly as
 * the server sent it, and what they type is what the server gets.
 */
import { describe, expect, it } from 'vitest'
import type { AuthPromptQuestion } from '@shared/connection'
import { runDoctor } from '../../doctor'
import { silentLogger } from '../../logger'
import { MemorySecretStore, secretKey } from '../../secrets'
import { httpGet, rejectionCode, tunnelProfile } from './testKit'
import { withSshdAndTarget } from './testRig'

const rig = withSshdAndTarget({ sshd: { twoFactor: true }, target: { reply: 'two factors' } })

const profile = () =>
  tunnelProfile(rig.sshd, {
    ssh: { auth: 'password', username: rig.sshd.passwordUser },
    connection: { target: { host: '127.0.0.1', port: rig.targetPort } }
  })

/** A user who answers each question with what `answer` returns, and whose questions are kept. */
function user(answer: (q: AuthPromptQuestion) => string[] | undefined) {
  const asked: AuthPromptQuestion[] = []
  return {
    asked,
    askUser: async (q: AuthPromptQuestion) => {
      asked.push(q)
      return answer(q)
    }
  }
}

describe('keyboard-interactive two-factor login (PAM: password, then a one-time code)', () => {
  it('answers the password prompt with the stored password and asks the user only for the code, as the server words it', async () => {
    const u = user(() => [rig.sshd.nextCode?.() as string])
    const t = rig.connect(profile(), rig.home, {
      secretValues: { password: rig.sshd.password as string },
      askUser: u.askUser
    })
    const link = await t.connector.link()
    expect(await httpGet(link, '/in')).toEqual({ status: 200, body: 'two factors: /in' })
    expect(u.asked).toEqual([
      {
        source: 'tunnel',
        profileId: 'p-tunnel',
        server: `${rig.sshd.passwordUser}@127.0.0.1:${rig.sshd.port}`,
        name: expect.any(String),
        instruction: expect.any(String),
        prompts: [{ prompt: rig.sshd.codePrompt, echo: false }]
      }
    ])
    // The password never went to the user's dialog.
    expect(JSON.stringify(u.asked)).not.toContain(rig.sshd.password as string)
  })

  it('a wrong code is refused by the server', async () => {
    const u = user(() => ['000000'])
    const t = rig.connect(profile(), rig.home, {
      secretValues: { password: rig.sshd.password as string },
      askUser: u.askUser
    })
    const failed = await t.waitFor((s) => s.status === 'failed')
    expect(failed.error?.code).toBe('ssh.auth_failed')
    expect(u.asked).toHaveLength(1)
  })

  it('a cancelled question, or nobody to ask: the login stops and says which question went unanswered', async () => {
    let t = rig.connect(profile(), rig.home, {
      secretValues: { password: rig.sshd.password as string },
      askUser: async () => undefined
    })
    const failed = await t.waitFor((s) => s.status === 'failed')
    expect(failed.error).toMatchObject({
      code: 'ssh.prompt_unanswered',
      params: { prompt: (rig.sshd.codePrompt as string).trim() }
    })
    // Cancelling the code does not cost the stored password.
    expect(await t.secrets.get(secretKey(profile(), 'password') as string)).toBe(rig.sshd.password)
    await t.close()
    t = rig.connect(profile(), rig.home, {
      secretValues: { password: rig.sshd.password as string }
    })
    expect(await rejectionCode(t.connector.link())).toBe('ssh.prompt_unanswered')
  })

  it('the doctor asks the same question, marked as coming from the check, and passes', async () => {
    const secrets = new MemorySecretStore()
    await secrets.set(
      secretKey(profile(), 'password') as string,
      rig.sshd.password as string,
      false
    )
    const u = user(() => [rig.sshd.nextCode?.() as string])
    const report = await runDoctor(profile(), {
      secrets,
      logger: silentLogger,
      dataDir: rig.home.dataDir,
      homeDir: rig.home.homeDir,
      env: {},
      askUser: u.askUser
    })
    expect(report.steps.find((s) => s.id === 'ssh_auth')?.status).toBe('ok')
    expect(report.steps.find((s) => s.id === 'target')?.status).toBe('ok')
    expect(u.asked.map((q) => [q.source, q.prompts])).toEqual([
      ['doctor', [{ prompt: rig.sshd.codePrompt, echo: false }]]
    ])
  })
})

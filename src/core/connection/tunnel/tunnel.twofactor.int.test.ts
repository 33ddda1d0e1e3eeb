/**
 * Two-factor SSH against a real OpenSSH server whose PAM stack asks for the password (pam_unix)
 * and then a one-time code (pam_oath, HOTP): `AuthenticationMethods keyboard-interactive`. The
 * stored password answers the password prompt only; the code prompt reaches the user exactly as
 * the server sent it, and what they type is what the server gets.
 */
import http from 'node:http'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { AuthPromptQuestion } from '@shared/connection'
import { startSshd, type RunningSshd } from '../../../../test/fixtures/sshd'
import { runDoctor } from '../../doctor'
import { silentLogger } from '../../logger'
import { MemorySecretStore, secretKey } from '../../secrets'
import {
  httpGet,
  rejectionCode,
  startConnector,
  tempHome,
  tunnelProfile,
  type TestConnector
} from './testKit'

let sshd: RunningSshd
let target: http.Server
let targetPort: number
let home: ReturnType<typeof tempHome>
let t: TestConnector | undefined

beforeAll(async () => {
  sshd = await startSshd({ twoFactor: true })
  target = http.createServer((req, res) => res.end(`two factors: ${req.url}`))
  await new Promise<void>((r) => target.listen(0, '127.0.0.1', () => r()))
  targetPort = (target.address() as { port: number }).port
  home = tempHome([sshd.hostPublicKeyLine])
})
afterAll(async () => {
  await sshd?.stop()
  await new Promise((r) => target?.close(r))
  home?.cleanup()
})
afterEach(async () => {
  await t?.close()
  t = undefined
})

const profile = () =>
  tunnelProfile(sshd, {
    ssh: { auth: 'password', username: sshd.passwordUser },
    connection: { target: { host: '127.0.0.1', port: targetPort } }
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
    const u = user(() => [sshd.nextCode?.() as string])
    t = startConnector(profile(), home, {
      secretValues: { password: sshd.password as string },
      askUser: u.askUser
    })
    const link = await t.connector.link()
    expect(await httpGet(link, '/in')).toEqual({ status: 200, body: 'two factors: /in' })
    expect(u.asked).toEqual([
      {
        source: 'tunnel',
        profileId: 'p-tunnel',
        server: `${sshd.passwordUser}@127.0.0.1:${sshd.port}`,
        name: expect.any(String),
        instruction: expect.any(String),
        prompts: [{ prompt: sshd.codePrompt, echo: false }]
      }
    ])
    // The password never went to the user's dialog.
    expect(JSON.stringify(u.asked)).not.toContain(sshd.password as string)
  })

  it('a wrong code is refused by the server', async () => {
    const u = user(() => ['000000'])
    t = startConnector(profile(), home, {
      secretValues: { password: sshd.password as string },
      askUser: u.askUser
    })
    const failed = await t.waitFor((s) => s.status === 'failed')
    expect(failed.error?.code).toBe('ssh.auth_failed')
    expect(u.asked).toHaveLength(1)
  })

  it('a cancelled question, or nobody to ask: the login stops and says which question went unanswered', async () => {
    t = startConnector(profile(), home, {
      secretValues: { password: sshd.password as string },
      askUser: async () => undefined
    })
    const failed = await t.waitFor((s) => s.status === 'failed')
    expect(failed.error).toMatchObject({
      code: 'ssh.prompt_unanswered',
      params: { prompt: (sshd.codePrompt as string).trim() }
    })
    // Cancelling the code does not cost the stored password.
    expect(await t.secrets.get(secretKey(profile(), 'password') as string)).toBe(sshd.password)
    await t.close()
    t = startConnector(profile(), home, { secretValues: { password: sshd.password as string } })
    expect(await rejectionCode(t.connector.link())).toBe('ssh.prompt_unanswered')
  })

  it('the doctor asks the same question, marked as coming from the check, and passes', async () => {
    const secrets = new MemorySecretStore()
    await secrets.set(secretKey(profile(), 'password') as string, sshd.password as string, false)
    const u = user(() => [sshd.nextCode?.() as string])
    const report = await runDoctor(profile(), {
      secrets,
      logger: silentLogger,
      dataDir: home.dataDir,
      homeDir: home.homeDir,
      env: {},
      askUser: u.askUser
    })
    expect(report.steps.find((s) => s.id === 'ssh_auth')?.status).toBe('ok')
    expect(report.steps.find((s) => s.id === 'target')?.status).toBe('ok')
    expect(u.asked.map((q) => [q.source, q.prompts])).toEqual([
      ['doctor', [{ prompt: sshd.codePrompt, echo: false }]]
    ])
  })
})

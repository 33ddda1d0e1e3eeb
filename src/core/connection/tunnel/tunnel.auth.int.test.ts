/**
 * Logging in to a real OpenSSH server with each auth method, and what the user sees when a
 * secret is missing or wrong. Requests go through `link.agent` to a plain HTTP server on the far
 * side, so "connected" is proven by an answer through the tunnel, not by a status flag.
 */
import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import { secretKey } from '../../secrets'
import { describe, expect, it } from 'vitest'
import { startSshAgent, type RunningAgent } from '../../../../test/fixtures/sshd'
import { freePort } from '../../../../test/fixtures/ports'
import { httpGet, rejectionCode, tunnelProfile, type TestConnector } from './testKit'
import { withSshdAndTarget } from './testRig'

const rig = withSshdAndTarget({ sshd: { password: true }, target: { reply: 'far side' } })

const profile = (ssh: Record<string, unknown>) =>
  tunnelProfile(rig.sshd, {
    ssh,
    connection: { target: { host: '127.0.0.1', port: rig.targetPort } }
  })

async function expectWorking(c: TestConnector) {
  const link = await c.connector.link()
  const res = await httpGet(link, '/hello')
  expect(res).toEqual({ status: 200, body: 'far side: /hello' })
}

describe('auth against a real sshd', () => {
  it('logs in with a key file, offers AES-GCM first and reports the cipher', async () => {
    const t = rig.connect(profile({}))
    await expectWorking(t)
    const state = await t.waitFor((s) => s.status === 'connected')
    expect(state.detail?.cipher).toBe('aes128-gcm@openssh.com')
    expect(state.detail).toMatchObject({
      host: `${rig.sshd.username}@127.0.0.1:${rig.sshd.port}`,
      target: `127.0.0.1:${rig.targetPort}`
    })
    expect(t.states.map((s) => s.status)).toEqual(['connecting', 'connected'])
  })

  it('logs in with an encrypted key whose passphrase is in the secret store', async () => {
    const t = rig.connect(profile({ keyPath: rig.sshd.encryptedClientKeyPath }), rig.home, {
      secretValues: { passphrase: rig.sshd.passphrase }
    })
    await expectWorking(t)
  })

  it('asks for a missing passphrase, then connects once it is given', async () => {
    const t = rig.connect(profile({ keyPath: rig.sshd.encryptedClientKeyPath }))
    const failed = await t.waitFor((s) => s.status === 'failed')
    expect(failed.error?.code).toBe('ssh.secret_needed')
    expect(failed.secretPrompt).toEqual({ kind: 'passphrase', host: '127.0.0.1', retry: false })
    expect(await rejectionCode(t.connector.link())).toBe('ssh.secret_needed')
    await t.connector.provideSecret?.(rig.sshd.passphrase, false)
    expect(t.connector.state().status).toBe('connected')
    await expectWorking(t)
  })

  it('says a wrong passphrase is wrong, forgets it, and asks again', async () => {
    const encrypted = profile({ keyPath: rig.sshd.encryptedClientKeyPath })
    const t = rig.connect(encrypted, rig.home, { secretValues: { passphrase: 'not it' } })
    const failed = await t.waitFor((s) => s.status === 'failed')
    expect(failed.error?.code).toBe('ssh.bad_passphrase')
    expect(failed.secretPrompt).toEqual({ kind: 'passphrase', host: '127.0.0.1', retry: true })
    expect(await t.secrets.keys('p-tunnel:passphrase')).toEqual([])
    expect(secretKey(encrypted, 'passphrase')).toMatch(/^p-tunnel:passphrase@/)
    await t.connector.provideSecret?.('still wrong', true)
    expect(t.connector.state()).toMatchObject({
      status: 'failed',
      error: { code: 'ssh.bad_passphrase' },
      secretPrompt: { retry: true }
    })
    await t.connector.provideSecret?.(rig.sshd.passphrase, true)
    await expectWorking(t)
  })

  it('logs in with a password (khatest), and re-asks when the password is rejected', async () => {
    const user = rig.sshd.passwordUser as string
    const t = rig.connect(profile({ auth: 'password', username: user }), rig.home, {
      secretValues: { password: 'wrong-password' }
    })
    const failed = await t.waitFor((s) => s.status === 'failed')
    expect(failed.error).toMatchObject({
      code: 'ssh.auth_failed',
      params: { methods: 'password,keyboard-interactive', user }
    })
    expect(failed.error?.message).toContain('tried: password,keyboard-interactive')
    expect(failed.secretPrompt).toEqual({ kind: 'password', host: '127.0.0.1', retry: true })
    // No retry loop against a login that was refused (it could lock the account). A retry is only
    // ever armed together with a published `reconnecting` state carrying `nextRetryAt`
    // (connectorMachine's scheduleRetry), so the state published at the failure is the decision.
    expect(t.states.filter((s) => s.status === 'reconnecting')).toEqual([])
    expect(t.connector.state()).toMatchObject({ status: 'failed' })
    expect(t.connector.state().nextRetryAt).toBeUndefined()
    await t.connector.provideSecret?.(rig.sshd.password as string, false)
    await expectWorking(t)
  })

  it('asks for a missing password', async () => {
    const t = rig.connect(profile({ auth: 'password', username: rig.sshd.passwordUser }))
    const failed = await t.waitFor((s) => s.status === 'failed')
    expect(failed).toMatchObject({
      error: { code: 'ssh.secret_needed' },
      secretPrompt: { kind: 'password', retry: false }
    })
  })

  it('does not ask for a password while the SSH server cannot be reached: it says why and keeps trying', async () => {
    const closedPort = await freePort()
    const t = rig.connect(
      profile({ auth: 'password', username: rig.sshd.passwordUser, port: closedPort }),
      rig.home
    )
    const state = await t.waitFor((s) => s.status === 'reconnecting' && s.error !== undefined)
    expect(state.error).toMatchObject({ code: 'ssh.refused', params: { port: closedPort } })
    expect(t.states.some((s) => s.secretPrompt)).toBe(false)
  })

  it('logs in through ssh-agent (SSH_AUTH_SOCK)', async () => {
    const agent: RunningAgent = await startSshAgent()
    let t: TestConnector | undefined
    try {
      agent.add(rig.sshd.clientKeyPath)
      t = rig.connect(profile({ auth: 'agent' }), rig.home, { env: { SSH_AUTH_SOCK: agent.sock } })
      await expectWorking(t)
    } finally {
      await t?.close()
      await agent.stop()
    }
  })

  it('reports a missing agent as such', async () => {
    let t = rig.connect(profile({ auth: 'agent' }), rig.home, { env: {} })
    expect((await t.waitFor((s) => s.status === 'failed')).error?.code).toBe(
      'ssh.agent_unavailable'
    )
    await t.close()
    t = rig.connect(profile({ auth: 'agent' }), rig.home, {
      env: { SSH_AUTH_SOCK: '/nonexistent/agent.sock' }
    })
    expect((await t.waitFor((s) => s.status === 'failed')).error?.code).toBe(
      'ssh.agent_unavailable'
    )
  })

  it('says which methods were tried when the server refuses the key', async () => {
    const stranger = join(rig.home.dataDir, 'id_stranger')
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', stranger])
    const t = rig.connect(profile({ keyPath: stranger }))
    const failed = await t.waitFor((s) => s.status === 'failed')
    expect(failed.error).toMatchObject({
      code: 'ssh.auth_failed',
      params: { methods: 'publickey', serverMethods: 'publickey,password' }
    })
    expect(failed.secretPrompt).toBeUndefined()
  })

  it('reports an unreadable or invalid key file', async () => {
    let t = rig.connect(profile({ keyPath: '~/.ssh/no_such_key' }))
    const failed = await t.waitFor((s) => s.status === 'failed')
    expect(failed.error).toMatchObject({
      code: 'ssh.key_unreadable',
      params: { path: join(rig.home.homeDir, '.ssh/no_such_key'), reason: 'ENOENT' }
    })
    await t.close()
    t = rig.connect(profile({ keyPath: `${rig.sshd.clientKeyPath}.pub` }))
    expect((await t.waitFor((s) => s.status === 'failed')).error?.code).toBe('ssh.key_unreadable')
  })

  it('never puts a password or passphrase in a state or a log line', async () => {
    const c1 = rig.connect(profile({ keyPath: rig.sshd.encryptedClientKeyPath }), rig.home, {
      secretValues: { passphrase: rig.sshd.passphrase }
    })
    await expectWorking(c1)
    const c2 = rig.connect(
      profile({ auth: 'password', username: rig.sshd.passwordUser }),
      rig.home,
      {
        secretValues: { password: 'Wr0ng-pw-xyz' }
      }
    )
    await c2.waitFor((s) => s.status === 'failed')
    await Promise.all([c1.close(), c2.close()])
    const everything = JSON.stringify([c1.states, c2.states, c1.logLines, c2.logLines])
    expect(c1.logLines.length + c2.logLines.length).toBeGreaterThanOrEqual(2)
    for (const secret of [rig.sshd.passphrase, 'Wr0ng-pw-xyz', rig.sshd.password as string])
      expect(everything).not.toContain(secret)
  })
})

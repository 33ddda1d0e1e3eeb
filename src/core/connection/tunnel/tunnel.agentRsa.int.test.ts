/**
 * An RSA key held in ssh-agent signs with SHA-2 (rsa-sha2-256/512), never ssh-rsa (SHA-1), which
 * OpenSSH 8.8+ servers refuse by default and which is weak. ssh2 does this itself: the server's
 * `server-sig-algs` (EXT_INFO, which ssh2 asks for with `ext-info-c`) names rsa-sha2-256, so ssh2
 * asks the agent for that signature (SSH_AGENT_RSA_SHA2_256). Proven here against a real sshd that
 * accepts no ssh-rsa signature at all, and a real ssh-agent holding the RSA key.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { appendFileSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { startSshAgent } from '../../../../test/fixtures/sshd'
import { httpGet, tunnelProfile } from './testKit'
import { withSshdAndTarget } from './testRig'

const rig = withSshdAndTarget({
  sshd: { extraConfig: ['PubkeyAcceptedAlgorithms rsa-sha2-256,rsa-sha2-512,ssh-ed25519'] },
  target: { reply: 'far side' }
})

/** An RSA key authorized on the server (sshd reads authorized_keys at each login). */
function authorizedRsaKey(): string {
  const path = join(rig.sshd.dir, 'id_agent_rsa')
  execFileSync('ssh-keygen', [
    '-q',
    '-t',
    'rsa',
    '-b',
    '2048',
    '-N',
    '',
    '-C',
    'kha-agent-rsa',
    '-f',
    path
  ])
  appendFileSync(join(rig.sshd.dir, 'authorized_keys'), readFileSync(`${path}.pub`))
  return path
}

describe('an RSA key in ssh-agent', () => {
  it('logs in to a server that refuses ssh-rsa (SHA-1) signatures', async () => {
    const agent = rig.later(await startSshAgent())
    agent.add(authorizedRsaKey())

    // The server does refuse the SHA-1 signature of that very key: OpenSSH's own client, told to
    // sign with ssh-rsa only, is turned away.
    const sha1 = spawnSync(
      'ssh',
      [
        '-F',
        '/dev/null',
        '-o',
        'BatchMode=yes',
        '-o',
        'StrictHostKeyChecking=no',
        '-o',
        'UserKnownHostsFile=/dev/null',
        '-o',
        'PubkeyAcceptedAlgorithms=ssh-rsa',
        '-p',
        String(rig.sshd.port),
        `${rig.sshd.username}@127.0.0.1`,
        'true'
      ],
      { env: { ...process.env, SSH_AUTH_SOCK: agent.sock }, encoding: 'utf8' }
    )
    expect(sha1.status).toBe(255)
    expect(sha1.stderr).toContain('Permission denied (publickey)')

    const t = rig.connect(
      tunnelProfile(rig.sshd, {
        ssh: { auth: 'agent' },
        connection: { target: { host: '127.0.0.1', port: rig.targetPort } }
      }),
      rig.home,
      { env: { SSH_AUTH_SOCK: agent.sock } }
    )
    const link = await t.connector.link()
    expect(await httpGet(link, '/hello')).toEqual({ status: 200, body: 'far side: /hello' })
    expect(rig.sshd.output()).toMatch(
      /Accepted publickey for \S+ from 127\.0\.0\.1 port \d+ ssh2: RSA SHA256:/
    )
  })
})

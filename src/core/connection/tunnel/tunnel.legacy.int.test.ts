/**
 * Legacy algorithms against a real OpenSSH server configured like an old one: an RSA host key
 * signed with ssh-rsa (SHA-1), SHA-1 key exchange, hmac-sha1 and a CTR cipher only. By default the
 * app refuses it and says what the server needs; with the profile's permission it connects and
 * says which legacy algorithms it is using; the doctor names them all either way.
 */
import { describe, expect, it } from 'vitest'
import { silentLogger } from '../../logger'
import { MemorySecretStore } from '../../secrets'
import { runDoctor } from '../../doctor'
import { httpGet, rejectionCode, tunnelProfile } from './testKit'
import { withSshdAndTarget } from './testRig'

const rig = withSshdAndTarget({
  sshd: {
    hostKeyTypes: ['rsa'],
    extraConfig: [
      'HostKeyAlgorithms ssh-rsa',
      'KexAlgorithms diffie-hellman-group14-sha1',
      'MACs hmac-sha1',
      'Ciphers aes128-ctr'
    ]
  },
  target: { reply: 'old side' }
})

const profile = (allowLegacyAlgorithms: boolean) =>
  tunnelProfile(rig.sshd, {
    connection: { allowLegacyAlgorithms, target: { host: '127.0.0.1', port: rig.targetPort } }
  })

describe('an SSH server that offers only legacy algorithms', () => {
  it('is refused by default, naming what it needs, with no retry loop', async () => {
    const t = rig.connect(profile(false))
    const failed = await t.waitFor((s) => s.status === 'failed')
    expect(failed.error).toMatchObject({
      code: 'ssh.legacy_algorithms',
      params: { part: 'kex', needs: 'diffie-hellman-group14-sha1' }
    })
    expect(failed.error?.message).toContain('Allow legacy algorithms in the profile')
    expect(await rejectionCode(t.connector.link())).toBe('ssh.legacy_algorithms')
    expect(t.states.filter((s) => s.status === 'reconnecting')).toEqual([])
  })

  it('connects when the profile allows legacy algorithms, and says which ones it uses', async () => {
    const t = rig.connect(profile(true))
    const link = await t.connector.link()
    expect(await httpGet(link, '/hi')).toEqual({ status: 200, body: 'old side: /hi' })
    const state = t.connector.state()
    expect(state.status).toBe('connected')
    expect(String(state.detail?.legacyAlgorithms).split(', ').sort()).toEqual([
      'diffie-hellman-group14-sha1',
      'hmac-sha1',
      'ssh-rsa'
    ])
    expect(t.logLines.some((l) => l.includes('legacy algorithms'))).toBe(true)
  })

  it('the doctor names every legacy algorithm the server needs, and shows them when allowed', async () => {
    const deps = {
      secrets: new MemorySecretStore(),
      logger: silentLogger,
      dataDir: rig.home.dataDir,
      homeDir: rig.home.homeDir,
      env: {}
    }
    const refused = await runDoctor(profile(false), deps)
    const step = refused.steps.find((s) => s.status === 'failed')
    expect(step).toMatchObject({ id: 'ssh_handshake', error: { code: 'ssh.legacy_algorithms' } })
    expect(String(step?.error?.params?.needs).split(', ').sort()).toEqual([
      'diffie-hellman-group14-sha1',
      'hmac-sha1',
      'ssh-rsa'
    ])
    const allowed = await runDoctor(profile(true), deps)
    const handshake = allowed.steps.find((s) => s.id === 'ssh_handshake')
    expect(handshake?.status).toBe('ok')
    expect(String(handshake?.detail?.legacyAlgorithms).split(', ').sort()).toEqual([
      'diffie-hellman-group14-sha1',
      'hmac-sha1',
      'ssh-rsa'
    ])
  })
})

import { describe, expect, it } from 'vitest'
import { ProfileSchema, type Profile } from '@shared/profile'
import { MemorySecretStore, secretKey, sshSecretKey, type SecretKind } from './secrets'

const tunnel = (
  patch: {
    ssh?: Record<string, unknown>
    jump?: Record<string, unknown> | null
    target?: Record<string, unknown>
  } = {}
): Profile =>
  ProfileSchema.parse({
    id: 'p1',
    name: 't',
    connection: {
      kind: 'tunnel',
      ssh: {
        host: 'serverb',
        port: 22,
        username: 'kim',
        auth: 'password',
        keyPath: '~/.ssh/id_ed25519',
        ...patch.ssh
      },
      jump:
        patch.jump === undefined
          ? null
          : patch.jump && {
              host: 'servera',
              port: 22,
              username: 'kim',
              auth: 'key',
              keyPath: '~/.ssh/jump',
              ...patch.jump
            },
      target: { host: 'localhost', port: 8000, ...patch.target }
    },
    proxy: { mode: 'manual', url: 'http://proxy.corp:3128', username: 'kim' }
  })

describe('secretBinding', () => {
  it('changes whenever the place a secret would go changes, and only then', () => {
    const base = tunnel()
    const changes: Array<[SecretKind, Profile]> = [
      ['password', tunnel({ ssh: { host: 'evil' } })],
      ['password', tunnel({ ssh: { port: 2222 } })],
      ['password', tunnel({ ssh: { username: 'lee' } })],
      ['passphrase', tunnel({ ssh: { keyPath: '~/.ssh/other' } })],
      ['apiKey', tunnel({ ssh: { host: 'evil' } })],
      ['apiKey', tunnel({ target: { port: 9000 } })],
      ['apiKey', tunnel({ jump: {} })],
      ['header:x-api-key', tunnel({ target: { host: '10.0.0.9' } })],
      ['proxyPassword', { ...base, proxy: { ...base.proxy, url: 'http://evil:3128' } }],
      ['proxyPassword', { ...base, proxy: { ...base.proxy, username: 'lee' } }]
    ]
    for (const [kind, moved] of changes)
      expect(secretKey(moved, kind), `${kind}`).not.toBe(secretKey(base, kind))
    // What does not change where it goes keeps the secret.
    expect(secretKey(tunnel({ ssh: { keyPath: '~/.ssh/other' } }), 'password')).toBe(
      secretKey(base, 'password')
    )
    expect(secretKey({ ...base, name: 'renamed' }, 'apiKey')).toBe(secretKey(base, 'apiKey'))
    expect(secretKey(base, 'jumpPassword')).toBeUndefined()
    expect(secretKey(tunnel({ jump: { auth: 'password' } }), 'jumpPassword')).toMatch(
      /@ssh kim@servera:22$/
    )
  })

  it('the tunnel reads an SSH secret under the key of the endpoint it logs in to', async () => {
    const profile = tunnel()
    const store = new MemorySecretStore()
    await store.set(secretKey(profile, 'password') as string, 'pw', false)
    const c = profile.connection as Extract<Profile['connection'], { kind: 'tunnel' }>
    expect(await store.get(sshSecretKey('p1', 'password', c.ssh))).toBe('pw')
    expect(
      await store.get(sshSecretKey('p1', 'password', { ...c.ssh, host: 'evil' }))
    ).toBeUndefined()
  })
})

import { describe, expect, it } from 'vitest'
import { ProfileSchema } from '@shared/profile'
import { importSshConfig, parseJumpSpec } from './sshConfig'

const config = `
# the original setup: ssh -L 8030:localhost:8030 user@serverB
Host serverB b
  HostName 192.168.0.20
  User kim
  Port 2222
  IdentityFile ~/.ssh/id_serverb
  LocalForward 8030 localhost:8030
  ServerAliveInterval 60
  ServerAliveCountMax 5

Host backend-via-a
  HostName 192.168.0.20
  ProxyJump ops@serverA:2022

Host serverA
  HostName a.example.com
  IdentityFile %d/.ssh/id_a

Host two-hops
  HostName deep
  ProxyJump serverA,serverB
  ConnectTimeout 7

Host *.corp
  User corp

Host *
  ServerAliveCountMax 3
`

describe('importing ~/.ssh/config', () => {
  const hosts = importSshConfig(config, { defaultUser: 'me', hasAgent: true })

  it('imports each concrete Host once, skipping wildcard sections', () => {
    expect(hosts.map((h) => h.alias)).toEqual(['serverB', 'backend-via-a', 'serverA', 'two-hops'])
  })

  it('maps HostName, User, Port, IdentityFile, keepalives and LocalForward onto a valid profile', () => {
    const h = hosts[0]!
    expect(h.draft.connection).toMatchObject({
      kind: 'tunnel',
      ssh: {
        host: '192.168.0.20',
        port: 2222,
        username: 'kim',
        auth: 'key',
        keyPath: '~/.ssh/id_serverb'
      },
      jump: null,
      target: { host: 'localhost', port: 8030 },
      localPort: null,
      keepaliveIntervalSec: 60,
      keepaliveCountMax: 5
    })
    expect(h.warnings).toEqual([])
    expect(ProfileSchema.safeParse({ ...h.draft, id: 'x' }).success).toBe(true)
  })

  it('resolves ProxyJump through other Host entries, with the user and port given inline', () => {
    const h = hosts[1]!
    expect(h.draft.connection).toMatchObject({
      ssh: { host: '192.168.0.20', port: 22, username: 'me', auth: 'agent' },
      jump: {
        host: 'a.example.com',
        port: 2022,
        username: 'ops',
        auth: 'key',
        keyPath: '~/.ssh/id_a'
      },
      keepaliveCountMax: 3
    })
    expect(ProfileSchema.safeParse({ ...h.draft, id: 'x' }).success).toBe(true)
  })

  it('keeps only the first of several hops, with a warning, and takes ConnectTimeout', () => {
    const h = hosts[3]!
    expect(h.warnings[0]).toMatch(/2 hops/)
    expect(h.draft.connection).toMatchObject({ jump: { host: 'a.example.com' } })
    expect(h.draft.timeouts).toMatchObject({ connectSec: 7 })
  })

  it('without an agent, hosts with no IdentityFile use the default key file', () => {
    const [, viaA] = importSshConfig(config, { defaultUser: 'me', hasAgent: false })
    expect(viaA!.draft.connection).toMatchObject({
      ssh: { auth: 'key', keyPath: '~/.ssh/id_ed25519' }
    })
  })

  it('parses jump specs in every form ssh accepts', () => {
    expect(parseJumpSpec('host')).toEqual({ host: 'host' })
    expect(parseJumpSpec('u@host:2200')).toEqual({ user: 'u', host: 'host', port: 2200 })
    expect(parseJumpSpec('ssh://u@[::1]:2200')).toEqual({ user: 'u', host: '::1', port: 2200 })
  })

  it('returns nothing for an empty file', () => {
    expect(importSshConfig('', { defaultUser: 'me' })).toEqual([])
  })
})

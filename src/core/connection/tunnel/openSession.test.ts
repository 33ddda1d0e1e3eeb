import { EventEmitter } from 'node:events'
import type { Client } from 'ssh2'
import { describe, expect, it } from 'vitest'
import { AppFailure } from '@shared/errors'
import type { SshEndpoint } from '@shared/profile'
import type { AuthPlan } from './auth'
import { hopsOf, openSession, type Hop } from './openSession'

const endpoint = (host: string): SshEndpoint => ({
  host,
  port: 22,
  username: 'u',
  auth: 'key',
  keyPath: ''
})
const plan: AuthPlan = { authHandler: () => false, methods: 'none', serverMethods: () => undefined }

/** A logged-in client whose forwards fail as sshd's do when nothing listens (reason 2), and which records end(). */
function fakeClient(log: string[], name: string): Client {
  const c = Object.assign(new EventEmitter(), {
    _sock: { destroyed: false },
    end: () => {
      log.push(`end ${name}`)
      c.emit('close')
    },
    forwardOut: (
      _a: string,
      _b: number,
      host: string,
      port: number,
      cb: (err: Error & { reason?: number }) => void
    ) => {
      log.push(`forward ${name} -> ${host}:${port}`)
      cb(Object.assign(new Error('(SSH) Channel open failure: Connection refused'), { reason: 2 }))
    }
  })
  return c as unknown as Client
}

describe('openSession(hops)', () => {
  it('goes jump host → SSH host in order, each hop planned before its socket opens', async () => {
    const hops = hopsOf({ jump: endpoint('bastion'), ssh: endpoint('serverb') } as never)
    expect(hops.map((h) => h.role)).toEqual(['jump', 'ssh'])
    expect(hopsOf({ jump: null, ssh: endpoint('serverb') } as never).map((h) => h.role)).toEqual([
      'ssh'
    ])

    const log: string[] = []
    const error = await openSession(hops, {
      plan: async (h: Hop) => (log.push(`plan ${h.role}`), plan),
      firstStream: async (h: Hop) => (log.push(`stream ${h.role}`), {}),
      login: async (h: Hop) => (
        log.push(`login ${h.role}`),
        { client: fakeClient(log, h.role), legacy: [] }
      )
    }).catch((e: unknown) => e)
    // The SSH port behind the jump host is closed: "refused", named through the jump host, and the jump host's session ended.
    expect(error).toBeInstanceOf(AppFailure)
    expect((error as AppFailure).error).toMatchObject({
      code: 'ssh.refused',
      params: { host: 'serverb', port: 22, via: 'bastion' }
    })
    expect(log).toEqual([
      'plan jump',
      'stream jump',
      'login jump',
      'plan ssh',
      'forward jump -> serverb:22',
      'end jump'
    ])
  })
})

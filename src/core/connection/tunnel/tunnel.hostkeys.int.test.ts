/**
 * Host keys against a real sshd: known in every form known_hosts can hold, unknown (the user is
 * shown the fingerprint and must trust it; nothing is accepted silently), changed (refused, no
 * retry loop), and the plain network failures before any key is seen.
 */
import { execFileSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import net from 'node:net'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { freePort } from '../../../../test/fixtures/ports'
import { startSshd } from '../../../../test/fixtures/sshd'
import { forgetHost, knownHostsFiles } from './knownHosts'
import { rejectionCode, tunnelProfile, type TestConnector } from './testKit'
import { withSshdAndTarget } from './testRig'

const rig = withSshdAndTarget()

const otherKeyLine = () => {
  const h = rig.newHome()
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(h.dataDir, 'other')])
  return `[127.0.0.1]:${rig.sshd.port} ${readFileSync(join(h.dataDir, 'other.pub'), 'utf8').split(' ').slice(0, 2).join(' ')}`
}

describe('known host keys', () => {
  it('accepts a key listed as [127.0.0.1]:PORT in ~/.ssh/known_hosts', async () => {
    const t = rig.connect(tunnelProfile(rig.sshd), rig.newHome([rig.sshd.hostPublicKeyLine]))
    await t.connector.link()
    expect(t.connector.state().status).toBe('connected')
  })

  it('accepts a hashed entry written by ssh-keygen -H', async () => {
    const h = rig.newHome([`# my hosts`, rig.sshd.hostPublicKeyLine])
    const file = join(h.homeDir, '.ssh', 'known_hosts')
    execFileSync('ssh-keygen', ['-H', '-f', file], { stdio: 'ignore' })
    expect(readFileSync(file, 'utf8')).not.toContain('127.0.0.1')
    const t = rig.connect(tunnelProfile(rig.sshd), h)
    await t.connector.link()
    expect(t.connector.state().status).toBe('connected')
  })

  it("accepts a key from the profile's own known_hosts file", async () => {
    const h = rig.newHome()
    const file = join(h.dataDir, 'team_known_hosts')
    writeFileSync(file, `127.0.0.2,${rig.sshd.hostPublicKeyLine.replace(' ', ',[localhost]:1 ')}\n`)
    const t = rig.connect(tunnelProfile(rig.sshd, { connection: { knownHostsPath: file } }), h)
    await t.connector.link()
    expect(t.connector.state().status).toBe('connected')
  })
})

describe('an unknown host key', () => {
  it('shows the SHA256 fingerprint and connects only after the user trusts it; the app remembers it', async () => {
    const h = rig.newHome()
    let t = rig.connect(tunnelProfile(rig.sshd), h)
    const failed = await t.waitFor((s) => s.status === 'failed')
    expect(failed.error?.code).toBe('ssh.hostkey_unknown')
    expect(failed.hostKeyPrompt).toEqual({
      host: '127.0.0.1',
      port: rig.sshd.port,
      keyType: 'ssh-ed25519',
      fingerprint: rig.sshd.hostKeyFingerprint,
      changed: false
    })
    expect(failed.error?.message).toContain(rig.sshd.hostKeyFingerprint)
    expect(await rejectionCode(t.connector.link())).toBe('ssh.hostkey_unknown')
    // Not the key that was shown: refused.
    expect(
      await rejectionCode(
        t.connector.trustHostKey!('SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA')
      )
    ).toBe('ssh.hostkey_unknown')

    await t.connector.trustHostKey!(rig.sshd.hostKeyFingerprint)
    expect(t.connector.state().status).toBe('connected')
    expect(readFileSync(join(h.dataDir, 'known_hosts'), 'utf8')).toBe(
      `${rig.sshd.hostPublicKeyLine}\n`
    )

    // Next time (same data folder) there is no question.
    await t.close()
    t = rig.connect(tunnelProfile(rig.sshd), h)
    await t.connector.link()
    expect(t.states.some((s) => s.hostKeyPrompt)).toBe(false)
  })
})

describe('a changed host key', () => {
  it('refuses the connection with a warning, and does not retry', async () => {
    const t = rig.connect(tunnelProfile(rig.sshd), rig.newHome([otherKeyLine()]))
    const failed = await t.waitFor((s) => s.status === 'failed')
    expect(failed.error?.code).toBe('ssh.hostkey_changed')
    expect(failed.error?.params).toMatchObject({
      fingerprint: rig.sshd.hostKeyFingerprint,
      line: 1
    })
    expect(failed.hostKeyPrompt).toMatchObject({
      fingerprint: rig.sshd.hostKeyFingerprint,
      changed: true,
      forgetCommand: `kha-desktop hosts forget 127.0.0.1:${rig.sshd.port}`
    })
    expect(failed.error?.message).toContain(`kha-desktop hosts forget 127.0.0.1:${rig.sshd.port}`)
    // A retry is only ever armed together with a published `reconnecting` state carrying
    // `nextRetryAt` (connectorMachine's scheduleRetry): the state published at the failure is the decision.
    expect(t.states.filter((s) => s.status === 'reconnecting' || s.status === 'connected')).toEqual(
      []
    )
    expect(t.connector.state()).toMatchObject({ status: 'failed' })
    expect(t.connector.state().nextRetryAt).toBeUndefined()
    expect(await rejectionCode(t.connector.link())).toBe('ssh.hostkey_changed')
    // The old key is in the user's own ~/.ssh/known_hosts: the app does not overrule it.
    expect(await rejectionCode(t.connector.trustHostKey!(rig.sshd.hostKeyFingerprint))).toBe(
      'ssh.hostkey_changed'
    )
  })

  it("never replaces a changed key on trustHostKey, even one only the app's own file held; `hosts forget` does, then it is a new question", async () => {
    const h = rig.newHome()
    const old = otherKeyLine()
    writeFileSync(join(h.dataDir, 'known_hosts'), `${old}\n`)
    const t = rig.connect(tunnelProfile(rig.sshd), h)
    const failed = await t.waitFor((s) => s.status === 'failed')
    expect(failed.hostKeyPrompt?.changed).toBe(true)
    // What a compromised renderer would try: the fingerprint it was shown.
    expect(await rejectionCode(t.connector.trustHostKey!(rig.sshd.hostKeyFingerprint))).toBe(
      'ssh.hostkey_changed'
    )
    expect(readFileSync(join(h.dataDir, 'known_hosts'), 'utf8')).toBe(`${old}\n`)
    expect(t.states.some((s) => s.status === 'connected')).toBe(false)

    // The deliberate act outside the app (what `kha-desktop hosts forget` runs).
    const forgotten = await forgetHost(knownHostsFiles(h), '127.0.0.1', rig.sshd.port)
    expect(forgotten.removed).toHaveLength(1)
    t.connector.reconnect()
    const asked = await t.waitFor(
      (s) => s.status === 'failed' && s.hostKeyPrompt?.changed === false
    )
    expect(asked.error?.code).toBe('ssh.hostkey_unknown')
    await t.connector.trustHostKey!(rig.sshd.hostKeyFingerprint)
    expect(t.connector.state().status).toBe('connected')
    expect(readFileSync(join(h.dataDir, 'known_hosts'), 'utf8')).toBe(
      `${rig.sshd.hostPublicKeyLine}\n`
    )
  })
})

describe('host keys of several types', () => {
  it('a server presenting an ECDSA key where an ed25519 key is on file: changed, refused, nothing to trust', async () => {
    const ecdsaOnly = await startSshd({ hostKeyTypes: ['ecdsa'] })
    let t: TestConnector | undefined
    try {
      // The ed25519 key on file is another server's: this one has no ed25519 key to show.
      const onFile = `[127.0.0.1]:${ecdsaOnly.port} ${rig.sshd.hostPublicKey}`
      t = rig.connect(tunnelProfile(ecdsaOnly), rig.newHome([onFile]))
      const failed = await t.waitFor((s) => s.status === 'failed')
      expect(failed.error).toMatchObject({
        code: 'ssh.hostkey_changed',
        params: { keyType: 'ecdsa-sha2-nistp256', knownKeyType: 'ssh-ed25519', line: 1 }
      })
      expect(failed.hostKeyPrompt).toMatchObject({
        keyType: 'ecdsa-sha2-nistp256',
        fingerprint: ecdsaOnly.hostKeyFingerprint,
        changed: true
      })
      expect(await rejectionCode(t.connector.trustHostKey!(ecdsaOnly.hostKeyFingerprint))).toBe(
        'ssh.hostkey_changed'
      )
      expect(await rejectionCode(t.connector.link())).toBe('ssh.hostkey_changed')
    } finally {
      await t?.close()
      await ecdsaOnly.stop()
    }
  })

  it('asks a server with ed25519 and ECDSA keys for the type on file first, as OpenSSH does', async () => {
    const both = await startSshd({ hostKeyTypes: ['ed25519', 'ecdsa'] })
    let t: TestConnector | undefined
    try {
      // Without the preference, ed25519 (first in the default list) would be presented: "changed".
      t = rig.connect(tunnelProfile(both), rig.newHome([both.hostKeys.ecdsa?.line as string]))
      await t.connector.link()
      expect(t.states.map((s) => s.status)).toEqual(['connecting', 'connected'])
      await t.close()
      t = rig.connect(tunnelProfile(both), rig.newHome([both.hostKeys.ed25519?.line as string]))
      await t.connector.link()
      expect(t.connector.state().status).toBe('connected')
    } finally {
      await t?.close()
      await both.stop()
    }
  })
})

describe('network failures before a key is seen', () => {
  it('a name that does not resolve → ssh.dns', async () => {
    const t = rig.connect(
      tunnelProfile(rig.sshd, { ssh: { host: 'no-such-host.invalid' }, connectSec: 3 }),
      rig.newHome()
    )
    const s = await t.waitFor((x) => x.error !== undefined)
    expect(s.error).toMatchObject({ code: 'ssh.dns', params: { host: 'no-such-host.invalid' } })
  })

  it('nothing listening → ssh.refused, then reconnecting with attempt and next retry time', async () => {
    const port = await freePort()
    const t = rig.connect(tunnelProfile(rig.sshd, { ssh: { port } }), rig.newHome(), {
      backoff: { baseMs: 200, capMs: 400 }
    })
    const s = await t.waitFor(
      (x) => x.status === 'reconnecting' && (x.attempt ?? 0) >= 2 && x.nextRetryAt !== undefined
    )
    expect(s.error).toMatchObject({ code: 'ssh.refused', params: { host: '127.0.0.1', port } })
    expect(s.nextRetryAt).toBeGreaterThan(Date.now() - 1000)
    expect(await rejectionCode(t.connector.link())).toBe('ssh.refused')
  })

  it('a request arriving just as an attempt fails does not cancel the retry that failure armed', async () => {
    const port = await freePort()
    const t = rig.connect(tunnelProfile(rig.sshd, { ssh: { port } }), rig.newHome(), {
      backoff: { baseMs: 200, capMs: 400 }
    })
    // The request comes in the same turn as the failure, after its retry is armed and before the
    // failed attempt has been let go: the moment a user's message can meet a dying attempt.
    let demanded: Promise<string> | undefined
    const off = t.connector.onState((s) => {
      if (s.status !== 'reconnecting' || s.nextRetryAt === undefined) return
      off()
      queueMicrotask(() => (demanded = rejectionCode(t.connector.link())))
    })
    const failed = await t.waitFor(
      (s) => s.status === 'reconnecting' && s.nextRetryAt !== undefined
    )
    expect(await demanded).toBe('ssh.refused')
    // The armed retry still runs: the backoff goes on by itself.
    await t.waitFor((s) => (s.attempt ?? 0) > (failed.attempt ?? 0), 5000)
  })

  it('a server that never says hello → ssh.timeout after connectSec', async () => {
    const silent = net.createServer(() => undefined)
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', () => r()))
    try {
      const port = (silent.address() as net.AddressInfo).port
      const t = rig.connect(
        tunnelProfile(rig.sshd, { ssh: { port }, connectSec: 1 }),
        rig.newHome()
      )
      // Within 5 s, where the default connect timeout (20 s) would not have ended it yet.
      const s = await t.waitFor((x) => x.error !== undefined, 5000)
      expect(s.error).toMatchObject({ code: 'ssh.timeout', params: { seconds: 1 } })
      await t.close()
    } finally {
      silent.close()
    }
  })

  it('close() during a connect in progress aborts it at once', async () => {
    const silent = net.createServer((socket) => socket.on('error', () => undefined))
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', () => r()))
    try {
      const port = (silent.address() as net.AddressInfo).port
      const accepted = new Promise((r) => silent.once('connection', r))
      const t = rig.connect(
        tunnelProfile(rig.sshd, { ssh: { port }, connectSec: 20 }),
        rig.newHome()
      )
      const pending = t.connector.link()
      // The connect is in progress: the server has the TCP connection and says nothing.
      await accepted
      // A close that waited for the handshake would end only at the 20 s connect timeout; half of
      // that leaves a loaded machine room without timing what "at once" costs.
      const started = Date.now()
      await t.close()
      expect(Date.now() - started).toBeLessThan(10_000)
      expect(t.connector.state().status).toBe('idle')
      expect(await rejectionCode(pending)).toBe('ssh.disconnected')
    } finally {
      silent.close()
    }
  })
})

/**
 * The tunnel as the chat uses it: the reference backend (FastAPI under uvicorn) on a loopback port
 * the test never calls directly, reached only through a real sshd. Covers the forward itself, a
 * jump host, the far side saying no, the link dying in every way (killed, sshd restarted, frozen)
 * and coming back, the optional local port, and a clean close.
 */
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import http from 'node:http'
import https from 'node:https'
import { join } from 'node:path'
import net from 'node:net'
import { networkInterfaces } from 'node:os'
import { describe, expect, it, vi } from 'vitest'
import { freePort } from '../../../../test/fixtures/ports'
import { startSshd } from '../../../../test/fixtures/sshd'
import { httpGet, rejectionCode, tunnelProfile } from './testKit'
import { withSshdAndTarget } from './testRig'

const rig = withSshdAndTarget({ backend: true })

const toBackend = (over: Record<string, unknown> = {}) => ({
  target: { host: '127.0.0.1', port: rig.backend.port },
  ...over
})
const chatPath = (message: string, knobs = '') =>
  `/api_chat?message=${encodeURIComponent(message)}&format=text${knobs}`

/** A connector to the backend through an sshd of the test's own, which it may stop, freeze or restart. */
async function throughOwnSshd(
  connection: Record<string, unknown> = {},
  extra?: Parameters<typeof rig.connect>[2]
) {
  const own = rig.later(await startSshd())
  const t = rig.connect(
    tunnelProfile(own, { connection: toBackend(connection) }),
    rig.newHome([own.hostPublicKeyLine]),
    extra
  )
  return { own, t }
}

describe('requests through the tunnel', () => {
  it('reaches the backend on the far side and streams a Korean reply, reusing channels on one SSH session', async () => {
    const t = rig.connect(tunnelProfile(rig.sshd, { connection: toBackend() }))
    const link = await t.connector.link()
    expect(link.origin.toString()).toBe(`http://127.0.0.1:${rig.backend.port}/`)
    expect(await httpGet(link, '/health')).toMatchObject({ status: 200 })
    const replies = await Promise.all([1, 2, 3].map((i) => httpGet(link, chatPath(`안녕 ${i}`))))
    expect(replies.map((r) => r.body)).toEqual(['Echo: 안녕 1', 'Echo: 안녕 2', 'Echo: 안녕 3'])
    // One SSH connection for everything (ssh2's HTTPAgent would have made one per socket).
    expect(rig.sshd.connectionCount()).toBeGreaterThan(0)
    const before = rig.sshd.connectionCount()
    await httpGet(link, chatPath('again'))
    expect(rig.sshd.connectionCount()).toBe(before)
  })

  it('fails a request with ssh.target_closed when nothing listens on the far side, and stays connected', async () => {
    const closedPort = await freePort()
    const t = rig.connect(
      tunnelProfile(rig.sshd, { connection: { target: { host: '127.0.0.1', port: closedPort } } }),
      rig.home
    )
    const link = await t.connector.link()
    expect(await rejectionCode(httpGet(link, '/health'))).toBe('ssh.target_closed')
    expect(t.connector.state()).toMatchObject({
      status: 'connected',
      error: { code: 'ssh.target_closed', params: { port: closedPort } }
    })
  })

  it('fails a request with ssh.forward_refused when the server has AllowTcpForwarding no', async () => {
    const strict = await startSshd({ allowTcpForwarding: false })
    rig.later(strict)
    const t = rig.connect(
      tunnelProfile(strict, { connection: toBackend() }),
      rig.newHome([strict.hostPublicKeyLine])
    )
    const link = await t.connector.link()
    expect(await rejectionCode(httpGet(link, '/health'))).toBe('ssh.forward_refused')
    expect(t.connector.state().error?.message).toMatch(/AllowTcpForwarding/)
  })

  it('goes through a jump host (ProxyJump, two sshd)', async () => {
    const bastion = await startSshd()
    rig.later(bastion)
    const profile = tunnelProfile(rig.sshd, {
      connection: toBackend({
        jump: {
          host: bastion.host,
          port: bastion.port,
          username: bastion.username,
          auth: 'key',
          keyPath: bastion.clientKeyPath
        }
      })
    })
    let t = rig.connect(
      profile,
      rig.newHome([bastion.hostPublicKeyLine, rig.sshd.hostPublicKeyLine])
    )
    const link = await t.connector.link()
    expect((await httpGet(link, chatPath('via A'))).body).toBe('Echo: via A')
    expect(t.connector.state().detail).toMatchObject({
      via: `${bastion.username}@127.0.0.1:${bastion.port}`,
      cipher: 'aes128-gcm@openssh.com'
    })
    // Both hops are checked: an unknown key behind the bastion is asked about too.
    await t.close()
    t = rig.connect(profile, rig.newHome([bastion.hostPublicKeyLine]))
    const failed = await t.waitFor((s) => s.status === 'failed')
    expect(failed.hostKeyPrompt).toMatchObject({
      port: rig.sshd.port,
      fingerprint: rig.sshd.hostKeyFingerprint
    })
  })
})

describe('https to the target (scheme https)', () => {
  it('speaks TLS inside the channel and checks the certificate against the target name', async () => {
    const key = join(rig.home.dataDir, 'tls.key')
    const cert = join(rig.home.dataDir, 'tls.crt')
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-keyout',
        key,
        '-out',
        cert,
        '-days',
        '1',
        '-subj',
        '/CN=localhost',
        '-addext',
        'subjectAltName=DNS:localhost'
      ],
      { stdio: 'ignore' }
    )
    const server = https.createServer(
      { key: readFileSync(key), cert: readFileSync(cert) },
      (req, res) => res.end(`tls ${req.url}`)
    )
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()))
    rig.later({ stop: () => new Promise<void>((r) => server.close(() => r())) })
    const port = (server.address() as net.AddressInfo).port
    // The trust is the profile's (its CA file, or a pin), never a per-request option.
    const profile = (tls: Record<string, unknown>) => ({
      ...tunnelProfile(rig.sshd, {
        connection: { scheme: 'https', target: { host: 'localhost', port } }
      }),
      tls: { caFile: '', pinnedCertificates: [], ...tls }
    })
    const get = async () => {
      const link = await t.connector.link()
      return new Promise<string>((resolve, reject) => {
        https
          .get(new URL('/secure', link.origin), { agent: link.agent }, (res) => {
            let body = ''
            res
              .setEncoding('utf8')
              .on('data', (c: string) => (body += c))
              .on('end', () => resolve(body))
          })
          .on('error', reject)
      })
    }
    let t = rig.connect(profile({ caFile: cert }))
    expect((await t.connector.link()).origin.toString()).toBe(`https://localhost:${port}/`)
    expect(await get()).toBe('tls /secure')
    await t.close()
    t = rig.connect(profile({}))
    await expect(get()).rejects.toThrow(/self-signed/)
  })
})

describe('liveness and reconnect', () => {
  it('a connection killed mid-stream fails the request clearly, reconnects, and the retry succeeds', async () => {
    const t = rig.connect(tunnelProfile(rig.sshd, { connection: toBackend() }))
    const link = await t.connector.link()
    let killed: Promise<void> | undefined
    const inFlight = httpGet(link, chatPath('long reply', '&tokens=200&delay_ms=50'), {
      // Awaited below, once the request has failed.
      onChunk: () => {
        killed ??= rig.sshd.killConnections()
      }
    })
    await expect(inFlight).rejects.toThrow(/aborted|incomplete|socket hang up/)
    await killed
    await t.waitFor((s) => s.status === 'reconnecting' && s.error !== undefined)
    const back = await t.waitFor((s) => s.status === 'connected' && t.states.indexOf(s) > 1)
    expect(back.error).toBeUndefined()
    expect((await httpGet(await t.connector.link(), chatPath('retry'))).body).toBe('Echo: retry')
    const reconnecting = t.states.find((s) => s.status === 'reconnecting')
    expect(reconnecting).toMatchObject({ attempt: 1, error: { code: 'ssh.disconnected' } })
  })

  it('sshd stopped and restarted: reconnecting meanwhile, and the next request succeeds within 2 s of sshd being back', async () => {
    const { own, t } = await throughOwnSshd({ keepaliveIntervalSec: 1, keepaliveCountMax: 2 })
    await httpGet(await t.connector.link(), '/health')
    await own.stop({ keepFiles: true })
    const down = await t.waitFor(
      (s) => s.status === 'reconnecting' && (s.attempt ?? 0) >= 2,
      15_000
    )
    expect(down.error?.code).toBe('ssh.refused')
    expect(await rejectionCode(t.connector.link())).toBe('ssh.refused')
    // Until the backoff has grown past 2 s (the next retry is scheduled more than 3 s ahead): only
    // an immediate retry on demand passes then.
    await t.waitFor(
      (s) => s.status === 'reconnecting' && (s.nextRetryAt ?? 0) - Date.now() > 3000,
      20_000
    )
    await own.start()
    const back = Date.now()
    const res = await httpGet(await t.connector.link(), chatPath('back'))
    expect(res.body).toBe('Echo: back')
    expect(Date.now() - back).toBeLessThan(2000)
  })

  it('comes back on its own (backoff schedule) when nobody is asking', async () => {
    const { own, t } = await throughOwnSshd({}, { backoff: { baseMs: 100, capMs: 300 } })
    await t.connector.link()
    await own.stop({ keepFiles: true })
    await t.waitFor((s) => s.status === 'reconnecting' && (s.attempt ?? 0) >= 3)
    const mark = t.states.length
    await own.start()
    await t.waitFor((s) => s.status === 'connected' && t.states.indexOf(s) >= mark, 3000)
    const attempts = t.states
      .filter((s) => s.status === 'reconnecting' && s.nextRetryAt !== undefined)
      .map((s) => s.attempt)
    expect(attempts.slice(0, 3)).toEqual([1, 2, 3])
  })

  it('a silently dead link (no FIN, no RST) is detected by keepalives within interval x count', async () => {
    const { own, t } = await throughOwnSshd({ keepaliveIntervalSec: 1, keepaliveCountMax: 2 })
    await httpGet(await t.connector.link(), '/health')
    const frozenAt = Date.now()
    own.pauseConnections()
    try {
      const lost = await t.waitFor((s) => s.status === 'reconnecting', 8000)
      expect(lost.error).toMatchObject({ code: 'ssh.timeout', params: { reason: 'keepalive' } })
      // ssh2 declares the link dead on the (count+1)th unanswered interval: ~3 s here.
      expect(Date.now() - frozenAt).toBeLessThan(5000)
      // The listener itself is fine, so the tunnel comes straight back on a new session.
      await t.waitFor((s) => s.status === 'connected' && t.states.indexOf(s) > 2, 5000)
      expect((await httpGet(await t.connector.link(), chatPath('alive'))).body).toBe('Echo: alive')
    } finally {
      own.resumeConnections()
    }
  })
})

describe('the optional local port', () => {
  const addresses = () =>
    Object.values(networkInterfaces())
      .flat()
      .filter((i): i is NonNullable<typeof i> => !!i && i.family === 'IPv4' && !i.internal)
      .map((i) => i.address)

  it('answers on 127.0.0.1 only, like ssh -L', async () => {
    const localPort = await freePort()
    const t = rig.connect(tunnelProfile(rig.sshd, { connection: toBackend({ localPort }) }))
    await t.connector.link()
    expect(t.connector.state().detail?.localPort).toBe(localPort)
    const res = await new Promise<string>((resolve, reject) => {
      http
        .get(`http://127.0.0.1:${localPort}${chatPath('from curl')}`, (r) => {
          let body = ''
          r.setEncoding('utf8')
            .on('data', (c: string) => (body += c))
            .on('end', () => resolve(body))
        })
        .on('error', reject)
    })
    expect(res).toBe('Echo: from curl')
    // Not on another loopback address nor on the machine's network addresses: bound to 127.0.0.1.
    for (const address of ['127.0.0.2', ...addresses()]) {
      const code = await new Promise<string>((resolve) => {
        const s = net.connect({ host: address, port: localPort }, () => {
          s.destroy()
          resolve('connected')
        })
        s.on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? 'error'))
      })
      expect(code, address).toBe('ECONNREFUSED')
    }
  })

  it('a port already in use gets ssh.port_in_use with the port', async () => {
    const busy = net.createServer()
    await new Promise<void>((r) => busy.listen(0, '127.0.0.1', () => r()))
    const port = (busy.address() as net.AddressInfo).port
    try {
      const t = rig.connect(tunnelProfile(rig.sshd, { connection: toBackend({ localPort: port }) }))
      const failed = await t.waitFor((s) => s.status === 'failed')
      expect(failed.error).toMatchObject({ code: 'ssh.port_in_use', params: { port } })
      expect(failed.error?.message).toContain(String(port))
      expect(await rejectionCode(t.connector.link())).toBe('ssh.port_in_use')
    } finally {
      busy.close()
    }
  })
})

describe('close()', () => {
  it('ends the SSH session, the local port and every timer: no handles left behind', async () => {
    const own = await startSshd()
    rig.later(own)
    const count = (types: string[]) =>
      process.getActiveResourcesInfo().filter((r) => types.includes(r)).length
    const watched = ['TCPSocketWrap', 'TCPServerWrap', 'Timeout']
    const before = count(watched)
    const localPort = await freePort()
    const t = rig.connect(
      tunnelProfile(own, { connection: toBackend({ localPort, keepaliveIntervalSec: 1 }) }),
      rig.newHome([own.hostPublicKeyLine])
    )
    const link = await t.connector.link()
    await httpGet(link, '/health')
    expect(own.connectionCount()).toBeGreaterThan(0)
    expect(count(watched)).toBeGreaterThan(before)
    await t.close()
    expect(t.connector.state().status).toBe('idle')
    expect(await rejectionCode(t.connector.link())).toBe('ssh.disconnected')
    // Once the event loop has retired what was closed. (Other fixtures' timers may have ended
    // meanwhile, hence "no more than before".)
    await vi.waitFor(() => expect(count(watched)).toBeLessThanOrEqual(before))
    const deadline = Date.now() + 3000
    while (own.connectionCount() > 0 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50))
    expect(own.connectionCount()).toBe(0)
  })
})

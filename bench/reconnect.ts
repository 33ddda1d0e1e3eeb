/**
 * 4. Reconnect: the SSH server goes away (sshd stopped: listener and sessions), the tunnel
 * connector notices and starts its backoff; sshd comes back on the same port. Measured: from the
 * moment sshd accepts TCP connections again (a 5 ms probe loop finds it) to the first successful
 * HTTP request through the tunnel. Meanwhile requests are sent the way a user's messages would
 * arrive while the link is down: one after another, 20 ms apart, each failing fast until the link
 * is back (a request that needs the link makes the connector try at once instead of waiting out
 * its backoff). Everything here is bounded in count and time.
 */
import net from 'node:net'
import type { RunningBackend } from '../test/fixtures/backend'
import { startTunnelTo } from '../src/core/connection/tunnel/testKit'
import { timedGet } from './lib/http'
import { ms, type Report } from './lib/report'
import { median, now, progress, sleep } from './lib/stats'

function probeOnce(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: '127.0.0.1' })
    const done = (ok: boolean) => {
      socket.destroy()
      resolve(ok)
    }
    socket.once('connect', () => done(true))
    socket.once('error', () => done(false))
    socket.setTimeout(1000, () => done(false))
  })
}

/** Resolves with the time sshd first accepted a connection (probing every 5 ms, at most `ms`). */
async function reachableAt(port: number, limitMs: number): Promise<number> {
  const deadline = now() + limitMs
  while (now() < deadline) {
    if (await probeOnce(port)) return now()
    await sleep(5)
  }
  throw new Error(`sshd not reachable within ${limitMs} ms`)
}

export async function benchReconnect(ctx: {
  backend: RunningBackend
  report: Report
  quick: boolean
}): Promise<void> {
  const { backend, report } = ctx
  const rounds = ctx.quick ? 3 : 7
  // The profile's defaults for keepalives; a short connect timeout only bounds a stuck attempt.
  const far = await startTunnelTo(backend.port, { connectSec: 5 })
  const { sshd, tunnel } = far
  const url = (origin: URL) => new URL('/health', origin)
  const results: number[] = []
  const attempts: number[] = []
  try {
    await tunnel.waitFor((s) => s.status === 'connected', 15_000)
    const link = await tunnel.connector.link()
    await timedGet(url(link.origin), link.agent as never)
    progress(`reconnect: ${rounds} rounds of sshd stop → start`)
    for (let round = 0; round < rounds; round++) {
      const lostAt = tunnel.states.length
      await sshd.stop({ keepFiles: true })
      await tunnel.waitFor(
        (s) => s.status === 'reconnecting' && tunnel.states.indexOf(s) >= lostAt,
        10_000
      )
      // Requests keep coming while the server is down; each fails fast (connection refused).
      let succeededAt = Number.NaN
      let tries = 0
      let stopLoop = false
      const loop = (async () => {
        const deadline = now() + 30_000
        while (!stopLoop && now() < deadline && tries < 3000) {
          tries++
          try {
            const r = await timedGet(url(link.origin), link.agent as never, {}, 5000)
            if (r.status === 200) {
              succeededAt = now()
              return
            }
          } catch {
            // down: try again shortly
          }
          await sleep(20)
        }
      })()
      await sleep(300)
      const reachable = reachableAt(sshd.port, 15_000)
      await sshd.start()
      const upAt = await reachable
      await loop
      stopLoop = true
      if (Number.isNaN(succeededAt))
        throw new Error(`no successful request within 30 s of sshd coming back (${tries} tries)`)
      results.push(succeededAt - upAt)
      attempts.push(tries)
    }
    const med = median(results)
    report.set('reconnect.ms', med)
    report.set('reconnect.max_ms', Math.max(...results))
    report.row({
      section: '4 reconnect',
      figure: `sshd reachable again → first successful request (median of ${results.length})`,
      value: ms(med, 0),
      compared: `min ${ms(Math.min(...results), 0)}, max ${ms(Math.max(...results), 0)}; SSH handshake + login + forward + request`
    })
  } finally {
    await far.stop()
  }
}

/**
 * 2. Tunnel: the app's in-process ssh2 forward versus OpenSSH's `ssh -N -L`, on the same sshd, to
 * the same backend, with the same HTTP client (`http.request`, keep-alive, body read to the end):
 *
 * - ssh2: the tunnel connector the core builds for a tunnel profile; requests go through its
 *   link's agent, whose sockets are `direct-tcpip` channels of one long-lived SSH session.
 * - OpenSSH: `ssh -N -L port:127.0.0.1:backend` as a child process; requests go to 127.0.0.1:port
 *   on a keep-alive agent (one more local TCP hop, and the ssh process in between).
 *
 * Per-request latency is the small chat request of section 1; throughput is a 50 MiB reply
 * (`/bulk?bytes=52428800`), in MB/s where 1 MB = 2^20 bytes. The negotiated ciphers are printed:
 * ssh2 offers AES-GCM first, OpenSSH's default preference puts chacha20-poly1305 first, so the
 * bulk run is repeated with OpenSSH told to use the same AES-GCM cipher, for a like-for-like view.
 */
import type { RunningBackend } from '../test/fixtures/backend'
import { startTunnelTo } from '../src/core/connection/tunnel/testKit'
import { keepAliveAgent, timedGet } from './lib/http'
import { startOpenSshForward } from './lib/openssh'
import { ms, ratio, type Report } from './lib/report'
import { alternating, fmt, median, progress, summarize, within } from './lib/stats'

const bulkBytes = 52_428_800
const mbps = (bytes: number, millis: number) => bytes / 2 ** 20 / (millis / 1000)

export async function benchTunnel(ctx: {
  backend: RunningBackend
  report: Report
  quick: boolean
}): Promise<void> {
  const { backend, report } = ctx
  const samples = ctx.quick ? 150 : 1500
  const bulkRuns = ctx.quick ? 3 : 7
  const far = await startTunnelTo(backend.port, { connectSec: 10 })
  const { sshd, tunnel } = far
  const openssh = await startOpenSshForward(sshd, backend.port)
  const opensshGcm = await startOpenSshForward(sshd, backend.port, ['-c', 'aes128-gcm@openssh.com'])
  const plainAgent = keepAliveAgent()
  const gcmAgent = keepAliveAgent()
  try {
    await backend.clearKnobs()
    await tunnel.waitFor((s) => s.status === 'connected', 15_000)
    const cipher = String(tunnel.connector.state().detail?.cipher ?? 'unknown')
    const link = await tunnel.connector.link()
    const path = '/api_chat?message=ping'
    const sse = { accept: 'text/event-stream' }
    const viaSsh2 = () => timedGet(new URL(path, link.origin), link.agent as never, sse)
    const viaOpenSsh = () =>
      timedGet(new URL(path, `http://127.0.0.1:${openssh.localPort}`), plainAgent, sse)

    progress(
      `tunnel: ciphers ssh2 ${cipher}, OpenSSH ${openssh.cipher}; ${samples} requests each way`
    )
    for (let i = 0; i < 40; i++) {
      await viaSsh2()
      await viaOpenSsh()
    }
    const [a, b] = await alternating(
      samples,
      25,
      async () => (await viaSsh2()).totalMs,
      async () => (await viaOpenSsh()).totalMs
    )

    progress(
      `tunnel: 50 MiB bulk × ${bulkRuns} each (direct, ssh2, OpenSSH default, OpenSSH aes128-gcm)`
    )
    const bulkUrl = (origin: string) => new URL(`/bulk?bytes=${bulkBytes}`, origin)
    const bulk = async (origin: string, agent: Parameters<typeof timedGet>[1]) => {
      const r = await within(timedGet(bulkUrl(origin), agent, {}, 120_000), 125_000, 'bulk')
      if (r.bytes !== bulkBytes)
        throw new Error(`bulk: got ${r.bytes} bytes, expected ${bulkBytes}`)
      return mbps(r.bytes, r.totalMs)
    }
    const direct: number[] = []
    const ssh2Bulk: number[] = []
    const opensshBulk: number[] = []
    const gcmBulk: number[] = []
    // One unmeasured run each first: the first transfer through a path pays for JIT warm-up.
    for (let i = -1; i < bulkRuns; i++) {
      const keep = (list: number[]) => (value: number) => void (i >= 0 && list.push(value))
      keep(direct)(await bulk(backend.url, plainAgent))
      keep(ssh2Bulk)(await bulk(link.origin.toString(), link.agent as never))
      keep(opensshBulk)(await bulk(`http://127.0.0.1:${openssh.localPort}`, plainAgent))
      keep(gcmBulk)(await bulk(`http://127.0.0.1:${opensshGcm.localPort}`, gcmAgent))
    }

    progress(
      `tunnel: bulk MB/s direct ${direct.map((v) => v.toFixed(0))}, ssh2 ${ssh2Bulk.map((v) => v.toFixed(0))}, OpenSSH ${opensshBulk.map((v) => v.toFixed(0))}, OpenSSH GCM ${gcmBulk.map((v) => v.toFixed(0))}`
    )
    const s = summarize(a)
    const o = summarize(b)
    const sb = median(ssh2Bulk)
    const ob = median(opensshBulk)
    const gb = median(gcmBulk)
    const db = median(direct)
    report.set('tunnel.p50_ms', s.p50)
    report.set('tunnel.p99_ms', s.p99)
    report.set('tunnel.bulk_mbps', sb)
    report.set('openssh.p50_ms', o.p50)
    report.set('openssh.p99_ms', o.p99)
    report.set('openssh.bulk_mbps', ob)
    report.set('openssh_gcm.bulk_mbps', gb)
    report.set('direct.bulk_mbps', db)
    const stalls = (list: number[]) => list.filter((v) => v > 30).length
    report.set('tunnel.stalled_requests', stalls(a))
    report.set('openssh.stalled_requests', stalls(b))
    report.set('tunnel.cipher', cipher)
    report.set('openssh.cipher', openssh.cipher)
    const sec = '2 tunnel'
    report.row({
      section: sec,
      figure: 'negotiated cipher (server→client)',
      value: `ssh2 ${cipher}`,
      compared: `OpenSSH ${openssh.cipher}`
    })
    report.row({
      section: sec,
      figure: `OpenSSH ssh -N -L request (n=${o.n}) p50 / p99`,
      value: `${ms(o.p50)} / ${ms(o.p99)}`,
      compared: `${stalls(b)} requests over 30 ms (Nagle/delayed-ACK stalls)`
    })
    report.row({
      section: sec,
      figure: `ssh2 in-process request (n=${s.n}) p50`,
      value: ms(s.p50),
      compared: `${ratio(s.p50, o.p50)} OpenSSH`,
      goal: { text: '≤ 0.5× OpenSSH', met: s.p50 <= 0.5 * o.p50 }
    })
    report.row({
      section: sec,
      figure: 'ssh2 in-process request p99',
      value: ms(s.p99),
      compared: `${ratio(s.p99, o.p99)} OpenSSH; ${stalls(a)} requests over 30 ms`,
      goal: { text: '≤ 0.1× OpenSSH', met: s.p99 <= 0.1 * o.p99 }
    })
    report.row({
      section: sec,
      figure: `50 MiB reply, direct (no tunnel), median of ${direct.length}`,
      value: `${fmt(db, 0)} MB/s`
    })
    report.row({
      section: sec,
      figure: `50 MiB reply, OpenSSH (${openssh.cipher})`,
      value: `${fmt(ob, 0)} MB/s`
    })
    report.row({
      section: sec,
      figure: `50 MiB reply, OpenSSH -c ${opensshGcm.cipher}`,
      value: `${fmt(gb, 0)} MB/s`
    })
    report.row({
      section: sec,
      figure: `50 MiB reply, ssh2 in-process (${cipher})`,
      value: `${fmt(sb, 0)} MB/s`,
      compared: `${ratio(sb, ob)} OpenSSH default, ${ratio(sb, gb)} OpenSSH GCM`,
      goal: { text: '≥ 1.5× OpenSSH', met: sb >= 1.5 * ob }
    })
  } finally {
    plainAgent.destroy()
    gcmAgent.destroy()
    await openssh.stop()
    await opensshGcm.stop()
    await far.stop()
  }
}

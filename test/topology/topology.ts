/**
 * The original two-server network, rebuilt from Linux network namespaces: one private test range
 * (192.168.0.0/24, the addresses of the original note) that exists only inside the namespaces
 * created here. Nothing is ever added to the root namespace: the veth pairs are created inside the
 * switch namespace and their far ends moved straight into the hosts; no namespace has a default
 * route; IPv6 is off in every one of them, so the only addresses are the ones below.
 *
 *                 ┌──────────── <prefix>-sw (the LAN switch) ────────────┐
 *                 │                          br0                          │
 *                 │        v-desk            v-a              v-b         │
 *                 └──────────┼────────────────┼────────────────┼──────────┘
 *                      eth0  │          eth0  │          eth0  │
 *                 <prefix>-desk         <prefix>-a         <prefix>-b
 *                 192.168.0.100         192.168.0.10       192.168.0.20
 *                 staff desk: the app   Server A: sshd     Server B: sshd, uvicorn :8000 on
 *                                       (the bastion)      192.168.0.20 (firewalled: A only),
 *                                                          uvicorn on 127.0.0.1:8030 (dev)
 *
 * Used by the runner (run.ts: build, start, tear down) and by the tests (impair or blackhole the
 * desk's link, reboot Server B). Plain Node, no Vitest import.
 */
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

export const subnet = '192.168.0.0/24'
export const addr = { desk: '192.168.0.100', a: '192.168.0.10', b: '192.168.0.20' } as const
export type Host = keyof typeof addr
export const hosts: Host[] = ['desk', 'a', 'b']

export const topologyDir = resolve(__dirname)
export const wireScript = join(topologyDir, 'wire.py')
export const python = process.env.KHA_PYTHON ?? '/usr/bin/python3'

/** Namespace names of one run: `kha-<runner pid>-<role>`, so parallel runs never collide. */
export interface Names {
  prefix: string
  sw: string
  desk: string
  a: string
  b: string
}

export function namesFor(prefix: string): Names {
  return { prefix, sw: `${prefix}-sw`, desk: `${prefix}-desk`, a: `${prefix}-a`, b: `${prefix}-b` }
}

const nsPattern = /^kha-(\d+)-(sw|desk|a|b|probe)$/

// --- running things --------------------------------------------------------------------------

/** Run a command and return stdout; throws with stderr in the message. */
export function sh(cmd: string, args: string[], input?: string): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8', input, stdio: ['pipe', 'pipe', 'pipe'] })
  if (r.error) throw new Error(`${cmd} ${args.join(' ')}: ${r.error.message}`)
  if (r.status !== 0)
    throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${(r.stderr || r.stdout).trim()}`)
  return r.stdout
}

/** `ip netns exec <ns> cmd args…`, synchronously. */
export function inNs(ns: string, cmd: string, args: string[] = [], input?: string): string {
  return sh('ip', ['netns', 'exec', ns, cmd, ...args], input)
}

/** `ip -n <ns> …`: an iproute2 command applied inside the namespace. */
export function ipIn(ns: string, ...args: string[]): string {
  return sh('ip', ['-n', ns, ...args])
}

/** Apply an nftables script inside the namespace (never the host's ruleset). */
export function nftIn(ns: string, script: string): void {
  inNs(ns, 'nft', ['-f', '-'], script)
}

// --- processes in a namespace ----------------------------------------------------------------

/** Every process whose network namespace is `ns` (`ip netns pids`), never this process. */
export function nsPids(ns: string): number[] {
  const r = spawnSync('ip', ['netns', 'pids', ns], { encoding: 'utf8' })
  if (r.status !== 0) return []
  return r.stdout
    .split(/\s+/)
    .filter((s) => /^\d+$/.test(s))
    .map(Number)
    .filter((pid) => pid !== process.pid)
}

function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    return !stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z')
  } catch {
    return false
  }
}

function signalAll(pids: number[], sig: NodeJS.Signals): void {
  for (const pid of pids) {
    try {
      process.kill(pid, sig)
    } catch {
      // Already gone.
    }
  }
}

/**
 * Stop everything running in the namespace: SIGTERM, then SIGKILL after `graceMs`. Resolves when
 * they are gone. This is how a "host" is shut down (Server B's reboot) and how teardown makes sure
 * no sshd or uvicorn outlives the run, whoever started it.
 */
export async function killNsProcesses(ns: string, graceMs = 2000): Promise<void> {
  let pids = nsPids(ns)
  if (pids.length === 0) return
  signalAll(pids, 'SIGTERM')
  const deadline = Date.now() + graceMs
  while (Date.now() < deadline) {
    await sleep(25)
    pids = nsPids(ns).filter(alive)
    if (pids.length === 0) return
  }
  for (let round = 0; round < 40; round++) {
    signalAll(pids, 'SIGKILL')
    await sleep(25)
    pids = nsPids(ns).filter(alive)
    if (pids.length === 0) return
  }
  throw new Error(`processes ${pids.join(',')} in ${ns} did not exit`)
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms))

// --- building and removing the topology ------------------------------------------------------

export function listNamespaces(): string[] {
  const r = spawnSync('ip', ['netns', 'list'], { encoding: 'utf8' })
  if (r.status !== 0) return []
  return r.stdout
    .split('\n')
    .map((l) => l.trim().split(/\s+/)[0] ?? '')
    .filter((n) => n !== '')
}

function addNamespace(ns: string): void {
  sh('ip', ['netns', 'add', ns])
  // No IPv6 (not even link-local): the one test range is the only network in here.
  inNs(ns, 'sh', [
    '-c',
    'echo 1 > /proc/sys/net/ipv6/conf/all/disable_ipv6; echo 1 > /proc/sys/net/ipv6/conf/default/disable_ipv6'
  ])
  ipIn(ns, 'link', 'set', 'lo', 'up')
}

/** B's firewall, the nftables equivalent of `ufw allow from 192.168.0.10 to any port 8000; ufw deny 8000`. */
export function serverBFirewall(): string {
  return `table inet kha_ufw {
  chain input {
    type filter hook input priority filter; policy accept;
    # ufw-before-input: loopback and replies to established connections are always allowed
    iifname "lo" accept
    ct state established,related accept
    # ufw allow from 192.168.0.10 to any port 8000
    ip saddr ${addr.a} tcp dport 8000 accept
    ip saddr ${addr.a} udp dport 8000 accept
    # ufw deny 8000: a DROP, so a client elsewhere sees nothing at all (its connect times out)
    tcp dport 8000 drop
    udp dport 8000 drop
  }
}
`
}

/**
 * Create the namespaces, the bridge, the three links and the addresses, and B's firewall. On any
 * failure the caller's teardown removes what was made (everything is named by the prefix).
 */
export function createTopology(n: Names): void {
  for (const ns of [n.sw, n.desk, n.a, n.b]) addNamespace(ns)
  ipIn(n.sw, 'link', 'add', 'br0', 'type', 'bridge')
  ipIn(n.sw, 'link', 'set', 'br0', 'up')
  for (const host of hosts) {
    const ns = n[host]
    // Created inside the switch namespace, the peer placed straight into the host: the root
    // namespace never sees either end.
    ipIn(n.sw, 'link', 'add', `v-${host}`, 'type', 'veth', 'peer', 'name', 'eth0', 'netns', ns)
    ipIn(n.sw, 'link', 'set', `v-${host}`, 'master', 'br0', 'up')
    ipIn(ns, 'addr', 'add', `${addr[host]}/24`, 'dev', 'eth0')
    ipIn(ns, 'link', 'set', 'eth0', 'up')
  }
  nftIn(n.b, serverBFirewall())
  // Belt and braces: the only routes are the on-link /24 and loopback.
  for (const host of hosts) {
    if (/default/.test(ipIn(n[host], 'route', 'show')))
      throw new Error(`${n[host]} has a default route`)
  }
}

/** Kill every process in the run's namespaces and delete them. Safe to call more than once. */
export async function destroyTopology(n: Names): Promise<void> {
  const mine = listNamespaces().filter((ns) => ns.startsWith(`${n.prefix}-`))
  // Processes first (a namespace with processes in it outlives `ip netns del`), hosts before the switch.
  const order = [n.desk, n.a, n.b, `${n.prefix}-probe`, n.sw].filter((ns) => mine.includes(ns))
  await Promise.all(order.map((ns) => killNsProcesses(ns).catch(() => undefined)))
  for (const ns of order) {
    for (let i = 0; i < 20; i++) {
      const r = spawnSync('ip', ['netns', 'del', ns], { encoding: 'utf8' })
      if (r.status === 0 || !listNamespaces().includes(ns)) break
      await sleep(50)
    }
  }
}

/** The temp folder of one run (keys, configs, logs). */
export function runDirFor(prefix: string): string {
  return join(tmpdir(), `${prefix}-topology`)
}

function runnerAlive(pid: number): boolean {
  try {
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8')
    return alive(pid) && cmdline.includes('topology')
  } catch {
    return false
  }
}

/**
 * Remove what earlier runs left behind when they were killed too hard to clean up (SIGKILL, a
 * crash): namespaces named `kha-<pid>-…` whose runner is gone, the processes still inside them,
 * and their temp folders. A run whose runner is still alive (a parallel run) is left alone.
 */
export async function cleanupStale(): Promise<string[]> {
  const removed: string[] = []
  const stalePrefixes = new Set<string>()
  for (const ns of listNamespaces()) {
    const m = nsPattern.exec(ns)
    if (m && !runnerAlive(Number(m[1]))) stalePrefixes.add(`kha-${m[1]}`)
  }
  for (const prefix of stalePrefixes) {
    await destroyTopology(namesFor(prefix))
    removed.push(prefix)
  }
  for (const entry of readdirSync(tmpdir())) {
    const m = /^kha-(\d+)-topology$/.exec(entry)
    if (m && !runnerAlive(Number(m[1])))
      rmSync(join(tmpdir(), entry), { recursive: true, force: true })
  }
  return removed
}

// --- what the tests do to the network ---------------------------------------------------------

/** Round-trip time from the desk to Server B in ms (one TCP connect to B's sshd, from the desk). */
export function probeRttMs(n: Names): number {
  const out = inNs(n.desk, python, [
    '-c',
    `import socket,time
t=time.monotonic(); s=socket.create_connection(("${addr.b}",22),10); print(round((time.monotonic()-t)*1000)); s.close()`
  ])
  return Number(out.trim())
}

export interface Impairment {
  /** `netem` (the kernel's) or `wire` (wire.py, where the kernel has no netem). */
  kind: 'netem' | 'wire'
  /** Frames (netem: packets) passed and dropped so far, both directions (wire.py: `passed` is exact after remove()). */
  counts(): { passed: number; dropped: number }
  remove(): Promise<void>
}

/** Can this kernel do netem? (Debian's can; minimal VM kernels often cannot.) */
export function kernelHasNetem(ns: string): boolean {
  const r = spawnSync(
    'ip',
    ['netns', 'exec', ns, 'tc', 'qdisc', 'add', 'dev', 'lo', 'root', 'netem', 'delay', '1ms'],
    { encoding: 'utf8' }
  )
  if (r.status !== 0) return false
  spawnSync('ip', ['netns', 'exec', ns, 'tc', 'qdisc', 'del', 'dev', 'lo', 'root'])
  return true
}

function netemCounts(ns: string, dev: string): { passed: number; dropped: number } {
  const out =
    spawnSync('ip', ['netns', 'exec', ns, 'tc', '-s', 'qdisc', 'show', 'dev', dev], {
      encoding: 'utf8'
    }).stdout ?? ''
  return {
    passed: Number(/(\d+) pkt/.exec(out)?.[1] ?? 0),
    dropped: Number(/dropped (\d+)/.exec(out)?.[1] ?? 0)
  }
}

/**
 * `delay` and `loss` on the desk's link, both ways: `tc qdisc add dev <veth> root netem delay 200ms
 * loss 2%` on both ends of the desk's veth pair (each end impairs what it sends). Without netem in
 * the kernel, wire.py does the same in userspace, spliced into the link in the switch namespace.
 */
export async function impairDeskLink(
  n: Names,
  opts: { delayMs: number; lossPct: number; runDir: string }
): Promise<Impairment> {
  if (kernelHasNetem(n.desk)) {
    const ends: Array<[string, string]> = [
      [n.desk, 'eth0'],
      [n.sw, 'v-desk']
    ]
    for (const [ns, dev] of ends)
      inNs(ns, 'tc', [
        'qdisc',
        'add',
        'dev',
        dev,
        'root',
        'netem',
        'delay',
        `${opts.delayMs}ms`,
        'loss',
        `${opts.lossPct}%`
      ])
    const read = () =>
      ends
        .map(([ns, dev]) => netemCounts(ns, dev))
        .reduce((x, y) => ({ passed: x.passed + y.passed, dropped: x.dropped + y.dropped }), {
          passed: 0,
          dropped: 0
        })
    let final: { passed: number; dropped: number } | undefined
    return {
      kind: 'netem',
      counts: () => final ?? read(),
      async remove() {
        if (final) return
        final = read()
        for (const [ns, dev] of ends)
          spawnSync('ip', ['netns', 'exec', ns, 'tc', 'qdisc', 'del', 'dev', dev, 'root'])
      }
    }
  }
  if (!existsSync('/dev/net/tun'))
    throw new Error(
      'this kernel has neither netem (tc) nor /dev/net/tun (for wire.py): the impaired-link test cannot run'
    )
  const stats = join(opts.runDir, `wire-${Date.now()}.json`)
  const ready = `${stats}.ready`
  ipIn(n.sw, 'link', 'set', 'v-desk', 'nomaster')
  ipIn(n.sw, 'tuntap', 'add', 'dev', 't-desk', 'mode', 'tap')
  ipIn(n.sw, 'link', 'set', 't-desk', 'master', 'br0', 'up')
  inNs(n.desk, python, [wireScript, 'offload-off', 'eth0'])
  const child = spawn(
    'ip',
    [
      'netns',
      'exec',
      n.sw,
      python,
      wireScript,
      'run',
      '--packet',
      'v-desk',
      '--tap',
      't-desk',
      '--delay-ms',
      String(opts.delayMs),
      '--loss',
      String(opts.lossPct / 100),
      '--stats',
      stats,
      '--ready',
      ready
    ],
    {
      stdio: ['ignore', 'ignore', 'pipe']
    }
  )
  let err = ''
  child.stderr?.on('data', (d: Buffer) => (err += d.toString()))
  const exited = new Promise<void>((done) => child.once('exit', () => done()))
  const deadline = Date.now() + 5000
  while (!existsSync(ready)) {
    if (child.exitCode !== null || Date.now() > deadline)
      throw new Error(`wire.py did not start: ${err}`)
    await sleep(20)
  }
  const read = () => {
    try {
      const c = JSON.parse(readFileSync(stats, 'utf8')) as Record<string, number>
      return {
        passed: (c.toTap ?? 0) + (c.toPacket ?? 0),
        dropped: (c.droppedToTap ?? 0) + (c.droppedToPacket ?? 0)
      }
    } catch {
      return { passed: 0, dropped: 0 }
    }
  }
  let removed = false
  return {
    kind: 'wire',
    counts: read,
    async remove() {
      if (removed) return
      removed = true
      child.kill('SIGTERM')
      await Promise.race([exited, sleep(3000)])
      if (child.exitCode === null) child.kill('SIGKILL')
      spawnSync('ip', ['-n', n.sw, 'link', 'del', 't-desk'])
      ipIn(n.sw, 'link', 'set', 'v-desk', 'master', 'br0')
    }
  }
}

/**
 * The desk's link silently dead: every frame to or from the desk's switch port is dropped by an
 * nftables bridge table in the switch namespace. Nothing tells either side (no RST, no ICMP, no
 * link-down, no local EPERM): exactly a cable that stopped carrying anything.
 */
export function blackholeDesk(n: Names): { restore(): void } {
  nftIn(
    n.sw,
    `table bridge kha_blackhole {
  chain forward {
    type filter hook forward priority filter; policy accept;
    iifname "v-desk" drop
    oifname "v-desk" drop
  }
}
`
  )
  return {
    restore: () =>
      void spawnSync('ip', [
        'netns',
        'exec',
        n.sw,
        'nft',
        'delete',
        'table',
        'bridge',
        'kha_blackhole'
      ])
  }
}

/** For diagnostics in a failure message: what is listening in a namespace. */
export function listeners(ns: string): string {
  const r = spawnSync('ip', ['netns', 'exec', ns, 'ss', '-ltnp'], { encoding: 'utf8' })
  return r.stdout || r.stderr || ''
}

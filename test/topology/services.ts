/**
 * The servers of the topology, each started INSIDE its host's namespace with `ip netns exec`:
 *
 * - Server A: OpenSSH on 192.168.0.10:22 (the bastion).
 * - Server B: OpenSSH on 192.168.0.20:22; the reference backend exactly as the original note
 *   starts it (`uvicorn main:app --host 192.168.0.20 --port 8000`), behind B's firewall; and the
 *   development backend on B's 127.0.0.1:8030 (the note runs it with `--reload`, a file watcher
 *   that has nothing to do with the network, so it is left out here).
 *
 * The keys are generated once per run: a host key per server, and one client key (the developer's)
 * authorized on both. `known_hosts` holds both host keys, as a developer's would after the first
 * connection. A host's processes are stopped by killing everything in its namespace, which is also
 * how Server B "reboots". Started detached (own process group, output to log files), so a test
 * worker ending does not take them down; the runner's teardown does.
 *
 * This is a small variant of test/fixtures/sshd.ts (which listens on loopback in the current
 * namespace); it shares its choices (foreground `-D -e`, no PAM, StrictModes off, MaxStartups).
 */
import { spawn } from 'node:child_process'
import {
  appendFileSync,
  closeSync,
  mkdirSync,
  openSync,
  readFileSync,
  writeFileSync
} from 'node:fs'
import { join, resolve } from 'node:path'
import { addr, killNsProcesses, python, sh, sleep, type Host, type Names } from './topology'

export const sshdPath = '/usr/sbin/sshd'
export const backendDir = resolve(__dirname, '../../backend')
export const ports = { ssh: 22, formal: 8000, dev: 8030 } as const

export interface ServiceSpec {
  id: 'sshd-a' | 'sshd-b' | 'backend-formal' | 'backend-dev'
  host: Host
  cmd: string
  args: string[]
  env: Record<string, string>
  cwd: string
  log: string
  /** Where it accepts connections, checked from inside its own namespace. */
  ready: { host: string; port: number }
}

export interface HostKeyInfo {
  publicKey: string
  /** `SHA256:…` as `ssh-keygen -lf` prints it. */
  fingerprint: string
}

/** Everything the tests need to know about a run; the runner writes it as JSON (KHA_TOPOLOGY). */
export interface TopologyInfo {
  names: Names
  runDir: string
  addr: typeof addr
  username: string
  clientKeyPath: string
  knownHostsPath: string
  hostKeys: { a: HostKeyInfo; b: HostKeyInfo }
  services: ServiceSpec[]
}

function keygen(path: string, comment: string): string {
  sh('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', comment, '-f', path])
  return readFileSync(`${path}.pub`, 'utf8').trim().split(' ').slice(0, 2).join(' ')
}

function fingerprint(pubPath: string): string {
  return (sh('ssh-keygen', ['-l', '-E', 'sha256', '-f', pubPath]).split(' ')[1] ?? '').trim()
}

function sshdConfig(dir: string, listen: string, authorizedKeys: string): string {
  return [
    `Port ${ports.ssh}`,
    `ListenAddress ${listen}`,
    `HostKey ${join(dir, 'host_ed25519')}`,
    `PidFile ${join(dir, 'sshd.pid')}`,
    `AuthorizedKeysFile ${authorizedKeys}`,
    'StrictModes no',
    'UsePAM no',
    'PermitRootLogin prohibit-password',
    'PubkeyAuthentication yes',
    'PasswordAuthentication no',
    'KbdInteractiveAuthentication no',
    'AllowTcpForwarding yes',
    'AllowAgentForwarding no',
    'X11Forwarding no',
    'PrintMotd no',
    'PrintLastLog no',
    'UseDNS no',
    'MaxStartups 100',
    'LogLevel VERBOSE',
    ''
  ].join('\n')
}

/** Generate keys and configs for a run in `runDir`; nothing is started yet. */
export function prepareServers(names: Names, runDir: string): TopologyInfo {
  mkdirSync(runDir, { recursive: true })
  const clientKeyPath = join(runDir, 'id_developer')
  const clientPublic = keygen(clientKeyPath, 'kha-topology-developer')
  const authorizedKeys = join(runDir, 'authorized_keys')
  writeFileSync(authorizedKeys, clientPublic + '\n', { mode: 0o644 })

  const hostKeys = {} as TopologyInfo['hostKeys']
  const services: ServiceSpec[] = []
  for (const host of ['a', 'b'] as const) {
    const dir = join(runDir, `server-${host}`)
    mkdirSync(dir, { recursive: true })
    const publicKey = keygen(join(dir, 'host_ed25519'), '')
    hostKeys[host] = { publicKey, fingerprint: fingerprint(join(dir, 'host_ed25519.pub')) }
    const config = join(dir, 'sshd_config')
    writeFileSync(config, sshdConfig(dir, addr[host], authorizedKeys))
    services.push({
      id: `sshd-${host}`,
      host,
      cmd: sshdPath,
      args: ['-D', '-e', '-f', config],
      env: {},
      cwd: dir,
      log: join(runDir, `sshd-${host}.log`),
      ready: { host: addr[host], port: ports.ssh }
    })
  }
  const backendEnv = (name: string) => ({
    KHA_TEST_MODE: '1',
    KHA_SERVICE_NAME: name,
    PYTHONUNBUFFERED: '1'
  })
  services.push(
    // Exactly the note's production command (the access log shows who connected).
    {
      id: 'backend-formal',
      host: 'b',
      cmd: python,
      args: ['-m', 'uvicorn', 'main:app', '--host', addr.b, '--port', String(ports.formal)],
      env: backendEnv('kha_backend formal'),
      cwd: backendDir,
      log: join(runDir, 'backend-formal.log'),
      ready: { host: addr.b, port: ports.formal }
    },
    {
      id: 'backend-dev',
      host: 'b',
      cmd: python,
      args: ['-m', 'uvicorn', 'main:app', '--host', '127.0.0.1', '--port', String(ports.dev)],
      env: backendEnv('kha_backend dev'),
      cwd: backendDir,
      log: join(runDir, 'backend-dev.log'),
      ready: { host: '127.0.0.1', port: ports.dev }
    }
  )
  const knownHostsPath = join(runDir, 'known_hosts')
  writeFileSync(
    knownHostsPath,
    `${addr.a} ${hostKeys.a.publicKey}\n${addr.b} ${hostKeys.b.publicKey}\n`
  )
  return {
    names,
    runDir,
    addr,
    username: 'root',
    clientKeyPath,
    knownHostsPath,
    hostKeys,
    services
  }
}

/** Wait until something accepts TCP on host:port, probing from inside the namespace. */
export function waitPortInNs(
  ns: string,
  host: string,
  port: number,
  timeoutMs = 20_000
): Promise<void> {
  const probe = `import socket,sys,time
deadline=time.monotonic()+${timeoutMs / 1000}
while True:
    try:
        socket.create_connection(("${host}",${port}),1).close(); break
    except OSError:
        if time.monotonic()>deadline: sys.exit(1)
        time.sleep(0.05)`
  return new Promise((resolvePromise, reject) => {
    const child = spawn('ip', ['netns', 'exec', ns, python, '-c', probe], { stdio: 'ignore' })
    child.once('exit', (code) =>
      code === 0
        ? resolvePromise()
        : reject(new Error(`nothing listens on ${host}:${port} in ${ns} after ${timeoutMs} ms`))
    )
    child.once('error', reject)
  })
}

async function startService(info: TopologyInfo, s: ServiceSpec): Promise<void> {
  const ns = info.names[s.host]
  if (s.cmd === sshdPath) mkdirSync('/run/sshd', { recursive: true, mode: 0o755 })
  const fd = openSync(s.log, 'a')
  const child = spawn('ip', ['netns', 'exec', ns, s.cmd, ...s.args], {
    cwd: s.cwd,
    env: { ...process.env, ...s.env },
    stdio: ['ignore', fd, fd],
    detached: true
  })
  closeSync(fd)
  child.unref()
  // For the post-mortem: who ended when, and how (the runner prints the logs when a test fails).
  child.once('exit', (code, signal) => {
    try {
      appendFileSync(
        s.log,
        `[topology] ${s.id} (pid ${child.pid}) ended: ${signal ?? `exit ${code}`} at ${new Date().toISOString()}\n`
      )
    } catch {
      // The run folder is already gone (teardown).
    }
  })
  const died = new Promise<never>((_, reject) =>
    child.once('exit', (code) =>
      reject(new Error(`${s.id} exited (${code}) before listening:\n${tail(s.log)}`))
    )
  )
  died.catch(() => undefined)
  await Promise.race([waitPortInNs(ns, s.ready.host, s.ready.port), died])
}

/** The end of a log file, for failure messages. */
export function tail(path: string, lines = 30): string {
  try {
    return readFileSync(path, 'utf8').split('\n').slice(-lines).join('\n')
  } catch {
    return '(no log)'
  }
}

/** Start every service of these hosts (in parallel) and wait until each accepts connections. */
export async function startHosts(info: TopologyInfo, which: Host[]): Promise<void> {
  await Promise.all(
    info.services.filter((s) => which.includes(s.host)).map((s) => startService(info, s))
  )
}

/** Shut a host down: everything running in its namespace ends (sshd and its sessions, uvicorn). */
export async function stopHost(info: TopologyInfo, host: Exclude<Host, 'desk'>): Promise<void> {
  await killNsProcesses(info.names[host])
}

/** Stop, stay down for `downMs`, start again: same addresses, same keys, fresh processes. */
export async function rebootHost(
  info: TopologyInfo,
  host: Exclude<Host, 'desk'>,
  downMs = 500
): Promise<void> {
  await stopHost(info, host)
  await sleep(downMs)
  await startHosts(info, [host])
}

export function logOf(info: TopologyInfo, id: ServiceSpec['id']): string {
  const s = info.services.find((x) => x.id === id)
  return s ? tail(s.log, 400) : ''
}

/**
 * An HTTP request made from inside a namespace (e.g. from Server B itself, to read a backend's
 * request log on its loopback), with Python's urllib: the test process is the desk and cannot
 * (and must not) reach B's loopback.
 */
export function httpFromNs(
  ns: string,
  url: string,
  opts: { method?: string; json?: unknown } = {}
): string {
  const script = `import sys,urllib.request
body=sys.argv[3].encode() if len(sys.argv)>3 else None
req=urllib.request.Request(sys.argv[1], data=body, method=sys.argv[2], headers={"content-type":"application/json"} if body else {})
sys.stdout.write(urllib.request.urlopen(req, timeout=10).read().decode())`
  const args = [
    url,
    opts.method ?? 'GET',
    ...(opts.json === undefined ? [] : [JSON.stringify(opts.json)])
  ]
  return sh('ip', ['netns', 'exec', ns, python, '-c', script, ...args])
}

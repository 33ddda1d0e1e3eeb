/**
 * What the app replaces: `ssh -N -L localport:127.0.0.1:backendport … user@host`, started as a
 * child process against the benchmark's sshd, with its own known_hosts file (the user's ~/.ssh is
 * never read or written) and `-v` so that the negotiated cipher can be read from its log.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { RunningSshd } from '../../test/fixtures/sshd'
import { freePort, waitForPort } from '../../test/fixtures/ports'

export interface OpenSshForward {
  localPort: number
  /** As `ssh -v` printed it: "kex: server->client cipher: …". */
  cipher: string
  stop(): Promise<void>
}

export async function startOpenSshForward(
  sshd: RunningSshd,
  targetPort: number,
  extraArgs: string[] = []
): Promise<OpenSshForward> {
  const dir = mkdtempSync(join(tmpdir(), 'kha-bench-ssh-'))
  const knownHosts = join(dir, 'known_hosts')
  writeFileSync(knownHosts, sshd.hostPublicKeyLine + '\n')
  const localPort = await freePort()
  const args = [
    '-v',
    '-N',
    '-F',
    '/dev/null',
    '-L',
    `${localPort}:127.0.0.1:${targetPort}`,
    '-o',
    'StrictHostKeyChecking=accept-new',
    '-o',
    `UserKnownHostsFile=${knownHosts}`,
    '-o',
    'BatchMode=yes',
    '-o',
    'ExitOnForwardFailure=yes',
    '-o',
    'IdentitiesOnly=yes',
    '-i',
    sshd.clientKeyPath,
    '-p',
    String(sshd.port),
    ...extraArgs,
    `${sshd.username}@127.0.0.1`
  ]
  const child: ChildProcess = spawn('ssh', args, {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, SSH_AUTH_SOCK: '' }
  })
  let log = ''
  child.stderr?.on('data', (d: Buffer) => (log += d.toString()))
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) =>
      reject(new Error(`ssh exited (${code}) before forwarding:\n${log.slice(-2000)}`))
    )
  )
  exited.catch(() => undefined)
  const cleanup = () => rmSync(dir, { recursive: true, force: true })
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      await new Promise<void>((done) => {
        child.once('exit', () => done())
        child.kill('SIGTERM')
        setTimeout(() => child.kill('SIGKILL'), 2000).unref()
      })
    }
    cleanup()
  }
  try {
    await Promise.race([waitForPort(localPort, '127.0.0.1', 15_000), exited])
  } catch (error) {
    await stop()
    throw error
  }
  // The listener is up once the session is authenticated; the kex lines came before it.
  const cipher = /kex: server->client cipher: (\S+)/.exec(log)?.[1] ?? 'unknown'
  return { localPort, cipher, stop }
}

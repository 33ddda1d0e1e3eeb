/**
 * The CLI's side of two-factor SSH, in process (a terminal is needed, so the Io is a fake TTY
 * driven like a person would: the code is typed when the question appears), against a real sshd
 * whose PAM stack asks for the password and then a one-time code.
 */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { PassThrough } from 'node:stream'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { run } from '../../src/cli/program'
import type { Io } from '../../src/cli/output'
import { startSshd, type RunningSshd } from '../fixtures/sshd'
import { tempDir } from '../helpers/tempDir'

let sshd: RunningSshd
const data = tempDir('kha-cli-2fa-')

beforeAll(async () => {
  sshd = await startSshd({ twoFactor: true })
})
afterAll(async () => {
  await sshd?.stop()
  data.cleanup()
})

/** An Io whose stdin and stderr say they are a terminal; `onPrompt` types an answer when stderr shows `when`. */
function terminal(env: Record<string, string>, type?: { when: string; answer: () => string }) {
  const stdin = Object.assign(new PassThrough(), {
    isTTY: true,
    isRaw: false,
    setRawMode: () => stdin
  })
  const out = { stdout: '', stderr: '' }
  let typed = false
  const io: Io = {
    stdin,
    stdout: { isTTY: true, write: (s: string) => ((out.stdout += s), true) },
    stderr: {
      isTTY: true,
      write: (s: string) => {
        out.stderr += s
        if (type && !typed && out.stderr.includes(type.when)) {
          typed = true
          setImmediate(() => stdin.write(`${type.answer()}\r`))
        }
        return true
      }
    },
    env: { HOME: data.dir, KHA_DATA_DIR: data.dir, ...env },
    cwd: data.dir
  }
  return { io, out }
}

describe('kha-desktop doctor with a two-factor SSH server', () => {
  it("asks the server's code question on the terminal, hidden, and sends what was typed; without a terminal exits 13 and says why", async () => {
    const knownHosts = join(data.dir, 'known_hosts_2fa')
    writeFileSync(knownHosts, `${sshd.hostPublicKeyLine}\n`)
    const setup = terminal({})
    const args = [
      'profiles',
      'add',
      '2fa',
      '--ssh',
      `${sshd.passwordUser}@127.0.0.1:${sshd.port}`,
      '--auth',
      'password',
      '--target',
      '127.0.0.1:9',
      '--known-hosts',
      knownHosts
    ]
    expect(await run(args, setup.io)).toBe(0)

    const code = sshd.nextCode?.() as string
    const t = terminal(
      { KHA_SSH_PASSWORD: sshd.password as string },
      { when: sshd.codePrompt?.trim() as string, answer: () => code }
    )
    await run(['doctor', '--profile', '2fa'], t.io)
    expect(t.out.stderr).toContain(
      `${sshd.passwordUser}@127.0.0.1:${sshd.port} asks (connection check):`
    )
    expect(t.out.stderr).toContain(sshd.codePrompt?.trim())
    // Hidden: the code never appears on the terminal.
    expect(t.out.stderr).not.toContain(code)
    expect(t.out.stdout).toMatch(/\[ok {2}\] ssh_auth/)

    const piped = terminal({ KHA_SSH_PASSWORD: sshd.password as string })
    ;(piped.io.stdin as { isTTY?: boolean }).isTTY = false
    expect(await run(['doctor', '--profile', '2fa'], piped.io)).toBe(13)
    expect(piped.out.stdout + piped.out.stderr).toContain('ssh.prompt_unanswered')
    expect(piped.out.stdout + piped.out.stderr).toContain('run the command on a terminal')
  })
})

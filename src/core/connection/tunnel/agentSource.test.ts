import { createServer, type Server } from 'node:net'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { errorTextWith } from '@shared/i18n/errorText'
import { appTranslator } from '@shared/i18n/translator'
import type { SshEndpoint } from '@shared/profile'
import { MemorySecretStore } from '../../secrets'
import {
  OPENSSH_AGENT_PIPE,
  agentLikelyAvailable,
  findAgent,
  systemAgentProbe,
  type AgentProbe
} from './agentSource'
import { prepareAuth } from './auth'
import { connectError } from './sshErrors'

/** A machine where only the given paths exist and only the given pipes answer; records what was probed. */
function machine(opts: {
  platform: NodeJS.Platform
  env?: Record<string, string>
  sockets?: string[]
  files?: string[]
  pipes?: string[]
}) {
  const probed: string[] = []
  const probe: AgentProbe = {
    platform: opts.platform,
    env: opts.env ?? {},
    async statPath(path) {
      probed.push(`stat ${path}`)
      return opts.sockets?.includes(path)
        ? 'socket'
        : opts.files?.includes(path)
          ? 'file'
          : 'missing'
    },
    async pipeAnswers(path) {
      probed.push(`pipe ${path}`)
      return opts.pipes?.includes(path) ?? false
    }
  }
  return { probe, probed }
}

describe('which ssh-agent is used', () => {
  it('Windows: the OpenSSH agent service when its pipe answers (what PowerShell’s ssh uses)', async () => {
    const { probe } = machine({ platform: 'win32', pipes: [OPENSSH_AGENT_PIPE] })
    expect(OPENSSH_AGENT_PIPE).toBe('\\\\.\\pipe\\openssh-ssh-agent')
    expect(await findAgent(probe)).toEqual({
      ok: true,
      agent: OPENSSH_AGENT_PIPE,
      source: 'openssh',
      tried: [{ source: 'openssh', target: OPENSSH_AGENT_PIPE }]
    })
    expect(await agentLikelyAvailable(probe)).toBe(true)
  })

  it('Windows: Pageant when the OpenSSH agent service is not running', async () => {
    const { probe } = machine({ platform: 'win32' })
    const choice = await findAgent(probe)
    expect(choice).toMatchObject({ ok: true, agent: 'pageant', source: 'pageant' })
    expect(choice.tried.map((a) => [a.source, a.problem])).toEqual([
      ['openssh', 'not running'],
      ['pageant', undefined]
    ])
    // Pageant cannot be seen from here: importing ~/.ssh/config then keeps key files.
    expect(await agentLikelyAvailable(probe)).toBe(false)
  })

  it('Windows: SSH_AUTH_SOCK wins, as a named pipe or a Cygwin socket file, and nothing else is tried', async () => {
    const pipe = '//./pipe/my-agent'
    const viaPipe = machine({
      platform: 'win32',
      env: { SSH_AUTH_SOCK: pipe },
      pipes: [pipe, OPENSSH_AGENT_PIPE]
    })
    expect(await findAgent(viaPipe.probe)).toMatchObject({
      ok: true,
      agent: pipe,
      source: 'SSH_AUTH_SOCK'
    })
    expect(viaPipe.probed).toEqual([`pipe ${pipe}`])

    const cygwin = 'C:\\msys64\\tmp\\ssh-XXXX\\agent.123'
    expect(
      await findAgent(
        machine({ platform: 'win32', env: { SSH_AUTH_SOCK: cygwin }, files: [cygwin] }).probe
      )
    ).toMatchObject({ ok: true, agent: cygwin })

    const stopped = await findAgent(
      machine({ platform: 'win32', env: { SSH_AUTH_SOCK: pipe }, pipes: [OPENSSH_AGENT_PIPE] })
        .probe
    )
    expect(stopped).toMatchObject({ ok: false, reason: `SSH_AUTH_SOCK=${pipe} (not running)` })
  })

  it('Linux and macOS: SSH_AUTH_SOCK must be a socket; the Windows pipe is never probed', async () => {
    const ok = machine({
      platform: 'linux',
      env: { SSH_AUTH_SOCK: '/run/user/1000/agent' },
      sockets: ['/run/user/1000/agent']
    })
    expect(await findAgent(ok.probe)).toMatchObject({
      ok: true,
      agent: '/run/user/1000/agent',
      source: 'SSH_AUTH_SOCK'
    })
    expect(
      await findAgent(
        machine({ platform: 'darwin', env: { SSH_AUTH_SOCK: '/tmp/f' }, files: ['/tmp/f'] }).probe
      )
    ).toMatchObject({ ok: false, reason: 'SSH_AUTH_SOCK=/tmp/f (not a socket)' })
    expect(
      await findAgent(machine({ platform: 'linux', env: { SSH_AUTH_SOCK: '/gone' } }).probe)
    ).toMatchObject({ ok: false, reason: 'SSH_AUTH_SOCK=/gone (missing)' })
    const none = machine({ platform: 'linux', pipes: [OPENSSH_AGENT_PIPE] })
    expect(await findAgent(none.probe)).toMatchObject({
      ok: false,
      reason: 'SSH_AUTH_SOCK is not set'
    })
    expect(none.probed).toEqual([])
  })
})

describe('the agent login and its error say which agent was tried', () => {
  const endpoint = {
    host: 'serverB',
    port: 22,
    username: 'kim',
    auth: 'agent',
    keyPath: ''
  } as SshEndpoint
  const auth = (probe: AgentProbe) =>
    prepareAuth({
      profileId: 'p',
      endpoint,
      role: 'ssh',
      secrets: new MemorySecretStore(),
      homeDir: 'C:\\Users\\kim',
      env: probe.env,
      platform: probe.platform,
      agentProbe: probe
    })

  it('hands ssh2 the pipe path or `pageant`, and keeps what was tried for the error', async () => {
    const service = await auth(machine({ platform: 'win32', pipes: [OPENSSH_AGENT_PIPE] }).probe)
    expect(service.ok && service.plan.authHandler(null, null, () => undefined)).toEqual({
      type: 'agent',
      username: 'kim',
      agent: OPENSSH_AGENT_PIPE
    })

    const pageant = await auth(machine({ platform: 'win32' }).probe)
    if (!pageant.ok) throw new Error('expected a plan')
    expect(pageant.plan.authHandler(null, null, () => undefined)).toEqual({
      type: 'agent',
      username: 'kim',
      agent: 'pageant'
    })
    expect(pageant.plan.agentTried).toBe(
      'Windows OpenSSH agent \\\\.\\pipe\\openssh-ssh-agent (not running), Pageant'
    )

    // ssh2 finds Pageant missing only when it asks it for keys: the error names both.
    const error = connectError(
      Object.assign(new Error('Pageant is not running'), { level: 'agent' }),
      { host: 'serverB', port: 22, connectSec: 10, agentTried: pageant.plan.agentTried }
    )
    expect(error.code).toBe('ssh.agent_unavailable')
    expect(error.message).toBe(
      'The SSH agent could not be used (tried: Windows OpenSSH agent \\\\.\\pipe\\openssh-ssh-agent (not running), Pageant): Pageant is not running'
    )
    expect(errorTextWith(appTranslator('en'), error)).toContain(
      'tried: Windows OpenSSH agent \\\\.\\pipe\\openssh-ssh-agent (not running), Pageant'
    )
    expect(errorTextWith(appTranslator('ko'), error)).toContain(
      '시도한 것: Windows OpenSSH agent \\\\.\\pipe\\openssh-ssh-agent (not running), Pageant'
    )
  })

  it('without any agent, fails before connecting, naming what was looked for, in both languages', async () => {
    const outcome = await auth(
      machine({ platform: 'linux', env: { SSH_AUTH_SOCK: '/gone' } }).probe
    )
    expect(outcome).toMatchObject({
      ok: false,
      error: {
        code: 'ssh.agent_unavailable',
        message: 'No SSH agent is available (SSH_AUTH_SOCK=/gone (missing))'
      }
    })
    if (outcome.ok) return
    expect(errorTextWith(appTranslator('en'), outcome.error)).toBe(
      'No SSH agent could be used (tried: SSH_AUTH_SOCK=/gone (missing)). Start one (on Windows the “OpenSSH Authentication Agent” service, or Pageant), or use a key file.'
    )
    expect(errorTextWith(appTranslator('ko'), outcome.error)).toMatch(
      /^사용할 수 있는 SSH 에이전트가 없습니다\(시도한 것: SSH_AUTH_SOCK=\/gone \(missing\)\)/
    )
  })
})

describe('the system probe', () => {
  // On Windows a listening path must be a named pipe, which is exactly what the probe is for there;
  // elsewhere a Unix socket, which net.connect treats the same way.
  const windows = process.platform === 'win32'
  let dir: string
  let server: Server
  let listening: string
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kha-agent-'))
    listening = windows ? `\\\\.\\pipe\\kha-agent-test-${process.pid}` : join(dir, 'agent.sock')
    server = createServer((s) => s.end())
    await new Promise<void>((done) => server.listen(listening, done))
    writeFileSync(join(dir, 'plain'), '')
  })
  afterAll(async () => {
    await new Promise((done) => server.close(done))
    rmSync(dir, { recursive: true, force: true })
  })

  it('connects only to what listens, and tells a plain file from nothing', async () => {
    const probe = systemAgentProbe(process.platform, {})
    expect(await probe.pipeAnswers(listening)).toBe(true)
    expect(
      await probe.pipeAnswers(
        windows ? `\\\\.\\pipe\\kha-no-agent-${process.pid}` : join(dir, 'nothing')
      )
    ).toBe(false)
    if (!windows) expect(await probe.statPath(listening)).toBe('socket')
    expect(await probe.statPath(join(dir, 'plain'))).toBe('file')
    expect(await probe.statPath(join(dir, 'nothing'))).toBe('missing')
  })
})

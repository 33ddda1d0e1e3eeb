/**
 * Which ssh-agent a profile with `auth: agent` talks to, as the user's own `ssh` would find it:
 *
 * 1. `SSH_AUTH_SOCK`, when set, on every system (a Unix socket; on Windows a named pipe or a
 *    Cygwin/MSYS socket file). Setting it is an explicit choice: nothing else is tried.
 * 2. On Windows, the OpenSSH Authentication Agent service (`\\.\pipe\openssh-ssh-agent`), which
 *    PowerShell's `ssh` and `ssh-add` use, when its pipe answers.
 * 3. On Windows, Pageant otherwise (ssh2 finds it by the name `pageant`; whether it runs is only
 *    known when ssh2 asks it for keys).
 *
 * ssh2 takes all three as its `agent` string (see ssh2's `createAgent`: a `\\.\pipe\…` path is an
 * OpenSSH agent, `pageant` is Pageant, any other path on Windows a Cygwin socket). What was tried
 * is kept, so the agent error and the doctor can say it.
 *
 * The file system and the pipe probe are injected: tests run the Windows logic on Linux.
 */
import { promises as fs } from 'node:fs'
import { connect } from 'node:net'

export const OPENSSH_AGENT_PIPE = '\\\\.\\pipe\\openssh-ssh-agent'

/** ssh2's test for a Windows named pipe: `\\.\pipe\NAME`, with either slash. */
const windowsPipe = /^[/\\][/\\]\.[/\\]pipe[/\\].+/

export type AgentSource = 'SSH_AUTH_SOCK' | 'openssh' | 'pageant'

export interface AgentAttempt {
  source: AgentSource
  /** The socket or pipe path, or `pageant`. */
  target: string
  /** Why it was not used; absent for the one that was. */
  problem?: 'missing' | 'not a socket' | 'not running'
}

export type AgentChoice =
  | { ok: true; agent: string; source: AgentSource; tried: AgentAttempt[] }
  | { ok: false; reason: string; tried: AgentAttempt[] }

export interface AgentProbe {
  platform: NodeJS.Platform
  env: Record<string, string | undefined>
  /** What is at a path: a Unix socket, another file, or nothing. */
  statPath(path: string): Promise<'socket' | 'file' | 'missing'>
  /** True when a Windows named pipe accepts a connection (the service behind it runs). */
  pipeAnswers(path: string): Promise<boolean>
}

async function statPath(path: string): Promise<'socket' | 'file' | 'missing'> {
  try {
    return (await fs.stat(path)).isSocket() ? 'socket' : 'file'
  } catch {
    return 'missing'
  }
}

/** Connect and hang up at once: the agent service answers, or the pipe does not exist (ENOENT). */
function pipeAnswers(path: string, timeoutMs = 1500): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(path)
    const done = (ok: boolean) => {
      clearTimeout(timer)
      socket.destroy()
      resolve(ok)
    }
    const timer = setTimeout(() => done(false), timeoutMs)
    socket.once('connect', () => done(true))
    socket.once('error', () => done(false))
  })
}

export function systemAgentProbe(
  platform: NodeJS.Platform = process.platform,
  env: Record<string, string | undefined> = process.env
): AgentProbe {
  return { platform, env, statPath, pipeAnswers: (path) => pipeAnswers(path) }
}

/** The agents that were tried, in words that are the same in every language (paths and names). */
export function describeAttempts(tried: AgentAttempt[]): string {
  return tried
    .map((a) => {
      const name =
        a.source === 'SSH_AUTH_SOCK'
          ? `SSH_AUTH_SOCK=${a.target}`
          : a.source === 'openssh'
            ? `Windows OpenSSH agent ${a.target}`
            : 'Pageant'
      return a.problem ? `${name} (${a.problem})` : name
    })
    .join(', ')
}

export async function findAgent(probe: AgentProbe): Promise<AgentChoice> {
  const windows = probe.platform === 'win32'
  const sock = probe.env.SSH_AUTH_SOCK?.trim()
  if (sock) {
    let problem: AgentAttempt['problem']
    if (windows && windowsPipe.test(sock))
      problem = (await probe.pipeAnswers(sock)) ? undefined : 'not running'
    else {
      const kind = await probe.statPath(sock)
      // On Windows a non-pipe SSH_AUTH_SOCK is a Cygwin/MSYS socket *file* (ssh2's CygwinAgent).
      problem =
        kind === 'missing' ? 'missing' : kind === 'file' && !windows ? 'not a socket' : undefined
    }
    const tried: AgentAttempt[] = [
      { source: 'SSH_AUTH_SOCK', target: sock, ...(problem ? { problem } : {}) }
    ]
    return problem
      ? { ok: false, reason: describeAttempts(tried), tried }
      : { ok: true, agent: sock, source: 'SSH_AUTH_SOCK', tried }
  }
  if (!windows) return { ok: false, reason: 'SSH_AUTH_SOCK is not set', tried: [] }

  if (await probe.pipeAnswers(OPENSSH_AGENT_PIPE)) {
    return {
      ok: true,
      agent: OPENSSH_AGENT_PIPE,
      source: 'openssh',
      tried: [{ source: 'openssh', target: OPENSSH_AGENT_PIPE }]
    }
  }
  return {
    ok: true,
    agent: 'pageant',
    source: 'pageant',
    tried: [
      { source: 'openssh', target: OPENSSH_AGENT_PIPE, problem: 'not running' },
      { source: 'pageant', target: 'pageant' }
    ]
  }
}

/**
 * Whether an agent is likely there, for defaults (importing ~/.ssh/config): SSH_AUTH_SOCK usable,
 * or the Windows OpenSSH agent running. Pageant alone does not count: it cannot be seen from here.
 */
export async function agentLikelyAvailable(probe: AgentProbe): Promise<boolean> {
  const choice = await findAgent(probe)
  return choice.ok && choice.source !== 'pageant'
}

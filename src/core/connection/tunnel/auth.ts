/**
 * Builds what ssh2 needs to log in with one profile endpoint (the SSH host, or the jump host):
 * a private key (with its passphrase from the secret store), the ssh-agent (SSH_AUTH_SOCK; on
 * Windows the OpenSSH agent service, else Pageant: see agentSource.ts),
 * or a password.
 *
 * Keyboard-interactive (how PAM servers ask, and how two-factor logins ask for a code) is answered
 * as the server asks: the stored password answers a round that is a single hidden password prompt,
 * once; every other round (a verification code, a second question) is shown to the user through
 * `askUser` with the server's own name, instruction and prompts, and sent as typed. It is also
 * tried after a key or agent login the server accepted only partially
 * (`AuthenticationMethods publickey,keyboard-interactive`).
 *
 * A missing secret is not an error to retry: it is a question for the user. `prepareAuth` then
 * returns the prompt to show; the connector waits until `provideSecret` is called. Every secret
 * used is registered with the logger, so it is masked if it ever reaches a log line.
 */
import { promises as fs } from 'node:fs'
import {
  utils,
  type AnyAuthMethod,
  type AuthenticationType,
  type NextAuthHandler,
  type ParsedKey
} from 'ssh2'
import type { AskUser, SecretPrompt } from '@shared/connection'
import { appError, type AppError } from '@shared/errors'
import type { SshEndpoint } from '@shared/profile'
import { registerSecret } from '../../logger'
import { sshSecretKey, type SecretStore } from '../../secrets'
import { describeAttempts, findAgent, systemAgentProbe, type AgentProbe } from './agentSource'
import { expandHome } from './paths'
import { sha1SignatureRefused } from './session'

export type Role = 'ssh' | 'jump'
type SecretKind = SecretPrompt['kind']

export interface AuthPlan {
  /** ssh2's `authHandler`: tries our one method, then gives up (never a silent fallback). */
  authHandler: (
    authsLeft: AuthenticationType[] | null,
    partial: boolean | null,
    next: NextAuthHandler
  ) => AnyAuthMethod | false
  /** What we tried, for the error text: `publickey`, `agent`, `password,keyboard-interactive`. */
  methods: string
  /** What the server said it accepts, once it has refused something (e.g. `publickey`). */
  serverMethods(): string | undefined
  /** The stored secret this plan used, so a rejected one can be forgotten and asked again. */
  secretKind?: SecretKind
  /** For `agent`: which agents were tried (`Windows OpenSSH agent \\.\pipe\… (not running), Pageant`). */
  agentTried?: string
  /** A keyboard-interactive prompt the user did not answer (cancelled, or nobody to ask). */
  unanswered?(): string | undefined
  /**
   * Called by the hop with a function that stops ssh2's handshake timer: the user may take longer
   * to find a code than `connectSec` (the server's LoginGraceTime bounds it instead).
   */
  attach?(hooks: { pauseTimeout(): void }): void
}

export type AuthOutcome =
  { ok: true; plan: AuthPlan } | { ok: false; error: AppError; prompt?: SecretPrompt }

export interface AuthInput {
  profileId: string
  endpoint: SshEndpoint
  role: Role
  secrets: SecretStore
  homeDir: string
  env: Record<string, string | undefined>
  platform?: NodeJS.Platform
  /** How agents are looked for; tests inject one (defaults to this machine's file system and pipes). */
  agentProbe?: AgentProbe
  /** Keyboard-interactive rounds that need the user (two-factor codes). Without it they go unanswered. */
  askUser?: AskUser
  /** Whose question it is, for the prompt: the tunnel or a connection check. */
  source?: 'tunnel' | 'doctor'
  /** Allow ssh-rsa (SHA-1) signatures with an RSA key (the profile's `allowLegacyAlgorithms`). */
  allowLegacy?: boolean
}

/**
 * ssh2 signs with SHA-1 (`ssh-rsa`) when a server does not announce rsa-sha2-256/512: refuse that
 * unless the profile allows legacy algorithms (the hop turns the refusal into ssh.legacy_algorithms).
 */
function refuseSha1Signatures(key: ParsedKey): ParsedKey {
  const sign = key.sign.bind(key)
  key.sign = ((data: Buffer, algo?: string) =>
    algo === 'sha1' ? new Error(sha1SignatureRefused) : sign(data, algo)) as ParsedKey['sign']
  return key
}

export function secretKindFor(role: Role, what: 'password' | 'passphrase'): SecretKind {
  if (role === 'ssh') return what
  return what === 'password' ? 'jumpPassword' : 'jumpPassphrase'
}

/** A password prompt as PAM and sshd word it (`Password:`, `user@host's password:`, localized ones). */
const passwordPrompt = /pass(word|wort|e)|비밀번호|암호|パスワード|密码|mot de passe|contrase/i

interface Interactive {
  method: AnyAuthMethod
  unanswered(): string | undefined
  attach(hooks: { pauseTimeout(): void }): void
}

function interactive(input: AuthInput, password?: string): Interactive {
  const { endpoint } = input
  let passwordUsed = false
  let unanswered: string | undefined
  let hooks: { pauseTimeout(): void } | undefined
  const method: AnyAuthMethod = {
    type: 'keyboard-interactive',
    username: endpoint.username,
    prompt(name, instruction, _lang, prompts, finish) {
      const round = prompts.map((p) => ({ prompt: p.prompt, echo: Boolean(p.echo) }))
      // A round with nothing to answer (an info message some PAM modules send).
      if (round.length === 0) return finish([])
      const only = round[0]
      if (
        password !== undefined &&
        !passwordUsed &&
        round.length === 1 &&
        only &&
        !only.echo &&
        passwordPrompt.test(only.prompt)
      ) {
        passwordUsed = true
        return finish([password])
      }
      const giveUp = () => {
        unanswered = round.map((p) => p.prompt.trim()).join(' / ')
        finish(round.map(() => ''))
      }
      if (!input.askUser) return giveUp()
      hooks?.pauseTimeout()
      const server = `${endpoint.username}@${endpoint.host}:${endpoint.port}`
      input
        .askUser({
          source: input.source ?? 'tunnel',
          profileId: input.profileId,
          server,
          name,
          instruction,
          prompts: round
        })
        .then(
          (answers) => {
            if (!answers) return giveUp()
            for (const a of answers) registerSecret(a)
            finish(round.map((_, i) => answers[i] ?? ''))
          },
          () => giveUp()
        )
    }
  }
  return { method, unanswered: () => unanswered, attach: (h) => (hooks = h) }
}

function planOf(
  methods: AnyAuthMethod[],
  label: string,
  secretKind?: SecretKind,
  agentTried?: string,
  kbd?: Interactive
): AuthPlan {
  let index = 0
  let kbdTried = methods.some((m) => m.type === 'keyboard-interactive')
  let serverSaid: AuthenticationType[] | null = null
  return {
    authHandler(authsLeft, partial) {
      if (authsLeft) serverSaid = authsLeft
      const next = methods[index++]
      if (next) return next
      // Accepted so far, but the server wants a second factor: answer its questions.
      if (kbd && partial && !kbdTried && authsLeft?.includes('keyboard-interactive')) {
        kbdTried = true
        return kbd.method
      }
      return false
    },
    methods: label,
    serverMethods: () => (serverSaid ? serverSaid.join(',') : undefined),
    ...(secretKind ? { secretKind } : {}),
    ...(agentTried ? { agentTried } : {}),
    ...(kbd ? { unanswered: kbd.unanswered, attach: kbd.attach } : {})
  }
}

const needsPassphrase = /no passphrase given/i
const wrongPassphrase = /bad passphrase|bad decrypt|integrity check failed/i

async function keyPlan(input: AuthInput): Promise<AuthOutcome> {
  const { endpoint, role } = input
  const path = expandHome(endpoint.keyPath || '~/.ssh/id_ed25519', input.homeDir, {
    env: input.env,
    ...(input.platform ? { platform: input.platform } : {})
  })
  let data: Buffer
  try {
    data = await fs.readFile(path)
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? 'unreadable'
    return {
      ok: false,
      error: appError('ssh.key_unreadable', `The key file ${path} cannot be read (${reason})`, {
        params: { path, reason }
      })
    }
  }
  let parsed = utils.parseKey(data)
  let passphrase: string | undefined
  if (parsed instanceof Error && needsPassphrase.test(parsed.message)) {
    const kind = secretKindFor(role, 'passphrase')
    passphrase = await input.secrets.get(sshSecretKey(input.profileId, kind, endpoint))
    const prompt: SecretPrompt = { kind, host: endpoint.host, retry: false }
    if (passphrase === undefined) {
      return {
        ok: false,
        prompt,
        error: appError('ssh.secret_needed', `The key ${path} needs its passphrase`, {
          params: { path, kind }
        })
      }
    }
    registerSecret(passphrase)
    parsed = utils.parseKey(data, passphrase)
    if (parsed instanceof Error && wrongPassphrase.test(parsed.message)) {
      // Forget it, so that the next start asks again instead of failing the same way.
      await input.secrets.delete(sshSecretKey(input.profileId, kind, endpoint))
      return {
        ok: false,
        prompt: { ...prompt, retry: true },
        error: appError('ssh.bad_passphrase', `The passphrase for ${path} is wrong`, {
          params: { path }
        })
      }
    }
  }
  const key = Array.isArray(parsed) ? parsed[0] : parsed
  if (key instanceof Error || !key || !key.isPrivateKey()) {
    const reason = key instanceof Error ? key.message : 'not a private key'
    return {
      ok: false,
      error: appError(
        'ssh.key_unreadable',
        `The file ${path} is not a usable private key (${reason})`,
        { params: { path, reason } }
      )
    }
  }
  const kind = passphrase !== undefined ? secretKindFor(role, 'passphrase') : undefined
  if (key.type === 'ssh-rsa' && !input.allowLegacy) refuseSha1Signatures(key)
  return {
    ok: true,
    plan: planOf(
      [{ type: 'publickey', username: endpoint.username, key }],
      'publickey',
      kind,
      undefined,
      interactive(input)
    )
  }
}

async function agentPlan(input: AuthInput): Promise<AuthOutcome> {
  const choice = await findAgent(
    input.agentProbe ?? systemAgentProbe(input.platform ?? process.platform, input.env)
  )
  if (!choice.ok) {
    return {
      ok: false,
      error: appError('ssh.agent_unavailable', `No SSH agent is available (${choice.reason})`, {
        params: { reason: choice.reason, tried: choice.reason }
      })
    }
  }
  return {
    ok: true,
    plan: planOf(
      [{ type: 'agent', username: input.endpoint.username, agent: choice.agent }],
      'agent',
      undefined,
      describeAttempts(choice.tried),
      interactive(input)
    )
  }
}

async function passwordPlan(input: AuthInput): Promise<AuthOutcome> {
  const kind = secretKindFor(input.role, 'password')
  const password = await input.secrets.get(sshSecretKey(input.profileId, kind, input.endpoint))
  if (password === undefined) {
    return {
      ok: false,
      prompt: { kind, host: input.endpoint.host, retry: false },
      error: appError(
        'ssh.secret_needed',
        `A password is needed for ${input.endpoint.username}@${input.endpoint.host}`,
        { params: { host: input.endpoint.host, kind } }
      )
    }
  }
  registerSecret(password)
  const username = input.endpoint.username
  // Servers with PAM often offer only keyboard-interactive: the password answers its password prompt.
  const kbd = interactive(input, password)
  return {
    ok: true,
    plan: planOf(
      [{ type: 'password', username, password }, kbd.method],
      'password,keyboard-interactive',
      kind,
      undefined,
      kbd
    )
  }
}

export function prepareAuth(input: AuthInput): Promise<AuthOutcome> {
  switch (input.endpoint.auth) {
    case 'agent':
      return agentPlan(input)
    case 'password':
      return passwordPlan(input)
    default:
      return keyPlan(input)
  }
}

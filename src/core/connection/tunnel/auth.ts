/**
 * Builds what ssh2 needs to log in with one profile endpoint (the SSH host, or the jump host):
 * a private key (with its passphrase from the secret store), the ssh-agent (SSH_AUTH_SOCK; on
 * Windows the OpenSSH agent service, else Pageant: see agentSource.ts),
 * or a password (also offered to keyboard-interactive, which is how many servers ask for it).
 *
 * A missing secret is not an error to retry: it is a question for the user. `prepareAuth` then
 * returns the prompt to show; the connector waits until `provideSecret` is called. Every secret
 * used is registered with the logger, so it is masked if it ever reaches a log line.
 */
import { promises as fs } from 'node:fs'
import { utils, type AnyAuthMethod, type AuthenticationType, type NextAuthHandler } from 'ssh2'
import type { SecretPrompt } from '@shared/connection'
import { appError, type AppError } from '@shared/errors'
import type { SshEndpoint } from '@shared/profile'
import { registerSecret } from '../../logger'
import { secretKey, type SecretStore } from '../../secrets'
import { describeAttempts, findAgent, systemAgentProbe, type AgentProbe } from './agentSource'
import { expandHome } from './paths'

export type Role = 'ssh' | 'jump'
type SecretKind = SecretPrompt['kind']

export interface AuthPlan {
  /** ssh2's `authHandler`: tries our one method, then gives up (never a silent fallback). */
  authHandler: (authsLeft: AuthenticationType[] | null, partial: boolean | null, next: NextAuthHandler) => AnyAuthMethod | false
  /** What we tried, for the error text: `publickey`, `agent`, `password,keyboard-interactive`. */
  methods: string
  /** What the server said it accepts, once it has refused something (e.g. `publickey`). */
  serverMethods(): string | undefined
  /** The stored secret this plan used, so a rejected one can be forgotten and asked again. */
  secretKind?: SecretKind
  /** For `agent`: which agents were tried (`Windows OpenSSH agent \\.\pipe\… (not running), Pageant`). */
  agentTried?: string
}

export type AuthOutcome = { ok: true; plan: AuthPlan } | { ok: false; error: AppError; prompt?: SecretPrompt }

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
}

export function secretKindFor(role: Role, what: 'password' | 'passphrase'): SecretKind {
  if (role === 'ssh') return what
  return what === 'password' ? 'jumpPassword' : 'jumpPassphrase'
}

function planOf(methods: AnyAuthMethod[], label: string, secretKind?: SecretKind, agentTried?: string): AuthPlan {
  let index = 0
  let serverSaid: AuthenticationType[] | null = null
  return {
    authHandler(authsLeft) {
      if (authsLeft) serverSaid = authsLeft
      return methods[index++] ?? false
    },
    methods: label,
    serverMethods: () => (serverSaid ? serverSaid.join(',') : undefined),
    ...(secretKind ? { secretKind } : {}),
    ...(agentTried ? { agentTried } : {})
  }
}

const needsPassphrase = /no passphrase given/i
const wrongPassphrase = /bad passphrase|bad decrypt|integrity check failed/i

async function keyPlan(input: AuthInput): Promise<AuthOutcome> {
  const { endpoint, role } = input
  const path = expandHome(endpoint.keyPath || '~/.ssh/id_ed25519', input.homeDir, { env: input.env, ...(input.platform ? { platform: input.platform } : {}) })
  let data: Buffer
  try {
    data = await fs.readFile(path)
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? 'unreadable'
    return { ok: false, error: appError('ssh.key_unreadable', `The key file ${path} cannot be read (${reason})`, { params: { path, reason } }) }
  }
  let parsed = utils.parseKey(data)
  let passphrase: string | undefined
  if (parsed instanceof Error && needsPassphrase.test(parsed.message)) {
    const kind = secretKindFor(role, 'passphrase')
    passphrase = await input.secrets.get(secretKey(input.profileId, kind))
    const prompt: SecretPrompt = { kind, host: endpoint.host, retry: false }
    if (passphrase === undefined) {
      return { ok: false, prompt, error: appError('ssh.secret_needed', `The key ${path} needs its passphrase`, { params: { path, kind } }) }
    }
    registerSecret(passphrase)
    parsed = utils.parseKey(data, passphrase)
    if (parsed instanceof Error && wrongPassphrase.test(parsed.message)) {
      // Forget it, so that the next start asks again instead of failing the same way.
      await input.secrets.delete(secretKey(input.profileId, kind))
      return { ok: false, prompt: { ...prompt, retry: true }, error: appError('ssh.bad_passphrase', `The passphrase for ${path} is wrong`, { params: { path } }) }
    }
  }
  const key = Array.isArray(parsed) ? parsed[0] : parsed
  if (key instanceof Error || !key || !key.isPrivateKey()) {
    const reason = key instanceof Error ? key.message : 'not a private key'
    return { ok: false, error: appError('ssh.key_unreadable', `The file ${path} is not a usable private key (${reason})`, { params: { path, reason } }) }
  }
  const kind = passphrase !== undefined ? secretKindFor(role, 'passphrase') : undefined
  return { ok: true, plan: planOf([{ type: 'publickey', username: endpoint.username, key }], 'publickey', kind) }
}

async function agentPlan(input: AuthInput): Promise<AuthOutcome> {
  const choice = await findAgent(input.agentProbe ?? systemAgentProbe(input.platform ?? process.platform, input.env))
  if (!choice.ok) {
    return {
      ok: false,
      error: appError('ssh.agent_unavailable', `No SSH agent is available (${choice.reason})`, { params: { reason: choice.reason, tried: choice.reason } })
    }
  }
  return { ok: true, plan: planOf([{ type: 'agent', username: input.endpoint.username, agent: choice.agent }], 'agent', undefined, describeAttempts(choice.tried)) }
}

async function passwordPlan(input: AuthInput): Promise<AuthOutcome> {
  const kind = secretKindFor(input.role, 'password')
  const password = await input.secrets.get(secretKey(input.profileId, kind))
  if (password === undefined) {
    return {
      ok: false,
      prompt: { kind, host: input.endpoint.host, retry: false },
      error: appError('ssh.secret_needed', `A password is needed for ${input.endpoint.username}@${input.endpoint.host}`, { params: { host: input.endpoint.host, kind } })
    }
  }
  registerSecret(password)
  const username = input.endpoint.username
  return {
    ok: true,
    plan: planOf(
      [
        { type: 'password', username, password },
        // Servers with PAM often only offer keyboard-interactive: answer its prompts with the password.
        { type: 'keyboard-interactive', username, prompt: (_name, _instructions, _lang, prompts, finish) => finish(prompts.map(() => password)) }
      ],
      'password,keyboard-interactive',
      kind
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

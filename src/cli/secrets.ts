/**
 * SSH secrets for the CLI: never a flag (it would end up in shell history and `ps`). They come
 * from the environment (`KHA_SSH_PASSWORD`, `KHA_SSH_PASSPHRASE`, and `KHA_SSH_JUMP_PASSWORD` /
 * `KHA_SSH_JUMP_PASSPHRASE` for a jump host, which fall back to the first two), or from a hidden
 * prompt when stdin is a terminal. They are kept in memory for this run only.
 *
 * Which secret a profile needs is asked of the tunnel's own `prepareAuth`, so the CLI asks exactly
 * when the app would show its prompt (a password login, an encrypted key).
 */
import type { AskUser, SecretPrompt } from '@shared/connection'
import type { Profile } from '@shared/profile'
import { headerSecretKind, prepareAuth, registerSecret, secretHeaders, secretKey } from '../core'
import type { CliContext } from './context'
import type { Io } from './output'
import { visibleControls } from './terminalText'

export const secretEnv: Record<SecretPrompt['kind'], string[]> = {
  password: ['KHA_SSH_PASSWORD'],
  passphrase: ['KHA_SSH_PASSPHRASE'],
  jumpPassword: ['KHA_SSH_JUMP_PASSWORD', 'KHA_SSH_PASSWORD'],
  jumpPassphrase: ['KHA_SSH_JUMP_PASSPHRASE', 'KHA_SSH_PASSPHRASE']
}

/** What to tell someone whose run failed for an error the command line can fix (a secret, a proxy password, a certificate). */
export function hintFor(
  error: { code: string; params?: Record<string, string | number> } | undefined
): string | undefined {
  if (!error) return undefined
  if (error.code === 'ssh.secret_needed') return secretHint(error.params?.kind)
  if (error.code === 'ssh.hostkey_changed' && error.params?.command)
    return `only if the server's administrator confirms the new key: ${String(error.params.command)}`
  if (error.code === 'profile.secret_missing')
    return `set ${headerEnvName(String(error.params?.header ?? 'NAME'))} in the environment (the app's stored value is encrypted for the app only)`
  if (error.code === 'ssh.prompt_unanswered')
    return 'the SSH server asks a question (a verification code): run the command on a terminal to answer it'
  if (error.code === 'proxy.auth_required')
    return 'give the proxy user with --proxy-user and its password in KHA_PROXY_PASSWORD'
  if (error.code === 'tls.unknown_issuer')
    return "add your company's CA certificate with `profiles edit NAME --ca-file FILE`"
  if (error.code === 'tls.self_signed')
    return `if the fingerprint is the server's, trust it with \`profiles edit NAME --pin ${String(error.params?.fingerprint ?? 'SHA256')}\``
  return undefined
}

/** `X-Api-Key` → `KHA_HEADER_X_API_KEY`: where the CLI takes a credential header's value for one run. */
export function headerEnvName(header: string): string {
  return `KHA_HEADER_${header.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`
}

/** Credential headers of the profile from KHA_HEADER_<NAME>, for this run, bound to its backend. */
export async function provideHeaderSecrets(ctx: CliContext, profile: Profile): Promise<void> {
  for (const name of secretHeaders(profile)) {
    const value = ctx.env[headerEnvName(name)]
    if (value === undefined || value === '') continue
    registerSecret(value)
    await ctx.secrets.set(secretKey(profile, headerSecretKind(name)) as string, value, false)
  }
}

/** What to tell someone whose run needed a secret it could not get. */
export function secretHint(kind: string | number | undefined): string {
  const names = secretEnv[kind as SecretPrompt['kind']] ?? [
    'KHA_SSH_PASSWORD',
    'KHA_SSH_PASSPHRASE'
  ]
  return `set ${names[0]} in the environment, or run on a terminal to be asked`
}

/** Read a line from a terminal without echoing it. Resolves undefined on Ctrl-C / Ctrl-D. */
export function promptHidden(io: Io, question: string): Promise<string | undefined> {
  return promptLine(io, question, false)
}

/** Read a line from a terminal, echoing what is typed only with `echo`. Undefined on Ctrl-C / Ctrl-D. */
export function promptLine(io: Io, question: string, echo: boolean): Promise<string | undefined> {
  const stdin = io.stdin
  return new Promise((resolve) => {
    io.stderr.write(question)
    let value = ''
    const wasRaw = (stdin as { isRaw?: boolean }).isRaw ?? false
    stdin.setRawMode?.(true)
    stdin.resume()
    const finish = (result: string | undefined) => {
      stdin.removeListener('data', onData)
      stdin.setRawMode?.(wasRaw)
      stdin.pause()
      io.stderr.write('\n')
      resolve(result)
    }
    const onData = (chunk: Buffer | string) => {
      for (const ch of chunk.toString('utf8')) {
        if (ch === '\r' || ch === '\n') return finish(value)
        if (ch === '\u0003' || ch === '\u0004') return finish(undefined)
        if (ch === '\u007f' || ch === '\b') {
          if (echo && value) io.stderr.write('\b \b')
          value = Array.from(value).slice(0, -1).join('')
        } else if (ch >= ' ') {
          value += ch
          // Raw mode: the terminal echoes nothing itself, so a visible answer is echoed here.
          if (echo) io.stderr.write(ch)
        }
      }
    }
    stdin.on('data', onData)
  })
}

/**
 * The SSH server's keyboard-interactive questions (a two-factor code) on the terminal: its name
 * and instruction, then each prompt as the server wrote it (control characters made visible),
 * hidden while typed unless the server asked for echo. Undefined when there is no terminal to ask
 * (a pipe, --json): the login then stops with `ssh.prompt_unanswered`. One question at a time.
 */
export function terminalAskUser(ctx: CliContext): AskUser | undefined {
  if (!(ctx.io.stdin.isTTY && ctx.io.stderr.isTTY) || ctx.out.json) return undefined
  let queue: Promise<unknown> = Promise.resolve()
  return (question, signal) => {
    const run = queue.then(async () => {
      if (signal?.aborted) return undefined
      const io = ctx.io
      const text = (s: string) => visibleControls(s.trim())
      io.stderr.write(
        `${text(question.server)} asks${question.source === 'doctor' ? ' (connection check)' : ''}:\n`
      )
      if (question.name.trim()) io.stderr.write(`  ${text(question.name)}\n`)
      if (question.instruction.trim()) io.stderr.write(`  ${text(question.instruction)}\n`)
      const answers: string[] = []
      for (const p of question.prompts) {
        const value = await promptLine(io, `${text(p.prompt)} `, p.echo)
        if (value === undefined) return undefined
        answers.push(value)
      }
      return answers
    })
    queue = run.catch(() => undefined)
    return run
  }
}

function describe(prompt: SecretPrompt, profile: Profile): string {
  const c = profile.connection
  const endpoint = c.kind === 'tunnel' ? (prompt.kind.startsWith('jump') ? c.jump : c.ssh) : null
  const who = endpoint ? `${endpoint.username}@${endpoint.host}` : prompt.host
  if (prompt.kind === 'password' || prompt.kind === 'jumpPassword')
    return `${prompt.retry ? 'Wrong password. ' : ''}Password for ${who}: `
  const key = endpoint?.keyPath || '~/.ssh/id_ed25519'
  return `${prompt.retry ? 'Wrong passphrase. ' : ''}Passphrase for ${key}: `
}

/**
 * Put the secrets a tunnel profile needs into the session store: from the environment, else by
 * asking on a terminal (up to 3 tries for a wrong passphrase). Without either, nothing is stored
 * and the connection fails with `ssh.secret_needed`, which the caller explains.
 */
export async function provideSshSecrets(ctx: CliContext, profile: Profile): Promise<void> {
  await provideProxyPassword(ctx, profile)
  const c = profile.connection
  if (c.kind !== 'tunnel') return
  const interactive = Boolean(ctx.io.stdin.isTTY && ctx.io.stderr.isTTY) && !ctx.out.json
  const hops = [
    ...(c.jump ? [{ role: 'jump' as const, endpoint: c.jump }] : []),
    { role: 'ssh' as const, endpoint: c.ssh }
  ]
  for (const hop of hops) {
    const tried = new Set<string>()
    for (let attempt = 0; attempt < 4; attempt++) {
      const outcome = await prepareAuth({
        profileId: profile.id,
        endpoint: hop.endpoint,
        role: hop.role,
        secrets: ctx.secrets,
        homeDir: ctx.homeDir,
        env: ctx.env
      })
      if (outcome.ok || !outcome.prompt) break
      const { kind } = outcome.prompt
      const fromEnv = secretEnv[kind]
        .map((name) => ctx.env[name])
        .find((v) => v !== undefined && v !== '')
      let value: string | undefined
      if (fromEnv !== undefined && !tried.has(`env:${kind}`)) {
        tried.add(`env:${kind}`)
        value = fromEnv
      } else if (interactive && attempt < 3) {
        value = await promptHidden(ctx.io, describe(outcome.prompt, profile))
      }
      if (value === undefined) break
      registerSecret(value)
      await ctx.secrets.set(secretKey(profile, kind) as string, value, false)
    }
  }
}

/** The manual proxy's password for this run: `KHA_PROXY_PASSWORD` (a proxy asking without it fails with `proxy.auth_required`, exit 18). */
export async function provideProxyPassword(ctx: CliContext, profile: Profile): Promise<void> {
  if (profile.proxy.mode !== 'manual' || !profile.proxy.username) return
  const value = ctx.env.KHA_PROXY_PASSWORD
  if (value === undefined || value === '') return
  registerSecret(value)
  const key = secretKey(profile, 'proxyPassword')
  if (key) await ctx.secrets.set(key, value, false)
}

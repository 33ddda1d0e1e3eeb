import type { AppError } from './errors'

/**
 * What the connection indicator shows. `reconnecting` carries the attempt number and when the
 * next try happens, so the UI can count down; `failed` and `reconnecting` carry the reason.
 */
export type ConnectionStatus = 'idle' | 'connecting' | 'connected' | 'reconnecting' | 'failed'

export interface ConnectionState {
  profileId: string | null
  mode: 'direct' | 'tunnel' | null
  status: ConnectionStatus
  attempt?: number
  /** Epoch ms of the next reconnect attempt. */
  nextRetryAt?: number
  error?: AppError
  /** Extra facts for developers: the negotiated cipher, the exposed local port, the target. */
  detail?: Record<string, string | number>
  /** Set when the SSH server's key is not known yet: the user must trust it before we go on. */
  hostKeyPrompt?: HostKeyPrompt
  /** Set when a password or passphrase is needed and none is stored. */
  secretPrompt?: SecretPrompt
}

export interface HostKeyPrompt {
  host: string
  port: number
  keyType: string
  /** `SHA256:…`, as `ssh-keygen -lf` prints it. */
  fingerprint: string
  /** True when a different key was known for this host (this is then a warning, not a question). */
  changed: boolean
  /**
   * For a changed key: the command that forgets the app's old key (`kha-desktop hosts forget
   * HOST:PORT`). Replacing a key is done outside the app on purpose, like `ssh-keygen -R`.
   */
  forgetCommand?: string
}

/** The CLI command that removes host[:port]'s keys from the app's own known_hosts. */
export function hostsForgetCommand(host: string, port: number): string {
  const h = host.replace(/^\[(.*)\]$/, '$1')
  return `kha-desktop hosts forget ${h.includes(':') ? `[${h}]` : h}:${port}`
}

export interface SecretPrompt {
  /** Which secret: the SSH password, a key's passphrase, or (later) an API key. */
  kind: 'password' | 'passphrase' | 'jumpPassword' | 'jumpPassphrase'
  host: string
  /** True when the last value was rejected. */
  retry: boolean
}

export interface HealthResult {
  ok: boolean
  ms: number
  status?: number
  error?: AppError
}

/**
 * A keyboard-interactive round from an SSH server (two-factor logins: a password, then a
 * verification code), shown to the user as the server sent it. `echo: false` means the answer is
 * hidden while typed. Answered with `connection:answerAuthPrompt`; pending ones are pushed with
 * the `connection:authPrompts` event, and a window that starts asks for them with the channel of
 * the same name (it shows a question asked before it loaded).
 */
export interface AuthPromptRequest {
  id: string
  /** Who asks: the app's tunnel, or a connection check (doctor). */
  source: 'tunnel' | 'doctor'
  profileId: string
  /** `user@host:port`, as the app shows it. */
  server: string
  /** The server's own words, verbatim (may be empty). */
  name: string
  instruction: string
  prompts: Array<{ prompt: string; echo: boolean }>
}

/** A prompt round without its id: what the core asks the shell's user. */
export type AuthPromptQuestion = Omit<AuthPromptRequest, 'id'>

/** Ask the user; resolves the answers in prompt order, or undefined when they cancelled. */
export type AskUser = (
  question: AuthPromptQuestion,
  signal?: AbortSignal
) => Promise<string[] | undefined>

/**
 * Errors that cross the IPC boundary. A rejected `invoke` keeps only its message, so every handler
 * returns `IpcResult` instead, and every error carries a stable `code` that the renderer (and the
 * CLI) translate. `message` is the English fallback, for logs and for scripts.
 */

/** One problem with one field of a form (a profile, a setting). `field` is a dotted path. */
export interface FieldError {
  field: string
  code: string
  params?: Record<string, string | number>
}

export interface AppError {
  code: ErrorCode
  message: string
  params?: Record<string, string | number>
  fields?: FieldError[]
  /** Text the server itself sent (FastAPI `detail`, OpenAI `error.message`), shown verbatim. */
  serverText?: string
}

export type IpcResult<T> = { ok: true; data: T } | { ok: false; error: AppError }

/**
 * Every code the app can report. Grouped by where the failure happens so that the renderer can pick
 * an action (retry, open settings, trust a key) from the prefix.
 */
export const errorCodes = [
  // input and contract
  'ipc.bad_request',
  'ipc.forbidden',
  'ipc.unknown_channel',
  'profile.invalid',
  'profile.not_found',
  'profile.none_selected',
  'profile.bad_file',
  // a credential header's value is not stored for the backend the profile points at now
  'profile.secret_missing',
  'conversation.not_found',
  'message.not_found',
  'message.empty',
  'chat.busy',
  'chat.interrupted',
  // backend over HTTP
  'backend.dns',
  'backend.refused',
  'backend.unreachable',
  'backend.connect_timeout',
  'backend.idle_timeout',
  'backend.reset',
  'backend.stream_dropped',
  'backend.http_status',
  'backend.unauthorized',
  'backend.bad_reply',
  'backend.aborted',
  // a reply, or one SSE event / NDJSON line of it, larger than the profile's limits
  'backend.reply_too_large',
  'backend.event_too_large',
  // Windows: nothing on localhost, and .wslconfig turns WSL's localhost forwarding off
  'backend.wsl_localhost',
  // ssh tunnel
  'ssh.dns',
  'ssh.refused',
  'ssh.timeout',
  'ssh.auth_failed',
  'ssh.bad_passphrase',
  'ssh.key_unreadable',
  'ssh.hostkey_unknown',
  'ssh.hostkey_changed',
  'ssh.forward_refused',
  'ssh.target_closed',
  'ssh.disconnected',
  'ssh.secret_needed',
  'ssh.port_in_use',
  'ssh.agent_unavailable',
  // the server offers only SHA-1 / CBC algorithms and the profile does not allow legacy ones
  'ssh.legacy_algorithms',
  // a keyboard-interactive question (a verification code) that nobody answered: cancelled, or no terminal
  'ssh.prompt_unanswered',
  // https to the backend (issue 11): each certificate failure carries the leaf's fingerprint,
  // subject, issuer and validity in params, so the UI can show it and offer to trust it
  'tls.expired',
  'tls.not_yet_valid',
  'tls.wrong_host',
  'tls.unknown_issuer',
  'tls.self_signed',
  'tls.untrusted',
  'tls.pin_mismatch',
  'tls.handshake',
  'tls.ca_file',
  // the HTTP proxy in front of the backend or the SSH server (issue 11)
  'proxy.dns',
  'proxy.refused',
  'proxy.auth_required',
  'proxy.denied',
  'proxy.failed',
  // connection doctor (issue 9): the backend answered the test chat, but no text was found in it
  'doctor.empty_reply',
  // first start: the server answered, but is no kind we have a preset for
  'doctor.unknown_server',
  // attachments (issue 19): each names the file in params.name
  'attachment.unsupported',
  'attachment.hwp',
  'attachment.encrypted',
  'attachment.no_text',
  'attachment.unreadable',
  'attachment.file_too_large',
  'attachment.too_large',
  'attachment.images_unsupported',
  // storage
  'store.corrupt',
  'store.io',
  // a backup file that is not one (issue 17 item 9)
  'store.bad_backup',
  'store.too_new',
  'internal'
] as const

export type ErrorCode = (typeof errorCodes)[number]

/** Where a failure happened: the part of the code before the dot, typed. */
type CategoryOf<C> = C extends `${infer P}.${string}` ? P : never
export type ErrorCategory = CategoryOf<ErrorCode>

/**
 * The one reading of a code's category, for the UI and the CLI instead of regular expressions on
 * names. (The fuller table, with "retrying can help" and what the user should do, goes here too.)
 */
export function errorCategory(code: ErrorCode): ErrorCategory | 'internal' {
  const dot = code.indexOf('.')
  return dot < 0 ? 'internal' : (code.slice(0, dot) as ErrorCategory)
}

/** The server or the way to it failed (not the user's input, not a stop): "Check connection" helps. */
export function isConnectionError(code: ErrorCode): boolean {
  if (code === 'backend.aborted') return false
  const category = errorCategory(code)
  return category === 'backend' || category === 'ssh' || category === 'doctor' || category === 'tls' || category === 'proxy'
}

export function appError(
  code: ErrorCode,
  message: string,
  extra: Omit<AppError, 'code' | 'message'> = {}
): AppError {
  return { code, message, ...extra }
}

/** An exception that carries an AppError, so core code can `throw` and the dispatcher can map it. */
export class AppFailure extends Error {
  constructor(readonly error: AppError) {
    super(error.message)
    this.name = 'AppFailure'
  }
}

export function fail(code: ErrorCode, message: string, extra?: Omit<AppError, 'code' | 'message'>): never {
  throw new AppFailure(appError(code, message, extra))
}

export function isAppError(value: unknown): value is AppError {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as AppError).code === 'string' &&
    typeof (value as AppError).message === 'string'
  )
}

/**
 * Errors that cross the IPC boundary. A rejected `invoke` keeps only its message, so every handler
 * returns `IpcResult` instead, and every error carries a stable `code` that the renderer (and the
 * CLI) translate. `message` is the English fallback, for logs and for scripts.
 */

import type { DoctorStepId } from './doctor'

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
 * Every code the app can report, grouped by where the failure happens (the prefix is its
 * category). What retrying can do and what the person should do are in `errorTable` below.
 */
export const errorCodes = [
  // input and contract
  'ipc.bad_request',
  'ipc.forbidden',
  'ipc.unknown_channel',
  'profile.invalid',
  'profile.not_found',
  // a save refused because the profile changed elsewhere after the caller read it
  'profile.changed',
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
 * What the person can do about an error; each has a sentence under `errorAction.<name>` in
 * src/shared/i18n (en.ts, ko.ts); `none` has none.
 */
export const errorActions = [
  'retry',
  'wait',
  'checkConnection',
  'editProfile',
  'chooseProfile',
  'enterSecret',
  'trustHostKey',
  'trustCertificate',
  'askAdmin',
  'chooseOtherFile',
  'fixInput',
  'update',
  'report',
  'none'
] as const
export type ErrorAction = (typeof errorActions)[number]

export interface ErrorInfo {
  /** Sending again, unchanged, may work (the server was busy, the line dropped). */
  retryable: boolean
  action: ErrorAction
  /** The connection step that failed (the doctor's step, the CLI's exit code); absent = not the connection. */
  step?: DoctorStepId
}

/**
 * Every code's entry, the one reading of a code for the UI and the CLI instead of matching names.
 * `satisfies Record<ErrorCode, …>`: a code without an entry (or an entry without a code) does not compile.
 */
export const errorTable = {
  'ipc.bad_request': { retryable: false, action: 'fixInput' },
  'ipc.forbidden': { retryable: false, action: 'report' },
  'ipc.unknown_channel': { retryable: false, action: 'report' },
  'profile.invalid': { retryable: false, action: 'editProfile' },
  'profile.not_found': { retryable: false, action: 'chooseProfile' },
  'profile.changed': { retryable: true, action: 'none' },
  'profile.none_selected': { retryable: false, action: 'chooseProfile' },
  'profile.bad_file': { retryable: false, action: 'chooseOtherFile' },
  'profile.secret_missing': { retryable: false, action: 'enterSecret' },
  'conversation.not_found': { retryable: false, action: 'none' },
  'message.not_found': { retryable: false, action: 'none' },
  'message.empty': { retryable: false, action: 'fixInput' },
  'chat.busy': { retryable: true, action: 'wait' },
  'chat.interrupted': { retryable: true, action: 'retry' },
  'backend.dns': { retryable: true, action: 'checkConnection', step: 'resolve' },
  'backend.refused': { retryable: true, action: 'checkConnection', step: 'tcp' },
  'backend.unreachable': { retryable: true, action: 'checkConnection', step: 'tcp' },
  'backend.connect_timeout': { retryable: true, action: 'checkConnection', step: 'tcp' },
  'backend.idle_timeout': { retryable: true, action: 'retry', step: 'chat' },
  'backend.reset': { retryable: true, action: 'retry', step: 'chat' },
  'backend.stream_dropped': { retryable: true, action: 'retry', step: 'chat' },
  'backend.http_status': { retryable: true, action: 'checkConnection', step: 'chat' },
  'backend.unauthorized': { retryable: false, action: 'enterSecret', step: 'chat' },
  'backend.bad_reply': { retryable: false, action: 'editProfile', step: 'chat' },
  'backend.aborted': { retryable: true, action: 'none', step: 'chat' },
  'backend.reply_too_large': { retryable: false, action: 'editProfile', step: 'chat' },
  'backend.event_too_large': { retryable: false, action: 'editProfile', step: 'chat' },
  'backend.wsl_localhost': { retryable: false, action: 'checkConnection', step: 'tcp' },
  'ssh.dns': { retryable: true, action: 'checkConnection', step: 'resolve' },
  'ssh.refused': { retryable: true, action: 'checkConnection', step: 'tcp' },
  'ssh.timeout': { retryable: true, action: 'checkConnection', step: 'tcp' },
  'ssh.auth_failed': { retryable: false, action: 'enterSecret', step: 'ssh_auth' },
  'ssh.bad_passphrase': { retryable: false, action: 'enterSecret', step: 'ssh_auth' },
  'ssh.key_unreadable': { retryable: false, action: 'editProfile', step: 'ssh_auth' },
  'ssh.hostkey_unknown': { retryable: false, action: 'trustHostKey', step: 'ssh_handshake' },
  'ssh.hostkey_changed': { retryable: false, action: 'askAdmin', step: 'ssh_handshake' },
  'ssh.forward_refused': { retryable: false, action: 'askAdmin', step: 'forward' },
  'ssh.target_closed': { retryable: true, action: 'checkConnection', step: 'target' },
  'ssh.disconnected': { retryable: true, action: 'retry', step: 'ssh_handshake' },
  'ssh.secret_needed': { retryable: false, action: 'enterSecret', step: 'ssh_auth' },
  'ssh.port_in_use': { retryable: true, action: 'retry', step: 'forward' },
  'ssh.agent_unavailable': { retryable: false, action: 'editProfile', step: 'ssh_auth' },
  'ssh.legacy_algorithms': { retryable: false, action: 'editProfile', step: 'ssh_handshake' },
  'ssh.prompt_unanswered': { retryable: true, action: 'retry', step: 'ssh_auth' },
  'tls.expired': { retryable: false, action: 'askAdmin', step: 'tls' },
  'tls.not_yet_valid': { retryable: false, action: 'askAdmin', step: 'tls' },
  'tls.wrong_host': { retryable: false, action: 'editProfile', step: 'tls' },
  'tls.unknown_issuer': { retryable: false, action: 'trustCertificate', step: 'tls' },
  'tls.self_signed': { retryable: false, action: 'trustCertificate', step: 'tls' },
  'tls.untrusted': { retryable: false, action: 'trustCertificate', step: 'tls' },
  'tls.pin_mismatch': { retryable: false, action: 'askAdmin', step: 'tls' },
  'tls.handshake': { retryable: true, action: 'checkConnection', step: 'tls' },
  'tls.ca_file': { retryable: false, action: 'editProfile', step: 'tls' },
  'proxy.dns': { retryable: true, action: 'checkConnection', step: 'resolve' },
  'proxy.refused': { retryable: true, action: 'checkConnection', step: 'proxy' },
  'proxy.auth_required': { retryable: false, action: 'enterSecret', step: 'proxy' },
  'proxy.denied': { retryable: false, action: 'askAdmin', step: 'proxy' },
  'proxy.failed': { retryable: true, action: 'checkConnection', step: 'proxy' },
  'doctor.empty_reply': { retryable: false, action: 'editProfile', step: 'chat' },
  'doctor.unknown_server': { retryable: false, action: 'editProfile', step: 'chat' },
  'attachment.unsupported': { retryable: false, action: 'chooseOtherFile' },
  'attachment.hwp': { retryable: false, action: 'chooseOtherFile' },
  'attachment.encrypted': { retryable: false, action: 'chooseOtherFile' },
  'attachment.no_text': { retryable: false, action: 'chooseOtherFile' },
  'attachment.unreadable': { retryable: false, action: 'chooseOtherFile' },
  'attachment.file_too_large': { retryable: false, action: 'chooseOtherFile' },
  'attachment.too_large': { retryable: false, action: 'chooseOtherFile' },
  'attachment.images_unsupported': { retryable: false, action: 'chooseOtherFile' },
  'store.corrupt': { retryable: false, action: 'report' },
  'store.io': { retryable: true, action: 'retry' },
  'store.bad_backup': { retryable: false, action: 'chooseOtherFile' },
  'store.too_new': { retryable: false, action: 'update' },
  internal: { retryable: false, action: 'report' }
} as const satisfies Record<ErrorCode, ErrorInfo>

export function errorInfo(code: ErrorCode): ErrorInfo & { category: ErrorCategory | 'internal' } {
  return { ...(errorTable[code] as ErrorInfo), category: errorCategory(code) }
}

/** Where a failure happened: the part of the code before the dot. */
export function errorCategory(code: ErrorCode): ErrorCategory | 'internal' {
  const dot = code.indexOf('.')
  return dot < 0 ? 'internal' : (code.slice(0, dot) as ErrorCategory)
}

/** The server or the way to it failed (not the user's input, not a stop): "Check connection" helps. */
export function isConnectionError(code: ErrorCode): boolean {
  return code !== 'backend.aborted' && (errorTable[code] as ErrorInfo).step !== undefined
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

export function fail(
  code: ErrorCode,
  message: string,
  extra?: Omit<AppError, 'code' | 'message'>
): never {
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

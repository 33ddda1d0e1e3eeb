/**
 * Exit codes: scripts tell from the code alone which part of the connection failed. The step
 * codes follow the doctor's step order, and `chat` maps its error to the same codes, so
 * `kha-desktop chat …` and `kha-desktop doctor …` agree on what 11 or 13 means.
 * Documented in docs/CLI.md and in `--help`; changing one is a breaking change for scripts.
 */
import type { DoctorReport, DoctorStepId } from '@shared/doctor'
import { errorTable, type ErrorCode, type ErrorInfo } from '@shared/errors'

export const exitCodes = {
  ok: 0,
  /** Bad command line or invalid profile fields. */
  usage: 1,
  /** The profile (or conversation, or host key for `hosts forget`) named does not exist, or none is selected. */
  notFound: 2,
  /** Anything else: a store that cannot be written, an internal error. */
  failed: 3,
  /** Stopped with Ctrl-C. */
  interrupted: 130
} as const

export const stepExitCodes: Record<DoctorStepId, number> = {
  resolve: 10,
  tcp: 11,
  ssh_handshake: 12,
  ssh_auth: 13,
  forward: 14,
  target: 15,
  health: 16,
  chat: 17,
  proxy: 18,
  tls: 19,
  detect: 20
}

/** Which step an error code belongs to, for commands (chat) that fail without a doctor report: the error table's. */
export function stepOfError(code: string): DoctorStepId | undefined {
  return Object.hasOwn(errorTable, code)
    ? (errorTable[code as ErrorCode] as ErrorInfo).step
    : undefined
}

export function exitCodeForError(code: string): number {
  if (code === 'backend.aborted') return exitCodes.interrupted
  if (
    code === 'profile.not_found' ||
    code === 'profile.none_selected' ||
    code === 'conversation.not_found'
  )
    return exitCodes.notFound
  // A file --attach (or `profiles import`) cannot use is bad input, like a bad flag: the message
  // names the file.
  if (
    code === 'profile.invalid' ||
    code === 'profile.bad_file' ||
    code === 'message.empty' ||
    code === 'ipc.bad_request' ||
    code.startsWith('cli.') ||
    code.startsWith('attachment.')
  )
    return exitCodes.usage
  const step = stepOfError(code)
  return step ? stepExitCodes[step] : exitCodes.failed
}

export function exitCodeForReport(report: DoctorReport): number {
  const failed = report.steps.find((s) => s.status === 'failed')
  if (!failed) return exitCodes.ok
  if (failed.error?.code === 'backend.aborted') return exitCodes.interrupted
  return stepExitCodes[failed.id]
}

/** The table for `--help` and docs/CLI.md. */
export const exitCodesHelp = `Exit codes:
  0    ok
  1    usage error, or invalid profile fields (the message names the flag)
  2    profile, conversation or host key not found, or no profile selected
  3    other failure (data folder not writable, internal error)
  10   name lookup failed (resolve)
  11   TCP connection failed: refused, unreachable, timed out (tcp)
  12   SSH handshake or host key: unknown or changed key, connection lost (ssh_handshake)
  13   SSH authentication: key refused, wrong password or passphrase, no secret (ssh_auth)
  14   SSH forward refused by the server (forward)
  15   nothing answers at the target behind the SSH server (target)
  16   health route failed (health)
  17   chat request failed: HTTP error, bad or empty reply, timeout (chat)
  18   HTTP proxy: refused, wants a password (407), denies the target (403), failed (proxy)
  19   TLS: certificate expired, for another name, unknown issuer, self-signed, pinned one changed, handshake (tls)
  20   the server answers but is no chat server the app knows (detect; first-start check only)
  130  interrupted (Ctrl-C)`

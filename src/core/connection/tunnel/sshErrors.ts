/**
 * What ssh2 and the network report, turned into errors a person can act on. The message is plain
 * English (the renderer translates by code); hosts, ports and methods go in `params`. No secret
 * can end up here: we only ever read an error's code, level and message, never the config.
 */
import { AppFailure, appError, type AppError } from '@shared/errors'

interface SshLikeError extends Error {
  code?: string | number
  level?: string
  reason?: number | string
  description?: string
}

export interface ConnectContext {
  host: string
  port: number
  /** For a host reached through a jump host: that jump host, named in the messages. */
  via?: string
  connectSec: number
  /** What we tried and what the server accepts, for auth failures. */
  methods?: string
  serverMethods?: string
  username?: string
  /** For agent logins: which agents were tried (agentSource.ts), named in the agent error. */
  agentTried?: string
}

/** An error while opening the SSH connection (TCP, handshake, auth) or from a live one. */
export function connectError(error: unknown, ctx: ConnectContext): AppError {
  if (error instanceof AppFailure) return error.error
  const err = (error ?? {}) as SshLikeError
  const where = `${ctx.host}:${ctx.port}`
  const seen = ctx.via ? ` (through ${ctx.via})` : ''
  const params = { host: ctx.host, port: ctx.port, ...(ctx.via ? { via: ctx.via } : {}) }
  const message = String(err.message ?? error)
  switch (err.code) {
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_NODATA':
      return appError('ssh.dns', `The name ${ctx.host} could not be resolved`, { params })
    case 'ECONNREFUSED':
      return appError('ssh.refused', `Nothing accepts SSH connections at ${where}${seen}`, {
        params
      })
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'EHOSTDOWN':
    case 'ENETDOWN':
      return appError('ssh.refused', `${ctx.host} cannot be reached from this computer`, {
        params: { ...params, reason: 'unreachable' }
      })
    case 'ETIMEDOUT':
      return appError('ssh.timeout', `Connecting to ${where}${seen} timed out`, {
        params: { ...params, seconds: ctx.connectSec }
      })
  }
  if (err.level === 'client-timeout') {
    if (/keepalive/i.test(message)) {
      return appError('ssh.timeout', `The SSH server ${where} stopped answering keepalives`, {
        params: { ...params, reason: 'keepalive' }
      })
    }
    return appError(
      'ssh.timeout',
      `Connecting to ${where}${seen} took longer than ${ctx.connectSec} s`,
      { params: { ...params, seconds: ctx.connectSec } }
    )
  }
  if (err.level === 'client-authentication' || /authentication methods failed/i.test(message)) {
    const methods = ctx.methods ?? ''
    const server = ctx.serverMethods ? `; the server accepts: ${ctx.serverMethods}` : ''
    return appError(
      'ssh.auth_failed',
      `${ctx.username ? `${ctx.username}@` : ''}${ctx.host} refused the login (tried: ${methods || 'none'}${server})`,
      {
        params: {
          ...params,
          methods,
          ...(ctx.serverMethods ? { serverMethods: ctx.serverMethods } : {}),
          ...(ctx.username ? { user: ctx.username } : {})
        }
      }
    )
  }
  if (err.level === 'agent') {
    const tried = ctx.agentTried ?? ''
    return appError(
      'ssh.agent_unavailable',
      `The SSH agent could not be used${tried ? ` (tried: ${tried})` : ''}: ${message}`,
      { params: { reason: message, tried: tried || message } }
    )
  }
  if (/host denied/i.test(message)) {
    return appError('ssh.hostkey_unknown', `The key of ${where} is not trusted`, { params })
  }
  if (err.level === 'client-dns')
    return appError('ssh.dns', `The name ${ctx.host} could not be resolved`, { params })
  // A DISCONNECT from the server (numeric code) carries its own text: show it verbatim.
  if (typeof err.code === 'number') {
    return appError(
      'ssh.disconnected',
      `The SSH server ${where} closed the connection: ${message}`,
      { params, serverText: message }
    )
  }
  return appError(
    'ssh.disconnected',
    `The SSH connection to ${where}${seen} was lost (${message})`,
    { params }
  )
}

/** ssh2's CHANNEL_OPEN_FAILURE reasons (RFC 4254 §5.1). */
const ADMINISTRATIVELY_PROHIBITED = 1
const CONNECT_FAILED = 2

/** An error while opening a forward (`direct-tcpip`) to host:port on the far side. */
export function forwardError(
  error: unknown,
  target: { host: string; port: number },
  sshHost: string
): AppError {
  if (error instanceof AppFailure) return error.error
  const err = (error ?? {}) as SshLikeError
  const params = { host: target.host, port: target.port, sshHost }
  const description = String(err.message ?? error).replace(/^\(SSH\) Channel open failure: /, '')
  if (
    err.reason === ADMINISTRATIVELY_PROHIBITED ||
    /administratively prohibited/i.test(description)
  ) {
    return appError(
      'ssh.forward_refused',
      `${sshHost} does not allow forwarding to ${target.host}:${target.port} (AllowTcpForwarding is off)`,
      { params }
    )
  }
  if (err.reason === CONNECT_FAILED || /connection refused|connect failed/i.test(description)) {
    return appError(
      'ssh.target_closed',
      `Nothing accepts connections at ${target.host}:${target.port} on the far side of ${sshHost} (${description || 'connect failed'})`,
      {
        params,
        ...(description ? { serverText: description } : {})
      }
    )
  }
  return appError(
    'ssh.disconnected',
    `The SSH connection to ${sshHost} was lost while opening a forward (${description})`,
    { params }
  )
}

/**
 * The host-key decision for one connector: called from ssh2's `hostVerifier` for each hop, it
 * accepts keys on file and, for any other, remembers what the server presented so the user can be
 * shown the fingerprint (unknown) or warned (changed, revoked). Trusting writes the app's own
 * known_hosts, and only for an unknown host: a changed key is never replaced from here, whatever
 * the renderer asks (a compromised renderer must not be able to accept a man in the middle). The
 * user replaces it deliberately with `kha-desktop hosts forget HOST:PORT` (knownHosts.ts `forgetHost`), as
 * `ssh-keygen -R` does for OpenSSH, and then trusts the new key as an unknown one.
 */
import { hostsForgetCommand, type HostKeyPrompt } from '@shared/connection'
import { AppFailure, appError, type AppError } from '@shared/errors'
import type { Logger } from '../../logger'
import type { Role } from './auth'
import { fingerprintSha256, keyTypeOf, type KnownHostEntry } from './hostKeys'
import { addTrustedKey, knownKeyTypesFor, verifyHostKey, type KnownHostsFiles } from './knownHosts'

interface Pending {
  role: Role
  host: string
  port: number
  key: Buffer
  prompt: HostKeyPrompt
  revoked: boolean
  /** Where the old key(s) are, for a changed or revoked key. */
  conflicts: KnownHostEntry[]
}

export function createHostKeyGate(files: KnownHostsFiles, logger: Logger) {
  let pending: Pending | undefined

  function error(p: Pending): AppError {
    const params = {
      host: p.host,
      port: p.port,
      fingerprint: p.prompt.fingerprint,
      keyType: p.prompt.keyType
    }
    if (p.revoked)
      return appError(
        'ssh.hostkey_changed',
        `The key of ${p.host}:${p.port} has been revoked; the connection was refused`,
        { params: { ...params, revoked: 1 } }
      )
    if (p.prompt.changed) {
      const where = p.conflicts[0]
      const command = hostsForgetCommand(p.host, p.port)
      return appError(
        'ssh.hostkey_changed',
        `The key of ${p.host}:${p.port} has changed since it was trusted (now ${p.prompt.keyType} ${p.prompt.fingerprint}). Someone may be intercepting the connection, so it was refused. If the administrator confirms the new key, remove the old one with: ${command}`,
        {
          params: {
            ...params,
            command,
            ...(where ? { file: where.source, line: where.line, knownKeyType: where.keyType } : {})
          }
        }
      )
    }
    return appError(
      'ssh.hostkey_unknown',
      `${p.host}:${p.port} is not a known host; check its key fingerprint ${p.prompt.fingerprint} and trust it to connect`,
      { params }
    )
  }

  return {
    /** For ssh2's hostVerifier: true when the key is on file; otherwise remember it and refuse. */
    async verify(role: Role, host: string, port: number, key: Buffer): Promise<boolean> {
      const verdict = await verifyHostKey(files, host, port, key)
      if (verdict.verdict === 'known') return true
      pending = {
        role,
        host,
        port,
        key,
        revoked: verdict.verdict === 'revoked',
        conflicts:
          verdict.verdict === 'changed'
            ? verdict.entries
            : verdict.verdict === 'revoked'
              ? [verdict.entry]
              : [],
        prompt: {
          host,
          port,
          keyType: keyTypeOf(key),
          fingerprint: fingerprintSha256(key),
          changed: verdict.verdict !== 'unknown',
          ...(verdict.verdict === 'changed'
            ? { forgetCommand: hostsForgetCommand(host, port) }
            : {})
        }
      }
      logger.warn('ssh host key not trusted', {
        host,
        port,
        verdict: verdict.verdict,
        fingerprint: pending.prompt.fingerprint
      })
      return false
    },
    /** Key types on file for host:port, asked for first in the handshake. */
    knownTypes: (host: string, port: number): Promise<string[]> =>
      knownKeyTypesFor(files, host, port),
    /** Why the hop `role` was refused, if it was refused here (ssh2 itself only says "Host denied"). */
    errorFor(role: Role): AppError | undefined {
      return pending && pending.role === role ? error(pending) : undefined
    },
    prompt: (): HostKeyPrompt | undefined => pending?.prompt,
    /** A new attempt starts: forget the last question. */
    reset() {
      pending = undefined
    },
    /**
     * The user trusts the key shown (by fingerprint, so a key swapped meanwhile is not trusted).
     * Only an unknown key: a changed or revoked one is refused here, in main, not just hidden in the UI.
     */
    async trust(fingerprint: string): Promise<void> {
      const p = pending
      if (!p || p.prompt.fingerprint !== fingerprint) {
        throw new AppFailure(
          appError(
            'ssh.hostkey_unknown',
            'That key is not the one the server presented; connect again to see its fingerprint',
            { params: { fingerprint } }
          )
        )
      }
      if (p.revoked || p.prompt.changed) throw new AppFailure(error(p))
      // The file may have changed since the handshake (another window, `hosts forget`): judge again.
      const now = await verifyHostKey(files, p.host, p.port, p.key)
      if (now.verdict === 'changed' || now.verdict === 'revoked')
        throw new AppFailure(
          error({
            ...p,
            revoked: now.verdict === 'revoked',
            prompt: { ...p.prompt, changed: true }
          })
        )
      await addTrustedKey(files.app, p.host, p.port, p.key)
      logger.info('ssh host key trusted', { host: p.host, port: p.port, fingerprint })
      pending = undefined
    }
  }
}

export type HostKeyGate = ReturnType<typeof createHostKeyGate>

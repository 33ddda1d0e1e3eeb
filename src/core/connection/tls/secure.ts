/**
 * TLS over a byte stream we already opened (a TCP socket, a CONNECT tunnel through a proxy, an SSH
 * channel), with the profile's trust. Resolves only once `decideTrust` accepted the certificate,
 * so a refused server never receives the request (not even its headers).
 */
import { isIP } from 'node:net'
import type { Duplex } from 'node:stream'
import tls, { type SecureContext, type TLSSocket } from 'node:tls'
import { AppFailure, type AppError } from '@shared/errors'
import { decideTrust, handshakeError, type TrustDecision } from './verify'

export interface TlsPolicy {
  /** The name the certificate must be for: the URL's host (the target's, behind a tunnel). */
  host: string
  port: number
  /** The roots: see trust.ts. */
  context: () => Promise<SecureContext>
  /** SHA-256 fingerprints pinned in the profile. */
  pins: readonly string[]
  /** Told about every certificate refused, so "trust this certificate" can check it was really presented. */
  onRefused?(error: AppError): void
}

export interface SecureResult {
  socket: TLSSocket
  decision: TrustDecision
  protocol: string
  cipher: string
}

const bare = (host: string) => host.replace(/^\[(.*)\]$/, '$1')

export async function secureStream(raw: Duplex, policy: TlsPolicy): Promise<SecureResult> {
  const host = bare(policy.host)
  let context: SecureContext
  try {
    context = await policy.context()
  } catch (error) {
    raw.destroy()
    throw error
  }
  return new Promise((resolve, reject) => {
    const socket = tls.connect({
      socket: raw as never,
      host,
      // SNI carries names only, never an IP address.
      ...(isIP(host) ? {} : { servername: host }),
      secureContext: context,
      // Our own decision follows in decideTrust: this only lets us see the refused certificate.
      rejectUnauthorized: false,
      ALPNProtocols: ['http/1.1']
    })
    let settled = false
    const fail = (error: AppError) => {
      settled = true
      socket.destroy()
      raw.destroy()
      reject(new AppFailure(error))
    }
    // Stays attached: an error between our resolve and the HTTP client taking the socket must not
    // be an unhandled 'error' event (the client adds its own listener right after).
    socket.on('error', (error: Error) => {
      if (!settled) fail(handshakeError(error, host, policy.port))
    })
    socket.once('secureConnect', () => {
      try {
        const decision = decideTrust(socket, host, policy.pins)
        const cipher = socket.getCipher()
        settled = true
        resolve({
          socket,
          decision,
          protocol: socket.getProtocol() ?? '',
          cipher: cipher?.standardName ?? cipher?.name ?? ''
        })
      } catch (error) {
        const e =
          error instanceof AppFailure ? error.error : handshakeError(error, host, policy.port)
        if (e.code !== 'tls.handshake') policy.onRefused?.(e)
        fail(e)
      }
    })
  })
}

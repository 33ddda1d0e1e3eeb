/**
 * The trust decision for one TLS connection, made by us after the handshake and before a single
 * byte of the request is written. The socket is opened with `rejectUnauthorized: false` only so
 * that this function sees the certificate of a failed chain; it then accepts exactly two cases:
 *
 *   (a) the chain verifies against the profile's roots and the name matches (Node's own checks:
 *       OpenSSL's chain verification, then `tls.checkServerIdentity`), or
 *   (b) the leaf certificate's SHA-256 fingerprint is pinned in this profile.
 *
 * Everything else is refused with the precise reason and the facts a person needs to decide
 * (fingerprint, subject, issuer, validity). A pinned profile that meets a *different* certificate
 * which also fails normal verification gets `tls.pin_mismatch`: a plain warning, like a changed
 * SSH host key.
 */
import type { PeerCertificate, TLSSocket } from 'node:tls'
import { AppFailure, appError, type AppError, type ErrorCode } from '@shared/errors'

export interface CertificateInfo {
  /** SHA-256 of the DER certificate, `AA:BB:…`. */
  fingerprint: string
  /** Common name of the subject (or its organisation when there is no CN). */
  subject: string
  issuer: string
  /** ISO 8601. */
  validFrom: string
  validTo: string
  /** `DNS:host, IP Address:1.2.3.4` as the certificate lists them ('' when none). */
  names: string
}

export type TrustKind = 'valid' | 'pinned'

export interface TrustDecision {
  trust: TrustKind
  certificate: CertificateInfo
  /** Why the chain alone was not enough, when trust is `pinned` (e.g. DEPTH_ZERO_SELF_SIGNED_CERT). */
  chainError?: string
}

const first = (v: string | string[] | undefined): string =>
  Array.isArray(v) ? (v[0] ?? '') : (v ?? '')

function nameOf(dn: PeerCertificate['subject'] | undefined): string {
  if (!dn) return ''
  return first(dn.CN) || first(dn.O) || first(dn.OU) || ''
}

function isoDate(text: string | undefined): string {
  const d = text ? new Date(text) : undefined
  return d && !Number.isNaN(d.getTime()) ? d.toISOString() : (text ?? '')
}

export function certificateInfo(cert: PeerCertificate): CertificateInfo {
  return {
    fingerprint: cert.fingerprint256 ?? '',
    subject: nameOf(cert.subject),
    issuer: nameOf(cert.issuer),
    validFrom: isoDate(cert.valid_from),
    validTo: isoDate(cert.valid_to),
    names: cert.subjectaltname ?? ''
  }
}

/** Which of our codes an OpenSSL / Node verification code is. */
export function tlsCodeFor(reason: string): ErrorCode {
  switch (reason) {
    case 'CERT_HAS_EXPIRED':
      return 'tls.expired'
    case 'CERT_NOT_YET_VALID':
      return 'tls.not_yet_valid'
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
    case 'HOSTNAME_MISMATCH':
    case 'IP_ADDRESS_MISMATCH':
      return 'tls.wrong_host'
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
    case 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY':
    case 'UNABLE_TO_GET_ISSUER_CERT':
      return 'tls.unknown_issuer'
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
    case 'SELF_SIGNED_CERT_IN_CHAIN':
      return 'tls.self_signed'
    default:
      return 'tls.untrusted'
  }
}

/** The refusal for a certificate that failed verification (and is not pinned). */
export function certificateError(
  reason: string,
  host: string,
  cert: CertificateInfo,
  pins: readonly string[] = []
): AppError {
  const params = {
    host,
    reason,
    fingerprint: cert.fingerprint,
    subject: cert.subject,
    issuer: cert.issuer,
    validFrom: cert.validFrom,
    validTo: cert.validTo,
    names: cert.names || cert.subject
  }
  if (pins.length > 0) {
    return appError(
      'tls.pin_mismatch',
      `${host} presented a different certificate (${cert.fingerprint}, ${cert.subject}) than the one trusted for this profile, and it is not otherwise valid (${reason}). ` +
        `This can mean someone is intercepting the connection; ask the server's administrator before trusting the new one.`,
      { params: { ...params, pinned: pins.join(', ') } }
    )
  }
  const code = tlsCodeFor(reason)
  const what: Record<string, string> = {
    'tls.expired': `The certificate of ${host} expired on ${cert.validTo}`,
    'tls.not_yet_valid': `The certificate of ${host} is not valid before ${cert.validFrom} (is this computer's clock right?)`,
    'tls.wrong_host': `The certificate presented by ${host} is for ${cert.names || cert.subject}, not for ${host}`,
    'tls.unknown_issuer': `The certificate of ${host} was issued by "${cert.issuer}", which this computer does not trust: add the company's CA file to the profile`,
    'tls.self_signed': `${host} presents a self-signed certificate ("${cert.subject}")`,
    'tls.untrusted': `The certificate of ${host} is not trusted (${reason})`
  }
  return appError(
    code,
    `${what[code] ?? what['tls.untrusted']}. SHA-256 fingerprint ${cert.fingerprint}.`,
    { params }
  )
}

/**
 * Decide about a socket whose handshake just completed (`secureConnect`). Returns how it is
 * trusted, or throws AppFailure with the refusal. Call before writing anything to the socket.
 */
export function decideTrust(
  socket: TLSSocket,
  host: string,
  pins: readonly string[]
): TrustDecision {
  const cert = socket.getPeerCertificate(true)
  if (!cert || !cert.raw)
    throw new AppFailure(
      appError('tls.handshake', `${host} presented no certificate`, {
        params: { host, reason: 'no_certificate' }
      })
    )
  const info = certificateInfo(cert)
  if (socket.authorized) return { trust: 'valid', certificate: info }
  const reason = String(socket.authorizationError ?? 'UNKNOWN')
  if (pins.includes(info.fingerprint))
    return { trust: 'pinned', certificate: info, chainError: reason }
  throw new AppFailure(certificateError(reason, host, info, pins))
}

/** A failure during the handshake itself (no certificate decision was reached). */
export function handshakeError(error: unknown, host: string, port: number | string): AppError {
  if (error instanceof AppFailure) return error.error
  const err = error as NodeJS.ErrnoException
  const code = err?.code ?? ''
  const message = err?.message ?? String(error)
  const plainHttp = /wrong version number|packet length too long|http request/i.test(message)
  const why = plainHttp
    ? 'the server does not speak TLS on this port (is it http:// rather than https://?)'
    : code === 'ECONNRESET' || /socket hang up/.test(message)
      ? 'the server closed the connection during the handshake'
      : message
  return appError('tls.handshake', `The TLS handshake with ${host}:${port} failed: ${why}`, {
    params: { host, port: String(port), reason: plainHttp ? 'not_tls' : code || message }
  })
}

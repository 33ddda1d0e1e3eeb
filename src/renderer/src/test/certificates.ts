/**
 * A server certificate the core refused as self-signed, as its error reaches the window (a failed
 * reply, the connection check's tls step), for tests that cannot run a TLS server on
 * openssl-made certificates (the core's integration tests do: test/integration/tls*).
 */
import type { AppError } from '@shared/errors'

export const fingerprint = Array(32).fill('3F').join(':')

export const selfSigned: AppError = {
  code: 'tls.self_signed',
  message: '127.0.0.1 presents a self-signed certificate',
  params: {
    host: '127.0.0.1',
    fingerprint,
    subject: 'kha dev box',
    issuer: 'kha dev box',
    validFrom: '2026-01-01T00:00:00.000Z',
    validTo: '2027-01-01T00:00:00.000Z',
    reason: 'DEPTH_ZERO_SELF_SIGNED_CERT'
  }
}

/**
 * The trust decision against a real TLS server (node:tls with openssl-made certificates): a refused
 * server never receives a byte of the request, a pinned one does, and each Node/OpenSSL reason
 * maps to one code.
 */
import https from 'node:https'
import type net from 'node:net'
import { readFileSync } from 'node:fs'
import tls from 'node:tls'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { AppFailure } from '@shared/errors'
import { makeCertificates, type TestCertificates } from '../../../../test/fixtures/tls'
import { StreamHttpsAgent } from '../agents'
import { openTcp } from '../network'
import { trustContext } from './trust'
import { tlsCodeFor } from './verify'

let certs: TestCertificates
let server: tls.Server
let port: number
/** Application bytes the server received, per connection. */
const received: number[] = []
/** TCP connections the server accepted, and those of them still open. */
let accepted = 0
const open = new Set<net.Socket>()

beforeAll(async () => {
  certs = makeCertificates()
  server = tls.createServer(
    { cert: readFileSync(certs.selfSigned.cert), key: readFileSync(certs.selfSigned.key) },
    (socket) => {
      const i = received.push(0) - 1
      socket.on('data', (d: Buffer) => {
        received[i] = (received[i] ?? 0) + d.length
        socket.end('HTTP/1.1 200 OK\r\ncontent-length: 2\r\nconnection: close\r\n\r\nok')
      })
      socket.on('error', () => undefined)
    }
  )
  server.on('connection', (socket: net.Socket) => {
    accepted++
    open.add(socket)
    socket.on('close', () => open.delete(socket))
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  port = (server.address() as net.AddressInfo).port
})
afterAll(async () => {
  await new Promise((r) => server.close(r))
  certs?.cleanup()
})

function get(pins: string[]): Promise<{ status?: number; error?: unknown }> {
  const agent = new StreamHttpsAgent(
    () => openTcp('127.0.0.1', port, 2000),
    { host: '127.0.0.1', port, context: trustContext({ caFile: '', homeDir: '/', env: {} }), pins },
    { keepAlive: false }
  )
  return new Promise((resolve) => {
    const req = https.request(`https://127.0.0.1:${port}/secret?token=abc`, { agent }, (res) => {
      res.resume()
      res.on('end', () => resolve({ status: res.statusCode }))
    })
    req.on('error', (error) => resolve({ error }))
    req.end()
  })
}

describe('TLS trust over our own sockets', () => {
  it('a refused certificate: the request fails with tls.self_signed and the server received nothing', async () => {
    const before = received.length
    const acceptedBefore = accepted
    const { error } = await get([])
    expect(error).toBeInstanceOf(AppFailure)
    expect((error as AppFailure).error).toMatchObject({
      code: 'tls.self_signed',
      params: { fingerprint: certs.selfSigned.fingerprint }
    })
    // The server saw the connection and saw it closed: whatever it was going to receive, it has.
    await vi.waitFor(() => {
      expect(accepted).toBeGreaterThan(acceptedBefore)
      expect(open.size).toBe(0)
    })
    // (With TLS 1.3 the server may not even finish its side before we close: no connection, no bytes.)
    expect(received.slice(before).reduce((a, b) => a + b, 0)).toBe(0)
  })

  it('a pinned certificate: the request goes through (and the server counts its bytes)', async () => {
    const before = received.length
    expect(await get([certs.selfSigned.fingerprint])).toEqual({ status: 200 })
    expect(received.slice(before).reduce((a, b) => a + b, 0)).toBeGreaterThan(20)
  })

  it('a pin of another certificate: tls.pin_mismatch', async () => {
    const { error } = await get([certs.selfSigned2.fingerprint])
    expect((error as AppFailure).error).toMatchObject({
      code: 'tls.pin_mismatch',
      params: { pinned: certs.selfSigned2.fingerprint, fingerprint: certs.selfSigned.fingerprint }
    })
  })

  it('maps each verification reason to one code', () => {
    expect(tlsCodeFor('CERT_HAS_EXPIRED')).toBe('tls.expired')
    expect(tlsCodeFor('CERT_NOT_YET_VALID')).toBe('tls.not_yet_valid')
    expect(tlsCodeFor('ERR_TLS_CERT_ALTNAME_INVALID')).toBe('tls.wrong_host')
    expect(tlsCodeFor('UNABLE_TO_VERIFY_LEAF_SIGNATURE')).toBe('tls.unknown_issuer')
    expect(tlsCodeFor('UNABLE_TO_GET_ISSUER_CERT_LOCALLY')).toBe('tls.unknown_issuer')
    expect(tlsCodeFor('DEPTH_ZERO_SELF_SIGNED_CERT')).toBe('tls.self_signed')
    expect(tlsCodeFor('SELF_SIGNED_CERT_IN_CHAIN')).toBe('tls.self_signed')
    expect(tlsCodeFor('CERT_REVOKED')).toBe('tls.untrusted')
  })
})

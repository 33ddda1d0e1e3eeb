/**
 * Which certificate authorities an https connection trusts: Node's bundled Mozilla roots, the
 * operating system's trust store (where a company's IT installs its own root CA), and an optional
 * CA file of the profile. Built once per profile into one SecureContext, because parsing a few
 * hundred roots costs milliseconds that a new socket should not pay.
 *
 * The OS store, and why not the `system-ca` package: Node's own `tls.getCACertificates('system')`
 * (Node ≥ 22.15 / 23.10) reads the Windows and macOS keychains and the OpenSSL store on Linux, and
 * Electron 40+ ships Node 24, so the app gets the real system store with no native addon to
 * rebuild for Electron. `system-ca` would need exactly that (native addons on Windows and macOS).
 * On an older Node (the CLI and the tests on Node 20) we feature-detect and fall back to what
 * `system-ca` itself does on Linux: read the OpenSSL bundle from its usual places (or
 * SSL_CERT_FILE). Windows and macOS under an old Node get the bundled roots only, plus the CA file.
 */
import { promises as fs } from 'node:fs'
import tls, { type SecureContext } from 'node:tls'
import { AppFailure, appError } from '@shared/errors'
import { expandHome } from '../tunnel/paths'

/** Where Linux distributions keep the OpenSSL CA bundle (the list Go's crypto/x509 also uses). */
const linuxBundles = [
  '/etc/ssl/certs/ca-certificates.crt', // Debian, Ubuntu, Gentoo, Arch
  '/etc/pki/tls/certs/ca-bundle.crt', // Fedora, RHEL 6
  '/etc/ssl/ca-bundle.pem', // openSUSE
  '/etc/pki/tls/cacert.pem', // OpenELEC
  '/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem', // CentOS, RHEL 7+
  '/etc/ssl/cert.pem' // Alpine, macOS's OpenSSL
]

const pemBlock = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g

export function pemCertificates(text: string): string[] {
  return text.match(pemBlock) ?? []
}

type GetCACertificates = (type: 'system' | 'bundled' | 'default' | 'extra') => string[]

/** Which way this runtime reads the OS store (shown by the doctor, useful in bug reports). */
export function systemStoreSource(): 'node' | 'openssl-file' | 'none' {
  if (typeof (tls as unknown as { getCACertificates?: unknown }).getCACertificates === 'function')
    return 'node'
  return process.platform === 'win32' || process.platform === 'darwin' ? 'none' : 'openssl-file'
}

async function readSystemStore(env: Record<string, string | undefined>): Promise<string[]> {
  const get = (tls as unknown as { getCACertificates?: GetCACertificates }).getCACertificates
  if (typeof get === 'function') {
    try {
      return get('system')
    } catch {
      return []
    }
  }
  if (process.platform === 'win32' || process.platform === 'darwin') return []
  for (const file of [...(env.SSL_CERT_FILE ? [env.SSL_CERT_FILE] : []), ...linuxBundles]) {
    try {
      const found = pemCertificates(await fs.readFile(file, 'utf8'))
      if (found.length > 0) return found
    } catch {
      // not on this distribution
    }
  }
  return []
}

let baseRoots: Promise<string[]> | undefined

/** Bundled + OS roots, read once per process. */
export function baseTrustRoots(env: Record<string, string | undefined>): Promise<string[]> {
  baseRoots ??= readSystemStore(env).then((system) => [
    ...new Set([...tls.rootCertificates, ...system])
  ])
  return baseRoots
}

/** The CA file's certificates. Throws AppFailure `tls.ca_file` naming the file and why. */
export async function readCaFile(
  path: string,
  homeDir: string,
  env: Record<string, string | undefined> = {}
): Promise<string[]> {
  const file = expandHome(path, homeDir, { env })
  let text: string
  try {
    text = await fs.readFile(file, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable'
    throw new AppFailure(
      appError('tls.ca_file', `The CA file ${file} cannot be read (${code})`, {
        params: { path: file, reason: code }
      })
    )
  }
  const certs = pemCertificates(text)
  if (certs.length === 0) {
    throw new AppFailure(
      appError(
        'tls.ca_file',
        `The CA file ${file} contains no PEM certificate (-----BEGIN CERTIFICATE-----)`,
        { params: { path: file, reason: 'no_certificate' } }
      )
    )
  }
  // A broken PEM block fails here, with the file named, rather than in the first handshake.
  try {
    tls.createSecureContext({ ca: certs })
  } catch (error) {
    throw new AppFailure(
      appError('tls.ca_file', `The CA file ${file} cannot be used: ${(error as Error).message}`, {
        params: { path: file, reason: 'invalid' }
      })
    )
  }
  return certs
}

export interface TrustOptions {
  caFile: string
  homeDir: string
  env: Record<string, string | undefined>
}

/**
 * A lazily built, cached SecureContext with the profile's roots. A failure (an unreadable CA file)
 * is not cached: the next connection reads the file again, so fixing it needs no restart.
 */
export function trustContext(opts: TrustOptions): () => Promise<SecureContext> {
  let built: Promise<SecureContext> | undefined
  return () => {
    built ??= (async () => {
      const roots = await baseTrustRoots(opts.env)
      const extra = opts.caFile ? await readCaFile(opts.caFile, opts.homeDir, opts.env) : []
      return tls.createSecureContext({ ca: [...roots, ...extra] })
    })()
    built.catch(() => (built = undefined))
    return built
  }
}

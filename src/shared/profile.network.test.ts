import { describe, expect, it } from 'vitest'
import { isValidProxyUrl, normalizeFingerprint, validateProfile } from './profile'

const fp = 'ab'.repeat(32)
const canonical = Array(32).fill('AB').join(':')

describe('profile: TLS and proxy fields', () => {
  it('normalizes pasted SHA-256 fingerprints to AA:BB:…', () => {
    for (const input of [
      fp,
      canonical,
      canonical.toLowerCase(),
      `SHA256:${fp}`,
      `sha256=${canonical}`,
      ` ${fp.slice(0, 10)} ${fp.slice(10)} `
    ])
      expect(normalizeFingerprint(input), input).toBe(canonical)
    for (const bad of [
      '',
      'abc',
      fp.slice(2),
      `${fp}00`,
      'zz'.repeat(32),
      'SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='
    ])
      expect(normalizeFingerprint(bad), bad).toBeUndefined()
  })

  it('defaults: no CA file, no pins, no proxy', () => {
    const r = validateProfile({
      id: 'a',
      name: 'n',
      connection: { kind: 'direct', url: 'https://b.example' }
    })
    expect(r.ok && [r.profile.tls, r.profile.proxy]).toEqual([
      { caFile: '', pinnedCertificates: [] },
      { mode: 'none', url: '', username: '', bypass: '' }
    ])
  })

  it('reports a bad pin and a bad manual proxy URL by field', () => {
    const r = validateProfile({
      id: 'a',
      name: 'n',
      connection: { kind: 'direct', url: 'https://b.example' },
      tls: { pinnedCertificates: [fp, 'nope'] },
      proxy: { mode: 'manual', url: 'http://user:pw@proxy:3128' }
    })
    expect(r.ok ? [] : r.fields).toEqual([
      { field: 'tls.pinnedCertificates.1', code: 'invalid_fingerprint' },
      { field: 'proxy.url', code: 'invalid_proxy_url' }
    ])
    const missing = validateProfile({
      id: 'a',
      name: 'n',
      connection: { kind: 'direct', url: 'https://b.example' },
      proxy: { mode: 'manual' }
    })
    expect(missing.ok ? [] : missing.fields).toEqual([{ field: 'proxy.url', code: 'required' }])
  })

  it('accepts http://host:port proxies only (no credentials, path or other scheme)', () => {
    expect(isValidProxyUrl('http://proxy.corp:3128')).toBe(true)
    expect(isValidProxyUrl('http://10.0.0.1:8080/')).toBe(true)
    expect(isValidProxyUrl('http://[fd00::1]:3128')).toBe(true)
    for (const bad of [
      'proxy:3128',
      'https://proxy:3128',
      'socks5://p:1080',
      'http://u@p:1',
      'http://p:1/path',
      'http://p:1?x=1'
    ])
      expect(isValidProxyUrl(bad), bad).toBe(false)
  })
})

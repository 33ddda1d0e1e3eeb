import { existsSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { APP_CSP, HEADER_ONLY_DIRECTIVES, isAllowedPermission, isExternalWebLink, isOwnPage, isTrustedSender } from './security'

const built = { fileUrl: 'file:///opt/kha/resources/app/out/renderer/index.html' }
const dev = { ...built, devServerUrl: 'http://localhost:5173/' }

describe('isTrustedSender', () => {
  it('accepts our built page in the top frame, with or without a hash or query', () => {
    expect(isTrustedSender({ url: built.fileUrl, isTopFrame: true }, built)).toBe(true)
    expect(isTrustedSender({ url: `${built.fileUrl}#/settings`, isTopFrame: true }, built)).toBe(true)
    expect(isTrustedSender({ url: `${built.fileUrl}?x=1`, isTopFrame: true }, built)).toBe(true)
  })

  it('refuses a subframe, even one showing our own page', () => {
    expect(isTrustedSender({ url: built.fileUrl, isTopFrame: false }, built)).toBe(false)
  })

  it('refuses a missing or destroyed frame', () => {
    expect(isTrustedSender(null, built)).toBe(false)
    expect(isTrustedSender(undefined, built)).toBe(false)
  })

  it('refuses any other local file, and look-alike paths', () => {
    expect(isTrustedSender({ url: 'file:///home/me/Downloads/evil.html', isTopFrame: true }, built)).toBe(false)
    expect(isTrustedSender({ url: 'file:///opt/kha/resources/app/out/renderer/index.html.evil', isTopFrame: true }, built)).toBe(false)
    expect(isTrustedSender({ url: 'file:///opt/kha/resources/app/out/renderer/../renderer2/index.html', isTopFrame: true }, built)).toBe(false)
    expect(isTrustedSender({ url: 'file://otherhost/opt/kha/resources/app/out/renderer/index.html', isTopFrame: true }, built)).toBe(false)
  })

  it('refuses web pages, about:blank, data: and garbage', () => {
    for (const url of ['https://example.com/', 'http://127.0.0.1:8030/', 'about:blank', 'data:text/html,hi', 'javascript:alert(1)', '', 'not a url']) {
      expect(isTrustedSender({ url, isTopFrame: true }, built)).toBe(false)
    }
  })

  it('accepts the dev server origin only when one is configured, and only that origin', () => {
    expect(isTrustedSender({ url: 'http://localhost:5173/', isTopFrame: true }, built)).toBe(false)
    expect(isTrustedSender({ url: 'http://localhost:5173/src/index.html', isTopFrame: true }, dev)).toBe(true)
    expect(isTrustedSender({ url: 'http://localhost:5174/', isTopFrame: true }, dev)).toBe(false)
    expect(isTrustedSender({ url: 'http://localhost.evil.com:5173/', isTopFrame: true }, dev)).toBe(false)
    expect(isTrustedSender({ url: 'http://localhost:5173/', isTopFrame: false }, dev)).toBe(false)
  })

  it('isOwnPage follows the same rule for navigations', () => {
    expect(isOwnPage(`${built.fileUrl}#/chat`, built)).toBe(true)
    expect(isOwnPage('https://example.com/', built)).toBe(false)
  })
})

describe('isExternalWebLink', () => {
  it('lets only http and https links leave the app', () => {
    expect(isExternalWebLink('https://example.com/a?b#c')).toBe(true)
    expect(isExternalWebLink('http://192.168.0.20:8000/docs')).toBe(true)
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'smb://host/share', 'ms-settings:', 'vscode://x', 'data:text/html,x', 'nonsense']) {
      expect(isExternalWebLink(url)).toBe(false)
    }
  })
})

describe('isAllowedPermission', () => {
  const own = { requestingUrl: built.fileUrl, isMainFrame: true }
  it('allows only clipboard writes, from our own top frame', () => {
    expect(isAllowedPermission('clipboard-sanitized-write', own, built)).toBe(true)
    expect(isAllowedPermission('clipboard-sanitized-write', { ...own, isMainFrame: false }, built)).toBe(false)
    expect(isAllowedPermission('clipboard-sanitized-write', { requestingUrl: 'https://evil.example/', isMainFrame: true }, built)).toBe(false)
    expect(isAllowedPermission('clipboard-sanitized-write', {}, built)).toBe(false)
    for (const permission of ['clipboard-read', 'media', 'notifications', 'geolocation', 'openExternal', 'fileSystem', 'unknown']) {
      expect(isAllowedPermission(permission, own, built)).toBe(false)
    }
  })
})

/** `a; b c` → { a: [], b: ['c'] } */
function directives(policy: string): Map<string, string[]> {
  const map = new Map<string, string[]>()
  for (const part of policy.split(';').map((p) => p.trim()).filter(Boolean)) {
    const [name, ...values] = part.split(/\s+/)
    map.set((name as string).toLowerCase(), values.sort())
  }
  return map
}

describe('APP_CSP', () => {
  it('allows no inline script, no eval and no remote code', () => {
    const csp = directives(APP_CSP)
    expect(csp.get('script-src')).toEqual(["'self'"])
    expect(csp.get('object-src')).toEqual(["'none'"])
    expect(csp.get('frame-ancestors')).toEqual(["'none'"])
  })

  // Both the header and the renderer's meta tag are enforced, so they must agree: a directive the
  // header forbids but the renderer needs would break the app in Electron only (where the web
  // harness's e2e run cannot see it).
  const html = resolve(__dirname, '../renderer/index.html')
  it.skipIf(!existsSync(html))('matches the renderer’s meta tag (except the harness socket and header-only directives)', () => {
    const meta = /<meta[^>]+http-equiv=["']Content-Security-Policy["'][^>]*content=(["'])(.*?)\1/is.exec(readFileSync(html, 'utf8'))
    expect(meta, 'src/renderer/index.html has a CSP meta tag').not.toBeNull()
    const page = directives((meta as RegExpExecArray)[2] as string)
    const header = directives(APP_CSP)
    for (const name of HEADER_ONLY_DIRECTIVES) header.delete(name)
    const connect = (page.get('connect-src') ?? []).filter((v) => !v.startsWith('ws://127.0.0.1'))
    page.set('connect-src', connect)
    expect(Object.fromEntries(page)).toEqual(Object.fromEntries(header))
  })
})

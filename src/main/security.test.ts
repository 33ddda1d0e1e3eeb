import { existsSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  APP_CSP,
  APP_URL,
  devServerUrlFrom,
  HEADER_ONLY_DIRECTIVES,
  isAllowedPermission,
  isExternalWebLink,
  isOwnPage,
  isTrustedSender,
  navigationDecision
} from './security'

const built = { appUrl: APP_URL }
const dev = { ...built, devServerUrl: 'http://localhost:5173/' }

describe('devServerUrlFrom', () => {
  it('never lets a packaged app load ELECTRON_RENDERER_URL, and in dev only a loopback dev server', () => {
    expect(
      devServerUrlFrom({ ELECTRON_RENDERER_URL: 'http://localhost:5173' }, true)
    ).toBeUndefined()
    expect(devServerUrlFrom({ ELECTRON_RENDERER_URL: 'http://localhost:5173' }, false)).toBe(
      'http://localhost:5173'
    )
    expect(devServerUrlFrom({ ELECTRON_RENDERER_URL: 'http://127.0.0.1:5173/' }, false)).toBe(
      'http://127.0.0.1:5173/'
    )
    expect(devServerUrlFrom({ ELECTRON_RENDERER_URL: 'http://[::1]:5173/' }, false)).toBe(
      'http://[::1]:5173/'
    )
    for (const url of [
      'https://evil.example/',
      'http://192.168.0.10:5173/',
      'file:///tmp/index.html',
      'javascript:1',
      'not a url',
      ''
    ]) {
      expect(devServerUrlFrom({ ELECTRON_RENDERER_URL: url }, false), url).toBeUndefined()
    }
    expect(devServerUrlFrom({}, false)).toBeUndefined()
  })
})

describe('isTrustedSender', () => {
  it('accepts our page on the app scheme in the top frame, with or without a hash or query', () => {
    expect(APP_URL).toBe('kha://app/index.html')
    expect(isTrustedSender({ url: APP_URL, isTopFrame: true }, built)).toBe(true)
    expect(isTrustedSender({ url: `${APP_URL}#/settings`, isTopFrame: true }, built)).toBe(true)
    expect(isTrustedSender({ url: `${APP_URL}?x=1`, isTopFrame: true }, built)).toBe(true)
  })

  it('refuses a subframe, even one showing our own page', () => {
    expect(isTrustedSender({ url: APP_URL, isTopFrame: false }, built)).toBe(false)
  })

  it('refuses a missing or destroyed frame', () => {
    expect(isTrustedSender(null, built)).toBe(false)
    expect(isTrustedSender(undefined, built)).toBe(false)
  })

  it('refuses other pages of the app scheme, other hosts, look-alikes and every file: page', () => {
    for (const url of [
      'kha://app/other.html',
      'kha://app/assets/index.js',
      'kha://app/',
      'kha://app/index.html.evil',
      'kha://app/sub/../other.html',
      'kha://evil/index.html',
      'kha://app.evil/index.html',
      'khax://app/index.html',
      'file:///opt/kha/resources/app.asar/out/renderer/index.html',
      'file:///home/me/Downloads/index.html'
    ]) {
      expect(isTrustedSender({ url, isTopFrame: true }, built), url).toBe(false)
    }
  })

  it('refuses web pages, about:blank, data:, javascript: and garbage', () => {
    for (const url of [
      'https://example.com/',
      'http://127.0.0.1:8030/',
      'about:blank',
      'data:text/html,hi',
      'javascript:alert(1)',
      '',
      'not a url'
    ]) {
      expect(isTrustedSender({ url, isTopFrame: true }, built)).toBe(false)
    }
  })

  it('accepts the dev server origin only when one is configured, and only that origin', () => {
    expect(isTrustedSender({ url: 'http://localhost:5173/', isTopFrame: true }, built)).toBe(false)
    expect(
      isTrustedSender({ url: 'http://localhost:5173/src/index.html', isTopFrame: true }, dev)
    ).toBe(true)
    expect(isTrustedSender({ url: 'http://localhost:5174/', isTopFrame: true }, dev)).toBe(false)
    expect(isTrustedSender({ url: 'http://localhost.evil.com:5173/', isTopFrame: true }, dev)).toBe(
      false
    )
    expect(isTrustedSender({ url: 'http://localhost:5173/', isTopFrame: false }, dev)).toBe(false)
    // The app page stays trusted in dev; other app-scheme pages do not become trusted.
    expect(isTrustedSender({ url: APP_URL, isTopFrame: true }, dev)).toBe(true)
    expect(isTrustedSender({ url: 'kha://app/x.html', isTopFrame: true }, dev)).toBe(false)
  })

  it('isOwnPage follows the same rule for navigations', () => {
    expect(isOwnPage(`${APP_URL}#/chat`, built)).toBe(true)
    expect(isOwnPage('https://example.com/', built)).toBe(false)
  })
})

describe('navigationDecision', () => {
  it('stays on our page, hands web links to the system browser, and drops everything else', () => {
    expect(navigationDecision(`${APP_URL}#/settings`, built)).toBe('allow')
    expect(navigationDecision('https://evil.example/', built)).toBe('open-outside')
    expect(navigationDecision('http://192.168.0.20:8000/docs', built)).toBe('open-outside')
    for (const url of [
      'javascript:window.__pwned=1',
      'data:text/html,<script>1</script>',
      'file:///etc/passwd',
      'kha://app/other.html',
      'about:blank',
      'ms-settings:',
      'smb://host/share',
      ''
    ]) {
      expect(navigationDecision(url, built), url).toBe('deny')
    }
  })
})

describe('isExternalWebLink', () => {
  it('lets only http and https links leave the app', () => {
    expect(isExternalWebLink('https://example.com/a?b#c')).toBe(true)
    expect(isExternalWebLink('http://192.168.0.20:8000/docs')).toBe(true)
    for (const url of [
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://host/share',
      'ms-settings:',
      'vscode://x',
      'data:text/html,x',
      'kha://app/index.html',
      'nonsense'
    ]) {
      expect(isExternalWebLink(url)).toBe(false)
    }
  })
})

describe('isAllowedPermission', () => {
  const own = { requestingUrl: APP_URL, isMainFrame: true }
  it('allows only clipboard writes, from our own top frame', () => {
    expect(isAllowedPermission('clipboard-sanitized-write', own, built)).toBe(true)
    expect(
      isAllowedPermission('clipboard-sanitized-write', { ...own, isMainFrame: false }, built)
    ).toBe(false)
    expect(
      isAllowedPermission(
        'clipboard-sanitized-write',
        { requestingUrl: 'https://evil.example/', isMainFrame: true },
        built
      )
    ).toBe(false)
    expect(isAllowedPermission('clipboard-sanitized-write', {}, built)).toBe(false)
    for (const permission of [
      'clipboard-read',
      'media',
      'notifications',
      'geolocation',
      'openExternal',
      'fileSystem',
      'hid',
      'serial',
      'usb',
      'fullscreen',
      'pointerLock',
      'unknown'
    ]) {
      expect(isAllowedPermission(permission, own, built)).toBe(false)
    }
  })
})

/** `a; b c` → { a: [], b: ['c'] } */
function directives(policy: string): Map<string, string[]> {
  const map = new Map<string, string[]>()
  for (const part of policy
    .split(';')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [name, ...values] = part.split(/\s+/)
    map.set((name as string).toLowerCase(), values.sort())
  }
  return map
}

describe('APP_CSP', () => {
  it('allows no inline script, no eval, no remote code and no network of its own', () => {
    const csp = directives(APP_CSP)
    expect(csp.get('script-src')).toEqual(["'self'"])
    expect(csp.get('connect-src')).toEqual(["'self'"])
    expect(csp.get('object-src')).toEqual(["'none'"])
    expect(csp.get('frame-src')).toEqual(["'none'"])
    expect(csp.get('frame-ancestors')).toEqual(["'none'"])
    expect(APP_CSP).not.toMatch(/unsafe-eval|wasm-unsafe-eval|\bws:|\bwss:|\bhttps?:|\*/)
    for (const [name, values] of csp)
      if (name !== 'style-src') expect(values, name).not.toContain("'unsafe-inline'")
  })

  // Both the header and the renderer's meta tag are enforced, so they must agree: a directive the
  // header forbids but the renderer needs would break the app in Electron only (where the web
  // harness's e2e run cannot see it), and one the meta tag loosens would loosen the harness.
  const html = resolve(__dirname, '../renderer/index.html')
  it.skipIf(!existsSync(html))(
    'is exactly the renderer’s meta tag, plus the header-only directives',
    () => {
      const meta =
        /<meta[^>]+http-equiv=["']Content-Security-Policy["'][^>]*content=(["'])(.*?)\1/is.exec(
          readFileSync(html, 'utf8')
        )
      expect(meta, 'src/renderer/index.html has a CSP meta tag').not.toBeNull()
      const page = directives((meta as RegExpExecArray)[2] as string)
      const header = directives(APP_CSP)
      for (const name of HEADER_ONLY_DIRECTIVES) header.delete(name)
      expect(Object.fromEntries(page)).toEqual(Object.fromEntries(header))
    }
  )
})

/**
 * The Electron glue's security decisions, as pure functions: which frame may call the IPC
 * handlers, which links may leave the app, which permissions a page gets, and the page's
 * Content-Security-Policy. Kept free of `electron` imports so that they are unit-tested in plain
 * Node (security.test.ts) instead of through a mock of all of Electron. docs/SECURITY.md says what
 * each one defends against.
 */

/** The app's own scheme (served by appProtocol.ts): the window shows `kha://app/index.html`. */
export const APP_SCHEME = 'kha'
export const APP_HOST = 'app'
export const APP_URL = `${APP_SCHEME}://${APP_HOST}/index.html`

/** What ipc.ts knows about the frame that sent an invoke (Electron's `event.senderFrame`). */
export interface SenderFrame {
  url: string
  /** True for the window's main frame; an iframe (even of our own page) is never trusted. */
  isTopFrame: boolean
}

/** Where our own page is loaded from: the app scheme, or the dev server under `electron-vite dev`. */
export interface TrustedPage {
  /** `kha://app/index.html` (APP_URL) in the app; tests may pass another. */
  appUrl: string
  /** `ELECTRON_RENDERER_URL` in dev; undefined in a packaged app. */
  devServerUrl?: string
}

/**
 * The dev server the window may load instead of the built page: only under `electron-vite dev`
 * (never in a packaged app, whatever its environment says), and only a loopback http(s) URL, the
 * only kind electron-vite starts. Anything else would let a stray variable point the window, and
 * the IPC trust that goes with it, at another page.
 */
export function devServerUrlFrom(
  env: Record<string, string | undefined>,
  isPackaged: boolean
): string | undefined {
  if (isPackaged) return undefined
  const value = env.ELECTRON_RENDERER_URL
  const url = value ? parse(value) : undefined
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) return undefined
  const loopback =
    url.hostname === 'localhost' ||
    url.hostname === '[::1]' ||
    /^127\.\d+\.\d+\.\d+$/.test(url.hostname)
  return loopback ? value : undefined
}

function parse(url: string): URL | undefined {
  try {
    return new URL(url)
  } catch {
    return undefined
  }
}

function decodedPath(url: URL): string | undefined {
  try {
    return decodeURIComponent(url.pathname)
  } catch {
    return undefined
  }
}

/**
 * True when an IPC call comes from our page's top frame: exactly our index.html on the app scheme
 * and host (any other page, even one served by us, is not the app), or in dev the dev server's
 * origin. Query and hash are ignored (the renderer may route with a hash); everything else is
 * refused, including a missing frame (it navigated away or was destroyed) and `file:` pages (the
 * app never shows one; a file the user dropped or opened would be one).
 */
export function isTrustedSender(frame: SenderFrame | null | undefined, page: TrustedPage): boolean {
  if (!frame || !frame.isTopFrame) return false
  const url = parse(frame.url)
  if (!url) return false
  const own = parse(page.appUrl)
  if (own && url.protocol === own.protocol && url.host === own.host) {
    const path = decodedPath(url)
    return path !== undefined && path === decodedPath(own)
  }
  if (page.devServerUrl) {
    const dev = parse(page.devServerUrl)
    return (
      !!dev && (url.protocol === 'http:' || url.protocol === 'https:') && url.origin === dev.origin
    )
  }
  return false
}

/** Only web links may be handed to the system browser: never file:, javascript:, or app protocols. */
export function isExternalWebLink(url: string): boolean {
  const parsed = parse(url)
  return (
    !!parsed &&
    (parsed.protocol === 'http:' || parsed.protocol === 'https:') &&
    parsed.hostname !== ''
  )
}

/** True when a navigation stays on our own page (a reload, or a hash change of the same page). */
export function isOwnPage(url: string, page: TrustedPage): boolean {
  return isTrustedSender({ url, isTopFrame: true }, page)
}

/**
 * What to do with a navigation the page (or a link in it) starts, in the top frame or any frame:
 * stay only when it is our own page; a web link is handed to the system browser instead (once, by
 * the caller); anything else (file:, data:, javascript:, custom protocols) simply does not happen.
 */
export function navigationDecision(
  url: string,
  page: TrustedPage
): 'allow' | 'open-outside' | 'deny' {
  if (isOwnPage(url, page)) return 'allow'
  return isExternalWebLink(url) ? 'open-outside' : 'deny'
}

/**
 * Permissions the page may have: only writing text to the clipboard (the Copy buttons of code
 * blocks and messages use `navigator.clipboard.writeText`), and only for our own page's top frame.
 * Everything else (camera, microphone, notifications, geolocation, clipboard *read*, HID/USB/serial,
 * fullscreen, opening external protocols, …) is denied without asking: the app needs none of it.
 */
export function isAllowedPermission(
  permission: string,
  request: { requestingUrl?: string; isMainFrame?: boolean },
  page: TrustedPage
): boolean {
  return (
    permission === 'clipboard-sanitized-write' &&
    request.isMainFrame === true &&
    !!request.requestingUrl &&
    isOwnPage(request.requestingUrl, page)
  )
}

/**
 * The policy for the app's own page. The same policy is in the `<meta>` of src/renderer/index.html
 * (which the web harness and the dev server serve) and is sent as a response header by the app
 * scheme (appProtocol.ts), which adds `frame-ancestors` (a meta tag cannot set it). Both are
 * enforced, so security.test.ts checks they agree.
 *
 * - no inline script and no eval: `script-src 'self'` only;
 * - inline styles are allowed because React's `style` attribute needs them;
 * - `connect-src 'self'`: the renderer makes no network calls of its own in Electron (everything
 *   goes through window.api). In the web harness the page's WebSocket to its own host:port is
 *   same-origin, which CSP Level 3 lets `'self'` cover, so no `ws:` source is needed anywhere;
 * - no plugins, frames, base-URI changes or form submissions.
 */
export const APP_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-src 'none'",
  "form-action 'none'",
  // Only a header can set this one.
  "frame-ancestors 'none'"
].join('; ')

/** Directives only the header has (see the comparison in security.test.ts). */
export const HEADER_ONLY_DIRECTIVES = ['frame-ancestors']

/** Privileges of the app scheme, registered before the app is ready (window.ts). */
export const APP_SCHEME_PRIVILEGES = {
  // A standard, secure scheme: relative URLs resolve, the page is a secure context with its own
  // origin (kha://app), so module scripts load same-origin and 'self' means these files only.
  standard: true,
  secure: true,
  supportFetchAPI: true,
  corsEnabled: true,
  codeCache: true
  // Not bypassCSP, not allowServiceWorkers, not stream: nothing needs them.
} as const

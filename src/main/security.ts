/**
 * The Electron glue's security decisions, as pure functions: which frame may call the IPC
 * handlers, which links may leave the app, and the page's Content-Security-Policy. Kept free of
 * `electron` imports so that they are unit-tested in plain Node (security.test.ts) instead of
 * through a mock of all of Electron.
 */

/** What ipc.ts knows about the frame that sent an invoke (Electron's `event.senderFrame`). */
export interface SenderFrame {
  url: string
  /** True for the window's main frame; an iframe (even of our own page) is never trusted. */
  isTopFrame: boolean
}

/** Where our own page is loaded from: the built file, or the dev server under `electron-vite dev`. */
export interface TrustedPage {
  /** `file:///…/out/renderer/index.html`, as `pathToFileURL` spells it. */
  fileUrl: string
  /** `ELECTRON_RENDERER_URL` in dev; undefined in a built app. */
  devServerUrl?: string
}

function parse(url: string): URL | undefined {
  try {
    return new URL(url)
  } catch {
    return undefined
  }
}

/**
 * True when an IPC call comes from our page's top frame. The file page must be exactly our
 * index.html (any other local file, e.g. one the user opened by dragging it in, is not us); in dev
 * the origin must be the dev server's. Query and hash are ignored (the renderer may route with a
 * hash); everything else is refused, including a missing frame (it navigated away or was destroyed).
 */
export function isTrustedSender(frame: SenderFrame | null | undefined, page: TrustedPage): boolean {
  if (!frame || !frame.isTopFrame) return false
  const url = parse(frame.url)
  if (!url) return false
  if (url.protocol === 'file:') {
    const own = parse(page.fileUrl)
    return !!own && own.protocol === 'file:' && url.host === own.host && url.pathname === own.pathname
  }
  if (page.devServerUrl) {
    const dev = parse(page.devServerUrl)
    return !!dev && (url.protocol === 'http:' || url.protocol === 'https:') && url.origin === dev.origin
  }
  return false
}

/** Only web links may be handed to the system browser: never file:, javascript:, or app protocols. */
export function isExternalWebLink(url: string): boolean {
  const parsed = parse(url)
  return !!parsed && (parsed.protocol === 'http:' || parsed.protocol === 'https:') && parsed.hostname !== ''
}

/** True when a navigation stays on our own page (a reload, or a hash change of the same file). */
export function isOwnPage(url: string, page: TrustedPage): boolean {
  return isTrustedSender({ url, isTopFrame: true }, page)
}

/**
 * Permissions the page may have: only writing text to the clipboard (the Copy buttons), and only
 * for our own page's top frame. Everything else (camera, notifications, geolocation, clipboard
 * *read*, …) is denied without asking: the app needs none of it.
 */
export function isAllowedPermission(permission: string, request: { requestingUrl?: string; isMainFrame?: boolean }, page: TrustedPage): boolean {
  return permission === 'clipboard-sanitized-write' && request.isMainFrame === true && !!request.requestingUrl && isOwnPage(request.requestingUrl, page)
}

/**
 * The policy for the app's own page, sent as a response header in addition to the `<meta>` in
 * src/renderer/index.html (a file:// page may not get headers on every Electron version, so the
 * meta tag is what is guaranteed; the header adds `frame-ancestors`, which a meta tag cannot set).
 * Both are enforced, so this must allow everything the renderer needs: security.test.ts compares
 * it with the meta tag. Inline styles are allowed because React's `style` attribute needs them;
 * inline scripts and eval are not. The renderer makes no network calls in Electron, so
 * connect-src is 'self' (the web harness's ws:// exception lives only in the meta tag).
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
  // Only a header can set these two; they forbid nothing the renderer does (forms are handled in JS).
  "form-action 'none'",
  "frame-ancestors 'none'"
].join('; ')

/** Directives only the header has (see the comparison in security.test.ts). */
export const HEADER_ONLY_DIRECTIVES = ['form-action', 'frame-ancestors']

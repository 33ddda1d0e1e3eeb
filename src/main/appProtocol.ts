/**
 * The built renderer served to the window over the app's own scheme, `kha://app/…`, instead of
 * `file://` (the Electron security checklist's item 18):
 * - the packaged app turns the `grantFileProtocolExtraPrivileges` fuse off (electron-builder.yml),
 *   which takes away Electron's ASAR-aware file loader and file-URL privileges from `file:` pages,
 *   so a `file://…/app.asar/…/index.html` window would not load; main's own `fs` does read ASAR;
 * - `'self'` in the page's CSP then means these files only, not the whole disk as it does for a
 *   `file:` page;
 * - every response carries the CSP as a real header (a `file:` page gets only the meta tag), plus
 *   `frame-ancestors`, which a meta tag cannot set.
 *
 * A plain function from a WHATWG Request to a Response, with no `electron` import, so it is
 * unit-tested in Node (appProtocol.test.ts); window.ts hands it to `session.protocol.handle`.
 *
 * SCOPE: GET/HEAD of files under the renderer folder, nothing else: no directory listings, no
 * other host, no path outside the folder (the guard the web harness uses too,
 * src/node/staticFiles.ts), no symlink-free guarantee beyond `resolve` (the folder is inside the
 * signed, integrity-checked app.asar in a packaged app).
 */
import { promises as fs } from 'node:fs'
import { contentTypeFor, fileUnder, staticHeaders } from '../node/staticFiles'
import { APP_CSP, APP_HOST, APP_SCHEME } from './security'

/** Headers on every response of the app scheme: the shared ones, and the CSP as a real header. */
export const appResponseHeaders: Record<string, string> = {
  ...staticHeaders,
  'Content-Security-Policy': APP_CSP
}

/**
 * The file under `root` that an app-scheme URL names, or undefined: another scheme or host, a
 * malformed URL, or a path the shared guard refuses (`fileUnder`).
 */
export function resolveAppFile(root: string, url: string): string | undefined {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return undefined
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return undefined
  return fileUnder(root, parsed.pathname)
}

function plain(status: number, text: string): Response {
  return new Response(text, {
    status,
    headers: { ...appResponseHeaders, 'Content-Type': 'text/plain; charset=utf-8' }
  })
}

/** The handler for `session.protocol.handle(APP_SCHEME, …)`: files of `root`, read with main's fs. */
export function createAppProtocolHandler(root: string): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD')
      return plain(405, 'Method not allowed')
    const file = resolveAppFile(root, request.url)
    if (!file) return plain(404, 'Not found')
    let body: Buffer
    try {
      body = await fs.readFile(file)
    } catch {
      // Missing, a directory, unreadable: the same answer, without saying which.
      return plain(404, 'Not found')
    }
    const type = contentTypeFor(file)
    const headers = {
      ...appResponseHeaders,
      'Content-Type': type,
      'Content-Length': String(body.length)
    }
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
      status: 200,
      headers
    })
  }
}

/**
 * The built renderer's files as both shells that serve them do it: Electron main over the app
 * scheme (src/main/appProtocol.ts) and the web harness over loopback HTTP (src/harness/static.ts).
 * Written once here: which file a URL path may name, the headers every response carries, and the
 * content type. Each shell keeps its own extras (the app's CSP header; the harness's script
 * injection and `frame-ancestors`).
 *
 * Node only (node:path, mime-types); no Electron, no core, no shell: the lint keeps this folder a
 * leaf, and keeps the renderer and src/shared from importing it.
 */
import { resolve, sep } from 'node:path'
import { contentType, lookup } from 'mime-types'

/**
 * The file under `root` that a URL's path names (`/` and the empty path name `index.html`), or
 * undefined when it would leave `root` (`..`, encoded slashes or backslashes), names `root` itself,
 * holds a NUL, or is not valid percent-encoding. Pass the URL's pathname (no query, no fragment).
 */
export function fileUnder(root: string, urlPath: string): string | undefined {
  let decoded: string
  try {
    decoded = decodeURIComponent(urlPath)
  } catch {
    return undefined
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return undefined
  if (decoded === '' || decoded === '/') decoded = '/index.html'
  const base = resolve(root)
  const file = resolve(base, '.' + (decoded.startsWith('/') ? decoded : '/' + decoded))
  return file.startsWith(base + sep) ? file : undefined
}

/** On every response, errors and redirects too. */
export const staticHeaders: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  // A rebuilt renderer shows on reload; nothing here is worth caching (a local folder or loopback).
  'Cache-Control': 'no-store'
}

/** The Content-Type for a file of the built renderer, by its extension (UTF-8 for text). */
export function contentTypeFor(path: string): string {
  const type = lookup(path)
  return (type && contentType(type)) || 'application/octet-stream'
}

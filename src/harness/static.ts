/**
 * Serving the built renderer (out/renderer) to the browser: the files as they are, except
 * index.html, which gets the harness's `window.api` script before the app's own module script.
 * The page keeps the renderer's own CSP meta tag untouched (script-src 'self' allows our script).
 */
import { promises as fs } from 'node:fs'
import type { ServerResponse } from 'node:http'
import { resolve, sep } from 'node:path'
import { contentTypeFor } from '../main/contentType'

export const harnessScriptPath = '/harness-api.js'

export function contentType(path: string): string {
  return contentTypeFor(path)
}

/** Put our script tag before the first module script (classic scripts run before deferred modules). */
export function injectHarnessScript(html: string): string {
  const tag = `<script src="${harnessScriptPath}"></script>`
  const moduleScript = html.search(/<script\b[^>]*type=["']?module/i)
  if (moduleScript >= 0)
    return `${html.slice(0, moduleScript)}${tag}\n    ${html.slice(moduleScript)}`
  const headEnd = html.search(/<\/head>/i)
  if (headEnd >= 0) return `${html.slice(0, headEnd)}${tag}\n${html.slice(headEnd)}`
  return tag + html
}

/**
 * The file under `root` that a URL path names, or undefined when it would leave `root` (`..`,
 * encoded slashes, NUL) or is malformed.
 */
export function resolveUnder(root: string, urlPath: string): string | undefined {
  let decoded: string
  try {
    decoded = decodeURIComponent(urlPath)
  } catch {
    return undefined
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return undefined
  const base = resolve(root)
  const file = resolve(base, '.' + (decoded.startsWith('/') ? decoded : '/' + decoded))
  return file === base || file.startsWith(base + sep) ? file : undefined
}

export const securityHeaders: Record<string, string> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  // Rebuilt assets show on reload; nothing here is worth caching on a loopback server.
  'Cache-Control': 'no-store'
}

/** Send a file from `root` (index.html with the script injected); false when there is none. */
export async function serveFile(
  root: string,
  urlPath: string,
  res: ServerResponse,
  head: boolean
): Promise<boolean> {
  const path = urlPath === '/' ? '/index.html' : urlPath
  const file = resolveUnder(root, path)
  if (!file) return false
  let body: Buffer
  try {
    const stat = await fs.stat(file)
    if (!stat.isFile()) return false
    body = await fs.readFile(file)
  } catch {
    return false
  }
  const headers: Record<string, string> = { ...securityHeaders, 'Content-Type': contentType(file) }
  if (path === '/index.html') {
    body = Buffer.from(injectHarnessScript(body.toString('utf8')), 'utf8')
    // A header can say what a meta tag cannot: this page must not be framed by another site.
    headers['Content-Security-Policy'] = "frame-ancestors 'none'"
  }
  headers['Content-Length'] = String(body.length)
  res.writeHead(200, headers)
  res.end(head ? undefined : body)
  return true
}

/**
 * Serving the built renderer (out/renderer) to the browser: the files as they are, except
 * index.html, which gets the harness's `window.api` script before the app's own module script.
 * The page keeps the renderer's own CSP meta tag untouched (script-src 'self' allows our script).
 * The path guard, the headers and the content type are the app scheme's too (src/node/staticFiles.ts).
 */
import { promises as fs } from 'node:fs'
import type { ServerResponse } from 'node:http'
import { join, resolve } from 'node:path'
import { contentTypeFor, fileUnder, staticHeaders } from '../node/staticFiles'

export const harnessScriptPath = '/harness-api.js'

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

/** Send a file from `root` (index.html with the script injected); false when there is none. */
export async function serveFile(
  root: string,
  urlPath: string,
  res: ServerResponse,
  head: boolean
): Promise<boolean> {
  const file = fileUnder(root, urlPath)
  if (!file) return false
  let body: Buffer
  try {
    const stat = await fs.stat(file)
    if (!stat.isFile()) return false
    body = await fs.readFile(file)
  } catch {
    return false
  }
  const headers: Record<string, string> = { ...staticHeaders, 'Content-Type': contentTypeFor(file) }
  if (file === join(resolve(root), 'index.html')) {
    body = Buffer.from(injectHarnessScript(body.toString('utf8')), 'utf8')
    // A header can say what a meta tag cannot: this page must not be framed by another site.
    headers['Content-Security-Policy'] = "frame-ancestors 'none'"
  }
  headers['Content-Length'] = String(body.length)
  res.writeHead(200, headers)
  res.end(head ? undefined : body)
  return true
}

/**
 * The renderer's only way out: `service` is `window.api` (Electron's preload, or the web harness's
 * WebSocket bridge), typed from the channel table: `service.profiles.save({ draft })` is the
 * `profiles:save` channel, and nothing here is written per channel. Store actions call it;
 * components call store actions, so tests replace one object (`window.api`).
 *
 * SCOPE: no fetch, no storage, no business rules here. Browser-only helpers that are not data
 * (clipboard, a download link) live at the end because they are the renderer's own side effects.
 */
import type { Api, ExportedFile } from '@shared/ipc/contract'

/** Looked up on each use, so that a test can install its `window.api` after this module loads. */
export const service: Api = new Proxy({} as Api, {
  get: (_target, domain) => (window.api as unknown as Record<PropertyKey, unknown>)[domain]
})

/** In the browser harness there is no save dialog: hand the file to the browser as a download. */
export function downloadFile(file: ExportedFile): void {
  const blob = new Blob([file.content], { type: `${file.mimeType};charset=utf-8` })
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = file.fileName
  a.rel = 'noopener'
  document.body.appendChild(a)
  a.click()
  a.remove()
  // Revoke later: revoking at once can cancel the download in some browsers.
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

/**
 * Copy text. The async Clipboard API can be refused (no focus, permission policy), so fall back
 * to a hidden textarea + execCommand, which works from a click handler everywhere.
 */
export async function copyText(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard?.writeText) {
      await navigator.clipboard.writeText(text)
      return true
    }
  } catch {
    // fall through to the legacy path
  }
  const area = document.createElement('textarea')
  area.value = text
  area.setAttribute('readonly', '')
  area.style.position = 'fixed'
  area.style.opacity = '0'
  document.body.appendChild(area)
  area.select()
  try {
    return document.execCommand('copy')
  } catch {
    return false
  } finally {
    area.remove()
  }
}

/**
 * Copy formatted text: `text/html` for Outlook, Word and 한글 (tables and lists survive the paste)
 * and `text/plain` (the Markdown) for everything else. Falls back to plain text where the
 * browser has no ClipboardItem.
 */
export async function copyRich(text: string, html: string): Promise<boolean> {
  try {
    if (typeof ClipboardItem !== 'undefined' && navigator.clipboard?.write) {
      await navigator.clipboard.write([
        new ClipboardItem({
          'text/html': new Blob([html], { type: 'text/html' }),
          'text/plain': new Blob([text], { type: 'text/plain' })
        })
      ])
      return true
    }
  } catch {
    // fall through to plain text
  }
  return copyText(text)
}

/**
 * Is the Electron this project pins still supported? Electron fixes security bugs in the latest
 * three major lines only (https://www.electronjs.org/docs/latest/tutorial/electron-timelines):
 * with N the newest stable major, N, N-1 and N-2 get fixes, and anything older gets none (its
 * Chromium included). Pure functions here; scripts/check-electron-support.mjs runs them.
 */

/** How many major lines get security fixes. */
export const SUPPORTED_LINES = 3

/** The newest stable major we knew of when this file was last touched: the offline answer. */
export const LAST_KNOWN_LATEST_MAJOR = 45

/** `^45.5.0`, `~45.5.0`, `45.5.0`, `45.x` → 45; undefined when no major can be read. */
export function majorOf(versionOrRange) {
  const match = /(\d+)/.exec(String(versionOrRange ?? ''))
  return match ? Number(match[1]) : undefined
}

/** The majors that get security fixes when `latest` is the newest stable one. */
export function supportedMajors(latest) {
  return Array.from({ length: SUPPORTED_LINES }, (_, i) => latest - i)
}

/**
 * The verdict for a pinned major against the newest stable one: `ok`, or `unsupported` with what
 * to do. `source` says where `latest` came from, for the message.
 */
export function judge({ pinned, installed, latest, source }) {
  const supported = supportedMajors(latest)
  const lines = supported.join(', ')
  if (pinned === undefined) return { ok: false, message: 'package.json pins no electron version' }
  if (installed !== undefined && installed !== pinned) {
    return {
      ok: false,
      message: `package.json pins Electron ${pinned} but ${installed} is installed: run npm install`
    }
  }
  if (supported.includes(pinned))
    return {
      ok: true,
      message: `Electron ${pinned} is supported (${lines}; newest from ${source})`
    }
  if (pinned > latest)
    return {
      ok: true,
      message: `Electron ${pinned} is newer than the newest stable major known (${latest}, from ${source})`
    }
  return {
    ok: false,
    message:
      `Electron ${pinned} no longer gets security fixes: only the latest ${SUPPORTED_LINES} majors do (${lines}; newest from ${source}). ` +
      `Move to Electron ${latest} with electron-vite, electron-builder and @playwright/test versions that support it (docs/SECURITY.md, "Keeping Electron current").`
  }
}

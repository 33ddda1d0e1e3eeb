/**
 * The one reading of a POSIX locale (`LC_ALL`, then `LC_MESSAGES`, then `LANG`), for the shells
 * that have no OS call for it: the web harness, the CLI, the bench. Electron asks the OS instead.
 */

/** `ko_KR.UTF-8` → `ko-KR`; `C`/`POSIX`/empty → `en-US`. */
export function localeFromEnv(env: Record<string, string | undefined>): string {
  const raw = env.LC_ALL || env.LC_MESSAGES || env.LANG || ''
  const match = /^([a-z]{2,3})(?:[_-]([A-Za-z]{2}))?/.exec(raw)
  if (!match || raw === 'C' || raw.startsWith('C.') || raw === 'POSIX') return 'en-US'
  return match[2] ? `${match[1]}-${match[2].toUpperCase()}` : (match[1] as string)
}

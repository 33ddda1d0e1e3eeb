/** `~` and `~/…` mean the home folder, as in ssh; the home folder is injected (tests use a temp dir). */
import { isAbsolute, join, resolve } from 'node:path'

export function expandHome(path: string, homeDir: string): string {
  const p = path.trim()
  if (p === '~') return homeDir
  if (p.startsWith('~/') || p.startsWith('~\\')) return join(homeDir, p.slice(2))
  return isAbsolute(p) ? p : resolve(homeDir, p)
}

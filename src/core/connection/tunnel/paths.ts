/**
 * Paths typed into a profile (key file, known_hosts, CA file) or found in an ssh config, made into
 * a file this machine can open. The rules are the platform's own, whichever machine runs the code:
 * the path flavour is chosen from `platform` (tests pass `win32` on Linux), never the host's.
 *
 * - `~`, `~/x` and `~\x` are the home folder (as ssh does; on Windows `%USERPROFILE%`).
 * - `${VAR}` is an environment variable (OpenSSH's syntax); on Windows also `%VAR%`, case-insensitive
 *   as Windows names are. An unset variable is left as written, so the error names what was typed.
 * - A relative path is taken from the home folder (ssh resolves IdentityFile that way).
 * - On Windows, forward slashes become backslashes; drive letters and `\\server\share` (WSL's
 *   `\\wsl.localhost\Ubuntu\…` too) are absolute.
 */
import { posix, win32, type PlatformPath } from 'node:path'

export interface PathContext {
  homeDir: string
  platform?: NodeJS.Platform
  env?: Record<string, string | undefined>
}

export function pathsFor(platform: NodeJS.Platform = process.platform): PlatformPath {
  return platform === 'win32' ? win32 : posix
}

function lookup(
  env: Record<string, string | undefined>,
  name: string,
  windows: boolean
): string | undefined {
  if (!windows) return env[name]
  const key = Object.keys(env).find((k) => k.toUpperCase() === name.toUpperCase())
  return key === undefined ? undefined : env[key]
}

/** `${VAR}` everywhere, `%VAR%` on Windows; unset variables stay as written. */
export function expandVariables(
  path: string,
  env: Record<string, string | undefined>,
  platform: NodeJS.Platform = process.platform
): string {
  const windows = platform === 'win32'
  let out = path.replace(
    /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g,
    (m, name: string) => lookup(env, name, windows) ?? m
  )
  if (windows)
    out = out.replace(
      /%([A-Za-z_][A-Za-z0-9_()]*)%/g,
      (m, name: string) => lookup(env, name, windows) ?? m
    )
  return out
}

export function expandPath(path: string, ctx: PathContext): string {
  const platform = ctx.platform ?? process.platform
  const p = pathsFor(platform)
  const value = expandVariables(path.trim(), ctx.env ?? {}, platform)
  if (value === '~') return p.normalize(ctx.homeDir)
  if (value.startsWith('~/') || value.startsWith('~\\')) return p.join(ctx.homeDir, value.slice(2))
  return p.isAbsolute(value) ? p.normalize(value) : p.resolve(ctx.homeDir, value)
}

/** `~` and `~/…` mean the home folder, as in ssh; the home folder is injected (tests use a temp dir). */
export function expandHome(
  path: string,
  homeDir: string,
  opts: Omit<PathContext, 'homeDir'> = {}
): string {
  return expandPath(path, { homeDir, ...opts })
}

/**
 * Where the app keeps its data when no folder is given: the same folder Electron's
 * `app.getPath('userData')` returns for an app named `kha-desktop`, so the CLI, the web harness and
 * the app share one profile and conversation store. Computed here without Electron (the core never
 * imports it): `appData` is `%APPDATA%` on Windows, `~/Library/Application Support` on macOS and
 * `$XDG_CONFIG_HOME` or `~/.config` elsewhere, as Chromium's `DIR_APP_DATA`; userData is
 * `<appData>/<app name>`.
 */
import { homedir } from 'node:os'
import { isAbsolute, join, resolve, win32, posix } from 'node:path'

export const appName = 'kha-desktop'

export interface PathEnv {
  env?: Record<string, string | undefined>
  platform?: NodeJS.Platform
  homeDir?: string
}

/** Electron's `app.getPath('appData')`. */
export function appDataDir({
  env = process.env,
  platform = process.platform,
  homeDir = homedir()
}: PathEnv = {}): string {
  if (platform === 'win32') return env.APPDATA || win32.join(homeDir, 'AppData', 'Roaming')
  if (platform === 'darwin') return posix.join(homeDir, 'Library', 'Application Support')
  // XDG says a relative value is invalid and must be ignored.
  const xdg = env.XDG_CONFIG_HOME
  return xdg && isAbsolute(xdg) ? xdg : posix.join(homeDir, '.config')
}

/** Electron's `app.getPath('userData')` for kha-desktop. */
export function defaultDataDir(opts: PathEnv = {}): string {
  const base = appDataDir(opts)
  return (opts.platform ?? process.platform) === 'win32'
    ? win32.join(base, appName)
    : posix.join(base, appName)
}

/**
 * The data folder a non-Electron shell (CLI, web harness) should use: `--data-dir` when given,
 * else `KHA_DATA_DIR`, else the app's own folder.
 */
export function resolveDataDir(explicit: string | undefined, opts: PathEnv = {}): string {
  if (explicit) return resolve(explicit)
  const fromEnv = (opts.env ?? process.env).KHA_DATA_DIR
  if (fromEnv) return resolve(fromEnv)
  return defaultDataDir(opts)
}

/** `<dataDir>/logs`: where the rotating log files go. */
export function logsDir(dataDir: string): string {
  return join(dataDir, 'logs')
}

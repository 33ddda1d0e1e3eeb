/**
 * The data folder holds conversations, profiles, logs and encrypted secrets: readable by its owner
 * only. Folders the core creates are 0700, and a folder left looser by an earlier version (0.1
 * created them with the umask, usually 0755, so other local users could list file names) is
 * tightened at start, with a log line saying what changed. Windows has no POSIX modes (the
 * profile folder's ACL already limits it to the user): nothing to do there.
 */
import { mkdirSync, readdirSync, statSync, chmodSync } from 'node:fs'
import { join } from 'node:path'
import type { Logger } from './logger'

export const PRIVATE_DIR_MODE = 0o700

/** mkdir -p with mode 0700 for every folder it creates. */
export function makePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE })
}

function tighten(dir: string, logger: Logger): void {
  const mode = statSync(dir).mode & 0o777
  if ((mode & 0o077) === 0) return
  chmodSync(dir, mode & 0o700)
  logger.warn('tightened a data folder readable by others', {
    dir,
    was: mode.toString(8),
    now: (mode & 0o700).toString(8)
  })
}

/**
 * Create the data folder (0700) if needed, and tighten it and each folder in it that group or
 * others could read. Symbolic links are left alone (a folder the user placed elsewhere on purpose).
 */
export function securePrivateDataDir(
  dataDir: string,
  logger: Logger,
  platform: NodeJS.Platform = process.platform
): void {
  makePrivateDir(dataDir)
  if (platform === 'win32') return
  tighten(dataDir, logger)
  for (const entry of readdirSync(dataDir, { withFileTypes: true })) {
    if (entry.isDirectory()) tighten(join(dataDir, entry.name), logger)
  }
}

/**
 * The core's log file: `<dataDir>/logs/<name>.log`, rotated by size, for the Electron glue, the web
 * harness and the CLI alike. Writing and rotating are electron-log's file transport (its
 * `electron-log/node` entry runs in plain Node, so the same code serves every shell, and the core
 * still never imports `electron`); formatting and redaction stay ours: every line goes through
 * `formatLine` → `redact` in logger.ts before electron-log sees it, so the file and the "copy
 * diagnostics" text hold the same, already-redacted lines.
 *
 * SCOPE: one file per shell (`main`, `harness`, `cli`), so two processes never append to the same
 * file. No remote transport, no console transport (a shell that wants a terminal echo passes one).
 */
import { closeSync, openSync, readSync, renameSync, rmSync, statSync } from 'node:fs'
import { join, parse } from 'node:path'
import electronLog from 'electron-log/node'
import { createLogger, type LogLevel, type Logger } from './logger'
import { makePrivateDir } from './dataDir'
import { logsDir } from './paths'

export interface FileLoggerOptions {
  /** File name without extension: `main` (Electron), `harness`, `cli`. */
  name?: string
  /** Also show each line somewhere (stderr for a terminal). Lines are already redacted. */
  echo?: (line: string, level: LogLevel) => void
  /** Lowest level written to the file. Default `debug`. */
  level?: LogLevel
  /** Rotate when the file is larger than this. Default 2 MiB. */
  maxBytes?: number
  /** Rotated files kept besides the current one (`main.1.log` … `main.N.log`). Default 3. */
  keepFiles?: number
  /** Lines kept in memory for `recent()` (diagnostics). Default 200. */
  keepLines?: number
}

export type FileLogger = Logger & {
  /** The last lines, oldest first, including the tail of the file from before this start. */
  recent(): string[]
  /** The file being written. */
  readonly file: string
}

const levelOrder: LogLevel[] = ['debug', 'info', 'warn', 'error']

/** Move `main.log` to `main.1.log`, `main.1.log` to `main.2.log`, …, dropping the oldest. Synchronous, as electron-log requires. */
function rotate(file: string, keepFiles: number): void {
  const { dir, name, ext } = parse(file)
  const numbered = (n: number) => join(dir, `${name}.${n}${ext}`)
  rmSync(numbered(keepFiles), { force: true })
  for (let n = keepFiles - 1; n >= 1; n--) {
    try {
      renameSync(numbered(n), numbered(n + 1))
    } catch {
      // That generation does not exist yet.
    }
  }
  if (keepFiles >= 1) renameSync(file, numbered(1))
  else rmSync(file, { force: true })
}

/** The last `count` lines of a file, reading at most its last 256 KiB. Empty when it does not exist. */
export function tailLines(file: string, count: number): string[] {
  let fd: number | undefined
  try {
    const size = statSync(file).size
    const length = Math.min(size, 256 * 1024)
    const buffer = Buffer.alloc(length)
    fd = openSync(file, 'r')
    readSync(fd, buffer, 0, length, size - length)
    const lines = buffer
      .toString('utf8')
      .split(/\r?\n/)
      .filter((l) => l !== '')
    // The first line may have been cut in half by the 256 KiB window.
    if (length < size) lines.shift()
    return lines.slice(-count)
  } catch {
    return []
  } finally {
    if (fd !== undefined) closeSync(fd)
  }
}

let instances = 0

/**
 * A logger that writes `<dataDir>/logs/<name>.log` (rotated), keeps the last lines for diagnostics,
 * and optionally echoes. Never throws: a read-only or full disk only loses the file, not the app.
 */
export function createFileLogger(dataDir: string, opts: FileLoggerOptions = {}): FileLogger {
  const name = opts.name ?? 'main'
  const keepLines = opts.keepLines ?? 200
  const keepFiles = opts.keepFiles ?? 3
  const minLevel = levelOrder.indexOf(opts.level ?? 'debug')
  const file = join(logsDir(dataDir), `${name}.log`)
  try {
    // electron-log would create it with the umask (0755): logs name hosts and paths.
    makePrivateDir(logsDir(dataDir))
  } catch {
    // A read-only disk: electron-log reports nothing and the app goes on without a file.
  }
  const earlier = tailLines(file, keepLines)

  // One electron-log instance per file logger: its default instance is process-global.
  const log = electronLog.create({ logId: `kha-${name}-${++instances}` })
  log.transports.console.level = false
  // These instances are created by `create`, which does not copy the ipc/remote transports' off state.
  if (log.transports.ipc) log.transports.ipc.level = false
  if (log.transports.remote) log.transports.remote.level = false
  const transport = log.transports.file
  transport.level = 'debug'
  transport.format = '{text}'
  transport.maxSize = opts.maxBytes ?? 2 * 1024 * 1024
  transport.resolvePathFn = () => file
  // Logs may hold host names and paths: readable by the user only.
  transport.writeOptions = { flag: 'a', mode: 0o600, encoding: 'utf8' }
  transport.archiveLogFn = (oldFile) => {
    try {
      rotate(oldFile.toString(), keepFiles)
    } catch {
      // Could not rotate (a locked file on Windows): start the file over rather than grow forever.
      oldFile.clear()
    }
  }

  const inner = createLogger((line, level) => {
    opts.echo?.(line, level)
    if (levelOrder.indexOf(level) < minLevel) return
    try {
      log[level](line)
    } catch {
      // electron-log reports its own write errors to the (disabled) console; nothing to do here.
    }
  }, keepLines)

  return {
    debug: inner.debug,
    info: inner.info,
    warn: inner.warn,
    error: inner.error,
    recent: () => [...earlier, ...inner.recent()].slice(-keepLines),
    file
  }
}

/** The recent lines of a logger that keeps them (a FileLogger, createLogger's), else none. */
export function recentLines(logger: Logger): string[] {
  const withRecent = logger as Partial<Pick<FileLogger, 'recent'>>
  return typeof withRecent.recent === 'function' ? withRecent.recent() : []
}

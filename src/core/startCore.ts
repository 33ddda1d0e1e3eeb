/**
 * The one start-up of the core, for every shell: Electron main, the web harness, the CLI, the
 * bench and the tests. A shell says who it is and passes only what it alone has (Electron: the
 * OS keychain, the OS locale, dialogs); everything else has one default, here.
 */
import { homedir } from 'node:os'
import { resolve } from 'node:path'
import type { AppInfo } from '@shared/ipc/contract'
import { localeFromEnv } from '@shared/i18n/locale'
import { createCoreWithTerminal, type CoreWithTerminal } from './createCore'
import type { Core, CoreOptions, TerminalCore } from './index'
import type { LogLevel, Logger } from './logger'
import { createFileLogger } from './logging'
import type { Platform } from './platform'
import { MemorySecretStore, type SecretStore } from './secrets'
import { appVersion, packageName } from './version'

export interface StartCoreOptions extends Pick<
  CoreOptions,
  'connect' | 'healthIntervalMs' | 'now'
> {
  /** The data folder (profiles, history, known_hosts, logs). */
  dataDir: string
  shell: AppInfo['shell']
  /** Default: a file logger writing `<dataDir>/logs/<logName>.log`. Tests pass a silent one. */
  logger?: Logger
  /** Default: the shell's name (`main` for Electron: its log has always been main.log). */
  logName?: string
  /** Where the file logger also writes a line (a terminal); default: nowhere. */
  echo?: (line: string, level: LogLevel) => void
  /** Default: secrets kept for this session only (no OS keychain outside Electron). */
  secrets?: SecretStore
  /** Default: from the environment's LC_ALL / LC_MESSAGES / LANG. */
  locale?: string
  languages?: string[]
  /** Default: process.env. */
  env?: Record<string, string | undefined>
  /** For ~/.ssh. Default: the OS's home folder. */
  homeDir?: string
  /** What only the shell can do (a browser, a save dialog, the OS proxy). Default: nothing. */
  platform?: Platform
}

export interface StartedCore {
  core: Core
  logger: Logger
  dataDir: string
}

export async function startCore(opts: StartCoreOptions): Promise<StartedCore> {
  const { core, logger, dataDir } = await start(opts)
  return { core, logger, dataDir }
}

/**
 * The CLI's start-up: the same core, and beside it the terminal's own dispatch (`hosts:forget`,
 * `session:use`, `session:connect`). Electron main and the harness use startCore, which drops it:
 * a window can never reach these channels, whatever it sends.
 */
export async function startTerminalCore(opts: StartCoreOptions): Promise<TerminalCore> {
  const { core, terminal } = await start(opts)
  return { ...core, terminal }
}

async function start(opts: StartCoreOptions): Promise<CoreWithTerminal & StartedCore> {
  const dataDir = resolve(opts.dataDir)
  const env = opts.env ?? process.env
  const logger =
    opts.logger ??
    createFileLogger(dataDir, {
      name: opts.logName ?? (opts.shell === 'electron' ? 'main' : opts.shell),
      ...(opts.echo ? { echo: opts.echo } : {})
    })
  const { core, terminal } = await createCoreWithTerminal({
    dataDir,
    secrets: opts.secrets ?? new MemorySecretStore(),
    logger,
    appInfo: {
      name: packageName,
      version: appVersion,
      platform: process.platform,
      locale: opts.locale ?? localeFromEnv(env),
      ...(opts.languages ? { languages: opts.languages } : {}),
      shell: opts.shell
    },
    homeDir: opts.homeDir ?? homedir(),
    env,
    ...(opts.platform ? { platform: opts.platform } : {}),
    ...(opts.now ? { now: opts.now } : {}),
    ...(opts.connect !== undefined ? { connect: opts.connect } : {}),
    ...(opts.healthIntervalMs !== undefined ? { healthIntervalMs: opts.healthIntervalMs } : {})
  })
  return { core, terminal, logger, dataDir }
}

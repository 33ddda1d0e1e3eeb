/**
 * What every command runs with: the data folder (`--data-dir`, else `KHA_DATA_DIR`, else the
 * app's own folder, see core/paths.ts), a log file of its own (`<dataDir>/logs/cli.log`), a
 * session-only secret store, and the core, started the way every shell starts it and driven
 * through `dispatch` (its channel table) like every other shell.
 */
import { homedir } from 'node:os'
import type { Profile } from '@shared/profile'
import { AppFailure, fail } from '@shared/errors'
import type {
  InvokeChannel,
  InvokeResult,
  TerminalChannel,
  TerminalResult
} from '@shared/ipc/contract'
import {
  type Core,
  createFileLogger,
  EncryptedFileSecretStore,
  type FileLogger,
  MemorySecretStore,
  resolveDataDir,
  type SecretStore,
  startTerminalCore,
  type StartCoreOptions,
  type TerminalCore
} from '../core'
import { exitCodeForError, exitCodes } from './exitCodes'
import { showImportProgress } from './importProgress'
import { CliError, createOutput, type Io, type Output } from './output'

export interface GlobalOptions {
  dataDir?: string
  json?: boolean
  /** Keep control characters in text written to a terminal (terminalText.ts). */
  raw?: boolean
  verbose?: boolean
}

export interface CliContext {
  io: Io
  out: Output
  dataDir: string
  homeDir: string
  env: Record<string, string | undefined>
  logger: FileLogger
  secrets: MemorySecretStore
}

export function createContext(io: Io, globals: GlobalOptions): CliContext {
  const dataDir = resolveDataDir(globals.dataDir, { env: io.env })
  const logger = createFileLogger(dataDir, {
    name: 'cli',
    ...(globals.verbose ? { echo: (line: string) => void io.stderr.write(`${line}\n`) } : {})
  })
  return {
    io,
    out: createOutput(io, Boolean(globals.json), Boolean(globals.raw)),
    dataDir,
    homeDir: io.env.HOME || io.env.USERPROFILE || homedir(),
    env: io.env,
    logger,
    secrets: new MemorySecretStore()
  }
}

/** Turn an AppFailure thrown by the core into the CLI's error with its exit code. */
export function cliErrorOf(error: unknown): CliError | undefined {
  if (error instanceof CliError) return error
  if (error instanceof AppFailure)
    return new CliError(error.error, exitCodeForError(error.error.code))
  return undefined
}

/** What `findProfile` reads: the profiles and the app's selection, as `profiles:list` answers them. */
export interface ProfileList {
  profiles: Profile[]
  activeId: string | null
}

/** A profile by name (or id) in the `profiles:list` state; without one, the profile selected in the app. */
export function findProfile(state: ProfileList, nameOrId: string | undefined): Profile {
  const { profiles } = state
  if (nameOrId === undefined) {
    const active = profiles.find((p) => p.id === state.activeId)
    if (!active)
      throw new CliError(
        {
          code: 'profile.none_selected',
          message: 'No profile is selected: name one with --profile NAME (see `profiles list`)'
        },
        exitCodes.notFound
      )
    return active
  }
  const byName = profiles.filter((p) => p.name === nameOrId)
  if (byName.length > 1) {
    throw new CliError(
      {
        code: 'cli.ambiguous',
        message: `${byName.length} profiles are named "${nameOrId}": use the id instead (${byName.map((p) => p.id).join(', ')})`,
        params: { name: nameOrId }
      },
      exitCodes.usage
    )
  }
  const found = byName[0] ?? profiles.find((p) => p.id === nameOrId)
  if (!found)
    throw new CliError(
      {
        code: 'profile.not_found',
        message: `No profile named "${nameOrId}" (see \`profiles list\`)`,
        params: { name: nameOrId }
      },
      exitCodes.notFound
    )
  return found
}

/**
 * The core for one command, started the way every shell starts it (startCore), on this command's
 * data folder, logger and session secrets. It opens no connection unless asked to
 * (`session:connect`, for chat), not even when a profile command changes the selection.
 */
export async function openCore(
  ctx: CliContext,
  opts: Pick<StartCoreOptions, 'secrets'> = {}
): Promise<TerminalCore> {
  try {
    const core = await startTerminalCore({
      dataDir: ctx.dataDir,
      shell: 'web',
      logger: ctx.logger,
      secrets: opts.secrets ?? ctx.secrets,
      env: ctx.env,
      homeDir: ctx.homeDir,
      connect: false,
      healthIntervalMs: 0
    })
    // A 0.1 history being imported holds up the commands that read it: say so on a terminal
    // (not with --json, which prints its one document and nothing else).
    if (!ctx.out.json) showImportProgress(core, ctx.io)
    return core
  } catch (error) {
    throw (
      cliErrorOf(error) ??
      new CliError(
        {
          code: 'store.io',
          message: `The data folder ${ctx.dataDir} cannot be opened (${(error as Error).message}): it must be a folder you may write to; name another with --data-dir or KHA_DATA_DIR`
        },
        exitCodes.failed
      )
    )
  }
}

/** Run `fn` on a core opened for it, closed again however it ends. */
export async function withCore<T>(
  ctx: CliContext,
  fn: (core: TerminalCore) => Promise<T>,
  opts: Pick<StartCoreOptions, 'secrets'> = {}
): Promise<T> {
  const core = await openCore(ctx, opts)
  try {
    return await fn(core)
  } finally {
    await core.dispose()
  }
}

/** Run one contract call through the core's handler table; a refusal becomes the CLI's error with its exit code. */
export async function dispatchOn<C extends InvokeChannel>(
  core: Pick<Core, 'dispatch'>,
  channel: C,
  arg?: unknown
): Promise<InvokeResult<C>> {
  const res = await core.dispatch(channel, arg)
  if (!res.ok) throw new CliError(res.error, exitCodeForError(res.error.code))
  return res.data as InvokeResult<C>
}

/** One call of the terminal's own table (`terminalChannels`: what only the person at the terminal may do). */
export async function dispatchTerminal<C extends TerminalChannel>(
  core: TerminalCore,
  channel: C,
  arg?: unknown
): Promise<TerminalResult<C>> {
  const res = await core.terminal.dispatch(channel, arg)
  if (!res.ok) throw new CliError(res.error, exitCodeForError(res.error.code))
  return res.data as TerminalResult<C>
}

/** One contract call on a core opened for it and closed again. */
export async function callCore<C extends InvokeChannel>(
  ctx: CliContext,
  channel: C,
  arg?: unknown,
  opts: Pick<StartCoreOptions, 'secrets'> = {}
): Promise<InvokeResult<C>> {
  return withCore(ctx, (core) => dispatchOn(core, channel, arg), opts)
}

/**
 * The app's stored secrets (`secrets.json`), for forgetting them only: their values are encrypted
 * with the app's OS keychain, which the CLI cannot use, so reading one finds nothing and storing
 * one to remember is refused. What the CLI itself is given stays in memory as always.
 */
export function appSecretsForCleanUp(ctx: CliContext): SecretStore {
  // An AppFailure, so that a handler asked to store one answers it as a refusal (dispatch).
  const locked = (): never =>
    fail(
      'store.io',
      "The app's secret store is encrypted for the app only: enter this value in the app (a profile file: import it in the app's Settings)"
    )
  return new CleanUpOnlySecretStore(ctx.dataDir, { encrypt: locked, decrypt: locked })
}

/** Not a place to keep anything: so start-up leaves credential headers where they are (profileSecrets.ts). */
class CleanUpOnlySecretStore extends EncryptedFileSecretStore {
  override readonly persistent: boolean = false
}

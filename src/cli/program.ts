/**
 * The command tree. `run(argv, io)` parses, runs one command and resolves with the exit code; it
 * never calls process.exit, so tests and the entry point decide what to do with the code.
 */
import { Command, CommanderError } from 'commander'
import { appName, appVersion, defaultDataDir } from '../core'
import { registerChatCommand } from './commands/chat'
import { registerConversationCommands } from './commands/conversations'
import { registerDoctorCommand } from './commands/doctor'
import { registerHostsCommands } from './commands/hosts'
import { registerProfileCommands } from './commands/profiles'
import { cliErrorOf, createContext, type CliContext, type GlobalOptions } from './context'
import { exitCodes, exitCodesHelp } from './exitCodes'
import { createOutput, type Io } from './output'

export const environmentHelp = `Environment:
  KHA_DATA_DIR             data folder when --data-dir is not given
  KHA_SSH_PASSWORD         SSH password (auth password); KHA_SSH_JUMP_PASSWORD for the jump host
  KHA_SSH_PASSPHRASE       passphrase of an encrypted key; KHA_SSH_JUMP_PASSPHRASE for the jump host
  KHA_API_KEY              API key for profiles with --api-auth bearer
  KHA_HEADER_<NAME>        value of a credential header (Authorization, X-Api-Key, Cookie, …)
                           for this run, e.g. KHA_HEADER_X_API_KEY; profiles.json never holds one
  SSH_AUTH_SOCK            the ssh-agent, for --auth agent (unset on Windows: the OpenSSH
                           agent service when it runs, else Pageant)
Without the SSH variables, a terminal is asked (input hidden). Secrets are never flags.
A two-factor SSH server's questions (a verification code) are asked on the terminal, as the server words them.`

export function createProgram(io: Io, setExit: (code: number) => void): Command {
  let context: CliContext | undefined
  const contextOf = (cmd: Command): CliContext =>
    (context ??= createContext(io, cmd.optsWithGlobals<GlobalOptions>()))
  const program = new Command(appName)
    .description(
      'kha-desktop from the command line: the same profiles and conversations as the app'
    )
    .version(appVersion, '-V, --version')
    .option(
      '--data-dir <dir>',
      `data folder (profiles, conversations, logs); default ${defaultDataDir({ env: io.env })}`
    )
    .option('--json', 'print one JSON document per command, for scripts')
    .option(
      '--raw',
      'write replies and server text as received, control characters included (on a terminal they are shown as ␛, ␇, …)'
    )
    .option('--verbose', 'also print the log to stderr')
    .showHelpAfterError('(add --help for usage)')
    .addHelpText(
      'after',
      `\n${exitCodesHelp}\n\n${environmentHelp}\n\nSee docs/CLI.md for examples.`
    )
    .configureOutput({
      writeOut: (s) => void io.stdout.write(s),
      writeErr: (s) => void io.stderr.write(s)
    })
  registerProfileCommands(program, contextOf)
  registerChatCommand(program, contextOf, setExit)
  registerDoctorCommand(program, contextOf, setExit)
  registerHostsCommands(program, contextOf)
  registerConversationCommands(program, contextOf)
  // Every command, however deep, reports usage errors through us (exit code 1, JSON with --json).
  const applyAll = (cmd: Command) => {
    cmd.exitOverride()
    cmd.configureOutput({
      writeOut: (s) => void io.stdout.write(s),
      writeErr: (s) => void io.stderr.write(s)
    })
    for (const sub of cmd.commands) applyAll(sub)
  }
  applyAll(program)
  for (const sub of program.commands) sub.addHelpText('after', `\n${exitCodesHelp}`)
  return program
}

export async function run(argv: string[], io: Io): Promise<number> {
  let exitCode: number = exitCodes.ok
  const json = argv.includes('--json')
  const raw = argv.includes('--raw')
  const program = createProgram(io, (code) => (exitCode = code))
  try {
    await program.parseAsync(argv, { from: 'user' })
    return exitCode
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end with a "error" too: code 0.
      if (error.exitCode === 0) return exitCodes.ok
      if (json)
        createOutput(io, true).error({
          code: 'cli.usage',
          message: error.message.replace(/^error: /, '')
        })
      return exitCodes.usage
    }
    const cliError = cliErrorOf(error)
    const out = createOutput(io, json, raw)
    if (cliError) {
      out.error(cliError.body)
      return cliError.exitCode
    }
    out.error({
      code: 'internal',
      message: `Unexpected error: ${(error as Error)?.stack ?? String(error)}`
    })
    return exitCodes.failed
  }
}

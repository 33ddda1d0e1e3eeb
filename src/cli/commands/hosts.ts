/**
 * `kha-desktop hosts forget HOST[:PORT]`: the app's `ssh-keygen -R`. It removes every key the
 * app's own known_hosts (`<data-dir>/known_hosts`) holds for the host, so the next connection shows
 * the server's new key as an unknown one to check and trust. The app itself never replaces a
 * changed key (a compromised window must not be able to accept a man in the middle); this command,
 * run deliberately by the person at the terminal, is the only way, and the app shows its exact
 * wording in the changed-key warning. Keys in ~/.ssh/known_hosts or a profile's own file are the
 * user's: they are reported, with the `ssh-keygen -R` line to remove them, never edited.
 *
 * It is `hosts:forget` of the terminal's own table (channels.ts `terminalChannels`), which only
 * the CLI's core (startTerminalCore) serves: no window, preload or harness client can reach it.
 */
import type { Command } from 'commander'
import { dispatchTerminal, withCore, type CliContext } from '../context'
import { exitCodes } from '../exitCodes'
import { CliError, usageError } from '../output'

type ContextOf = (cmd: Command) => CliContext

/** `host`, `host:port`, `[host]:port` (known_hosts' form), `[v6]:port`, or a bare IPv6 address (port 22). */
export function parseHostPort(text: string): { host: string; port: number } {
  const value = text.trim()
  let host = value
  let portText: string | undefined
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(value)
  if (bracketed) {
    host = bracketed[1] as string
    portText = bracketed[2]
  } else if ((value.match(/:/g) ?? []).length === 1) {
    ;[host, portText] = value.split(':') as [string, string]
  }
  const port = portText === undefined ? 22 : Number(portText)
  if (!host || /\s/.test(host))
    throw usageError(`"${text}" is not a host: give HOST or HOST:PORT, e.g. 192.168.0.20:22`)
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw usageError(`"${portText}" is not a port number (1-65535)`)
  return { host, port }
}

export function registerHostsCommands(program: Command, contextOf: ContextOf): void {
  const hosts = program
    .command('hosts')
    .description('the SSH host keys the app trusts (its own known_hosts)')
  hosts
    .command('forget')
    .description(
      "remove a host's keys from the app's known_hosts (like ssh-keygen -R), after its administrator confirmed that its key really changed"
    )
    .argument('<host>', 'HOST or HOST:PORT, as the app shows it (e.g. 192.168.0.20:22, [::1]:2222)')
    .action(async (target: string, _opts, cmd: Command) => {
      const ctx = contextOf(cmd)
      const { host, port } = parseHostPort(target)
      const result = await withCore(ctx, (core) =>
        dispatchTerminal(core, 'hosts:forget', { host, port })
      )
      const elsewhereLines = result.elsewhere.map(
        (e) =>
          `  still in ${e.file} line ${e.line} (${e.keyType} ${e.fingerprint}): that file is yours; remove it with: ssh-keygen -R '${result.name}' -f '${e.file}'`
      )
      if (result.removed.length === 0) {
        throw new CliError(
          {
            code: 'host.not_found',
            message: `The app's known_hosts (${result.file}) has no key for ${result.name}${result.elsewhere.length > 0 ? `\n${elsewhereLines.join('\n')}` : ''}`,
            params: { host, port, name: result.name, file: result.file }
          },
          exitCodes.notFound
        )
      }
      ctx.out.result({ host, port, ...result }, () => [
        `Removed ${result.removed.length === 1 ? '1 key' : `${result.removed.length} keys`} of ${result.name} from ${result.file}:`,
        ...result.removed.map((r) => `  ${r.keyType} ${r.fingerprint}`),
        `The previous file is kept as ${result.backup}.`,
        ...elsewhereLines,
        'The next connection shows the server’s key: compare it with the one your administrator gave you before you trust it.'
      ])
    })
}

/**
 * What "Import from SSH config" offers: this machine's `~/.ssh/config` (`%USERPROFILE%\.ssh\config`
 * on Windows) and, on Windows, each WSL distribution's (see windows/wsl.ts), so a developer whose
 * ssh setup lives in WSL does not type it again.
 */
import { readWslSshConfigs, type CommandRunner, type WslImportedHost } from '../../windows/wsl'
import { agentLikelyAvailable, systemAgentProbe, type AgentProbe } from './agentSource'
import { readSshConfigHosts, type ConfigFs, type ImportedHost } from './sshConfig'

export type ImportableHost = ImportedHost & { source?: WslImportedHost['source'] }

export async function importableSshHosts(opts: {
  homeDir: string
  env: Record<string, string | undefined>
  platform?: NodeJS.Platform
  /** Tests: the file system, the command runner (wsl.exe) and the agent probe. */
  io?: ConfigFs
  run?: CommandRunner
  agentProbe?: AgentProbe
}): Promise<ImportableHost[]> {
  const platform = opts.platform ?? process.platform
  const defaultUser = opts.env.USER || opts.env.USERNAME || ''
  // Hosts with no IdentityFile use the agent only where one can be seen (Pageant cannot).
  const hasAgent = await agentLikelyAvailable(
    opts.agentProbe ?? systemAgentProbe(platform, opts.env)
  )
  const own = await readSshConfigHosts(
    opts.homeDir,
    { defaultUser, hasAgent, platform, env: opts.env },
    opts.io
  )
  if (platform !== 'win32') return own
  // WSL is a convenience: when it cannot be read, the Windows hosts are still offered.
  const wsl = await readWslSshConfigs({
    defaultUser,
    hasAgent,
    ...(opts.run ? { run: opts.run } : {}),
    ...(opts.io ? { io: opts.io } : {})
  }).catch(() => [])
  return [...own, ...wsl]
}

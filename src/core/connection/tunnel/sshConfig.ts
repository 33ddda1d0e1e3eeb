/**
 * Import hosts from `~/.ssh/config` into new tunnel profiles, so a developer who already has
 * `Host serverB` set up does not type it again. Parsing and resolution (first value wins, `Host *`
 * defaults, multi-alias sections) are left to the `ssh-config` package; this module only maps the
 * computed values onto our profile draft. `Match exec` is never evaluated (it would run commands).
 *
 * Out of scope: `Include` (not followed by the parser), `ProxyCommand`, more than one ProxyJump hop;
 * those hosts are still imported, with a warning saying what was left out.
 */
import { promises as fs } from 'node:fs'
import { join } from 'node:path'
import SSHConfig from 'ssh-config'
import { defaultDirectDraft, defaultTunnelConnection, type ProfileDraft } from '@shared/profile'

export interface ImportedHost {
  /** The `Host` alias the profile was made from. */
  alias: string
  draft: ProfileDraft
  /** What could not be carried over (in English; shown next to the imported profile). */
  warnings: string[]
}

export interface ImportOptions {
  /** ssh's default when no `User` is set: the local user name. */
  defaultUser: string
  /** True when an agent is available (SSH_AUTH_SOCK, or Pageant on Windows): hosts with no IdentityFile then use it. */
  hasAgent?: boolean
}

type Computed = Record<string, string | string[]>
type EndpointInput = { host: string; port: number; username: string; auth: 'key' | 'agent' | 'password'; keyPath: string }

const first = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v[0] : v)

/** A `Host` line's values: the concrete aliases only (patterns like `*.corp` or `!x` are defaults, not hosts). */
function concreteAliases(value: unknown): string[] {
  const values = Array.isArray(value) ? value.map((v: { val: string }) => v.val) : [String(value)]
  return values.filter((v) => v !== '' && !/[*?!]/.test(v))
}

/** ssh's `%` tokens in HostName and IdentityFile: the common ones; `%d` stays `~` (expanded later). */
function expandTokens(value: string, alias: string, host: string, user: string): string {
  return value.replace(/%([%dhnru])/g, (_m, t: string) => ({ '%': '%', d: '~', h: host, n: alias, r: user, u: user })[t] ?? '')
}

function endpointFor(config: SSHConfig, alias: string, opts: ImportOptions, override: { user?: string; port?: number } = {}): EndpointInput {
  const c: Computed = config.compute(alias, { ignoreCase: true, matchExec: false })
  const user = override.user ?? first(c.user) ?? opts.defaultUser
  const host = expandTokens(first(c.hostname) ?? alias, alias, alias, user)
  const port = override.port ?? (Number(first(c.port)) || 22)
  const identity = first(c.identityfile)
  if (identity) return { host, port, username: user, auth: 'key', keyPath: expandTokens(identity, alias, host, user) }
  const fallbackKey = defaultTunnelConnection().ssh?.keyPath ?? '~/.ssh/id_ed25519'
  return { host, port, username: user, auth: opts.hasAgent ? 'agent' : 'key', keyPath: fallbackKey }
}

/** `[user@]host[:port]` or `ssh://[user@]host[:port]`, IPv6 in brackets. */
export function parseJumpSpec(spec: string): { user?: string; host: string; port?: number } | undefined {
  const m = /^(?:ssh:\/\/)?(?:([^@]+)@)?(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(spec.trim())
  if (!m || !m[2]) return undefined
  return { ...(m[1] ? { user: m[1] } : {}), host: m[2].replace(/^\[(.*)\]$/, '$1'), ...(m[3] ? { port: Number(m[3]) } : {}) }
}

/** `LocalForward [bind:]port host:port`: the far-side target (the local port stays off by default). */
function parseLocalForward(value: string): { host: string; port: number } | undefined {
  const target = value.trim().split(/\s+/)[1]
  const m = target ? /^(\[[^\]]+\]|[^:]+):(\d+)$/.exec(target) : null
  return m?.[1] ? { host: m[1].replace(/^\[(.*)\]$/, '$1'), port: Number(m[2]) } : undefined
}

export function importSshConfig(text: string, opts: ImportOptions): ImportedHost[] {
  const config = SSHConfig.parse(text)
  const out: ImportedHost[] = []
  for (const line of config) {
    if (line.type !== SSHConfig.DIRECTIVE || line.param.toLowerCase() !== 'host') continue
    const alias = concreteAliases(line.value)[0]
    if (!alias) continue
    const warnings: string[] = []
    const computed: Computed = config.compute(alias, { ignoreCase: true, matchExec: false })
    const ssh = endpointFor(config, alias, opts)

    let jump: EndpointInput | null = null
    const proxyJump = first(computed.proxyjump)
    if (proxyJump && proxyJump.toLowerCase() !== 'none') {
      const hops = proxyJump.split(',')
      if (hops.length > 1) warnings.push(`ProxyJump has ${hops.length} hops; only the first (${hops[0]}) was imported`)
      const hop = parseJumpSpec(hops[0] ?? '')
      if (hop) jump = endpointFor(config, hop.host, opts, { ...(hop.user ? { user: hop.user } : {}), ...(hop.port ? { port: hop.port } : {}) })
      else warnings.push(`ProxyJump ${proxyJump} was not understood`)
    }
    if (first(computed.proxycommand)) warnings.push('ProxyCommand is not supported; connect through a jump host instead')

    const base = defaultTunnelConnection()
    const forward = first(computed.localforward)
    const target = (forward && parseLocalForward(forward)) || base.target
    const interval = Number(first(computed.serveraliveinterval))
    const count = Number(first(computed.serveralivecountmax))
    const connectTimeout = Number(first(computed.connecttimeout))
    const knownHosts = first(computed.userknownhostsfile)?.split(/\s+/)[0]

    const connection: TunnelConnectionInput = {
      ...base,
      ssh,
      jump,
      target,
      ...(interval > 0 ? { keepaliveIntervalSec: interval } : {}),
      ...(count > 0 ? { keepaliveCountMax: count } : {}),
      ...(knownHosts && knownHosts !== '/dev/null' ? { knownHostsPath: knownHosts } : {})
    }
    const defaults = defaultDirectDraft()
    out.push({
      alias,
      warnings,
      draft: {
        name: alias,
        connection,
        contract: defaults.contract,
        timeouts: { ...(defaults.timeouts as object), ...(connectTimeout > 0 ? { connectSec: connectTimeout } : {}) }
      }
    })
  }
  return out
}

/** What a tunnel connection looks like before validation (defaults not applied yet). */
type TunnelConnectionInput = ReturnType<typeof defaultTunnelConnection>

/** Read `<homeDir>/.ssh/config`; no file means nothing to import. */
export async function readSshConfigHosts(homeDir: string, opts: ImportOptions): Promise<ImportedHost[]> {
  let text: string
  try {
    text = await fs.readFile(join(homeDir, '.ssh', 'config'), 'utf8')
  } catch {
    return []
  }
  return importSshConfig(text, opts)
}

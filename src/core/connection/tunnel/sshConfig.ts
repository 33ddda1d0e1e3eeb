/**
 * Import hosts from `~/.ssh/config` into new tunnel profiles, so a developer who already has
 * `Host serverB` set up does not type it again. Parsing and resolution (first value wins, `Host *`
 * defaults, multi-alias sections) are left to the `ssh-config` package; this module only maps the
 * computed values onto our profile draft. `Match exec` is never evaluated (it would run commands).
 *
 * `Include` is followed here (the parser does not): `~`, paths relative to `~/.ssh`, and wildcards
 * in the file name (`config.d/*`), in lexical order, as ssh does. The config may be Windows'
 * (`%USERPROFILE%\.ssh\config`) or a WSL distribution's, read from Windows through
 * `\\wsl.localhost\…`: `ConfigLocation` says in which terms its paths are written and how to
 * reach them from here, so the key paths of imported profiles are files this machine can open.
 *
 * Out of scope: `ProxyCommand`, more than one ProxyJump hop, wildcards in folder names of an
 * Include; those hosts are still imported, with a warning saying what was left out.
 */
import { promises as fs } from 'node:fs'
import SSHConfig from 'ssh-config'
import { defaultDirectDraft, defaultTunnelConnection, type ProfileDraft } from '@shared/profile'
import { expandPath, expandVariables, pathsFor } from './paths'

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
  /** The key for hosts with no IdentityFile (and no agent); default `~/.ssh/id_ed25519`. */
  defaultKeyPath?: string
}

type Computed = Record<string, string | string[]>
type EndpointInput = {
  host: string
  port: number
  username: string
  auth: 'key' | 'agent' | 'password'
  keyPath: string
}

const first = (v: string | string[] | undefined): string | undefined =>
  Array.isArray(v) ? v[0] : v

/** A `Host` line's values: the concrete aliases only (patterns like `*.corp` or `!x` are defaults, not hosts). */
function concreteAliases(value: unknown): string[] {
  const values = Array.isArray(value) ? value.map((v: { val: string }) => v.val) : [String(value)]
  return values.filter((v) => v !== '' && !/[*?!]/.test(v))
}

/** ssh's `%` tokens in HostName and IdentityFile: the common ones; `%d` stays `~` (expanded later). */
function expandTokens(value: string, alias: string, host: string, user: string): string {
  return value.replace(
    /%([%dhnru])/g,
    (_m, t: string) => ({ '%': '%', d: '~', h: host, n: alias, r: user, u: user })[t] ?? ''
  )
}

function endpointFor(
  config: SSHConfig,
  alias: string,
  opts: ImportOptions,
  override: { user?: string; port?: number } = {}
): EndpointInput {
  const c: Computed = config.compute(alias, { ignoreCase: true, matchExec: false })
  const user = override.user ?? first(c.user) ?? opts.defaultUser
  const host = expandTokens(first(c.hostname) ?? alias, alias, alias, user)
  const port = override.port ?? (Number(first(c.port)) || 22)
  const identity = first(c.identityfile)
  if (identity)
    return {
      host,
      port,
      username: user,
      auth: 'key',
      keyPath: expandTokens(identity, alias, host, user)
    }
  const fallbackKey =
    opts.defaultKeyPath ?? defaultTunnelConnection().ssh?.keyPath ?? '~/.ssh/id_ed25519'
  return { host, port, username: user, auth: opts.hasAgent ? 'agent' : 'key', keyPath: fallbackKey }
}

/** `[user@]host[:port]` or `ssh://[user@]host[:port]`, IPv6 in brackets. */
export function parseJumpSpec(
  spec: string
): { user?: string; host: string; port?: number } | undefined {
  const m = /^(?:ssh:\/\/)?(?:([^@]+)@)?(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(spec.trim())
  if (!m || !m[2]) return undefined
  return {
    ...(m[1] ? { user: m[1] } : {}),
    host: m[2].replace(/^\[(.*)\]$/, '$1'),
    ...(m[3] ? { port: Number(m[3]) } : {})
  }
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
    // The same Host twice (two included files, an Include loop): ssh's first match wins, one profile.
    if (!alias || out.some((h) => h.alias === alias)) continue
    const warnings: string[] = []
    const computed: Computed = config.compute(alias, { ignoreCase: true, matchExec: false })
    const ssh = endpointFor(config, alias, opts)

    let jump: EndpointInput | null = null
    const proxyJump = first(computed.proxyjump)
    if (proxyJump && proxyJump.toLowerCase() !== 'none') {
      const hops = proxyJump.split(',')
      if (hops.length > 1)
        warnings.push(`ProxyJump has ${hops.length} hops; only the first (${hops[0]}) was imported`)
      const hop = parseJumpSpec(hops[0] ?? '')
      if (hop)
        jump = endpointFor(config, hop.host, opts, {
          ...(hop.user ? { user: hop.user } : {}),
          ...(hop.port ? { port: hop.port } : {})
        })
      else warnings.push(`ProxyJump ${proxyJump} was not understood`)
    }
    if (first(computed.proxycommand))
      warnings.push('ProxyCommand is not supported; connect through a jump host instead')

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
        timeouts: {
          ...(defaults.timeouts as object),
          ...(connectTimeout > 0 ? { connectSec: connectTimeout } : {})
        }
      }
    })
  }
  return out
}

/** What a tunnel connection looks like before validation (defaults not applied yet). */
type TunnelConnectionInput = ReturnType<typeof defaultTunnelConnection>

/** How the config files are read: the real file system, or a test's. */
export interface ConfigFs {
  readFile(path: string): Promise<string>
  readdir(path: string): Promise<string[]>
}

export const nodeConfigFs: ConfigFs = {
  readFile: (path) => fs.readFile(path, 'utf8'),
  readdir: (path) => fs.readdir(path)
}

/** Where an ssh config lives, in its own terms, and how to reach its files from this machine. */
export interface ConfigLocation {
  /** The home folder as the config's ssh sees it: `C:\Users\kim`, or `/home/kim` inside WSL. */
  home: string
  /** Whose path rules the config follows: `win32` for Windows' OpenSSH, `linux` for a WSL distribution. */
  platform: NodeJS.Platform
  env?: Record<string, string | undefined>
  /**
   * A path in the config's terms made into one this machine opens (WSL:
   * `/home/kim/.ssh/id` → `\\wsl.localhost\Ubuntu\home\kim\.ssh\id`). When set, the key and
   * known_hosts paths of imported profiles are translated too; without it they stay as written
   * (`~/.ssh/id_serverb` means the same file to the app as to ssh).
   */
  toLocal?(path: string): string
}

/** ssh's limit on nested Includes (READCONF_MAX_DEPTH). */
const maxIncludeDepth = 16
const includeLine = /^\s*include(?:\s*=\s*|\s+)(.+?)\s*$/i
const blockLine = /^\s*(?:host|match)(?:\s*=\s*|\s+)/i
const hasBlock = /^\s*(?:host|match)(?:\s*=\s*|\s+)/im

/** `a "b c" d` → [a, b c, d], as ssh splits arguments. */
function splitArgs(value: string): string[] {
  return [...value.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2] ?? '').filter(Boolean)
}

/** The files one Include argument names, in the config's terms, sorted as ssh's glob(3) sorts them. */
async function includedFiles(
  pattern: string,
  loc: ConfigLocation,
  io: ConfigFs
): Promise<string[]> {
  const p = pathsFor(loc.platform)
  const value = expandVariables(pattern, loc.env ?? {}, loc.platform)
  // Relative Include paths are in ~/.ssh for a user's config.
  const path =
    value === '~' || value.startsWith('~/') || value.startsWith('~\\') || p.isAbsolute(value)
      ? expandPath(value, { homeDir: loc.home, platform: loc.platform })
      : p.join(loc.home, '.ssh', value)
  const base = p.basename(path)
  if (!/[*?[]/.test(base)) return [path]
  const dir = p.dirname(path)
  let names: string[]
  try {
    names = await io.readdir(toLocal(loc, dir))
  } catch {
    return []
  }
  return names
    .filter((name) => p.matchesGlob(name, base))
    .sort()
    .map((name) => p.join(dir, name))
}

const toLocal = (loc: ConfigLocation, path: string) => (loc.toLocal ? loc.toLocal(path) : path)

/**
 * The config with every Include replaced by the files it names. An Include inside a Host block is
 * conditional on it; once the included text is done, what follows belongs to the including block
 * again, so its Host line is repeated when the included text opened blocks of its own.
 */
export async function inlineIncludes(
  text: string,
  loc: ConfigLocation,
  io: ConfigFs = nodeConfigFs,
  depth = 0
): Promise<string> {
  const out: string[] = []
  let block = 'Host *'
  for (const line of text.split(/\r?\n/)) {
    if (blockLine.test(line)) block = line.trim()
    const include = includeLine.exec(line)
    if (!include?.[1]) {
      out.push(line)
      continue
    }
    out.push(`# ${line.trim()}`)
    if (depth >= maxIncludeDepth) continue
    for (const pattern of splitArgs(include[1])) {
      for (const file of await includedFiles(pattern, loc, io)) {
        let body: string
        try {
          body = await io.readFile(toLocal(loc, file))
        } catch {
          // ssh skips an Include that matches nothing; an unreadable file is the same to us.
          continue
        }
        const inlined = await inlineIncludes(body, loc, io, depth + 1)
        out.push(inlined)
        if (hasBlock.test(inlined)) out.push(block)
      }
    }
  }
  return out.join('\n')
}

/** Key and known_hosts paths of an imported draft, made into files this machine opens. */
function translatePaths(host: ImportedHost, loc: ConfigLocation): ImportedHost {
  if (!loc.toLocal || host.draft.connection.kind !== 'tunnel') return host
  const local = (path: string) =>
    toLocal(
      loc,
      expandPath(path, {
        homeDir: loc.home,
        platform: loc.platform,
        ...(loc.env ? { env: loc.env } : {})
      })
    )
  const c = host.draft.connection as TunnelConnectionInput
  const endpoint = <E extends { keyPath?: string } | null | undefined>(e: E): E =>
    e && e.keyPath ? { ...e, keyPath: local(e.keyPath) } : e
  // The distribution's own known_hosts: hosts trusted in WSL's terminal are trusted in the app.
  const knownHosts = c.knownHostsPath || '~/.ssh/known_hosts'
  return {
    ...host,
    draft: {
      ...host.draft,
      connection: {
        ...c,
        ssh: endpoint(c.ssh),
        jump: endpoint(c.jump),
        knownHostsPath: local(knownHosts)
      }
    }
  }
}

/** ssh's default identities that exist in `~/.ssh`, best first (ssh would try each; a profile names one). */
const defaultIdentities = ['id_ed25519', 'id_ecdsa', 'id_rsa']

async function existingDefaultKey(loc: ConfigLocation, io: ConfigFs): Promise<string | undefined> {
  let names: string[]
  try {
    // The folder listing only: private keys are not opened to find out that they exist.
    names = await io.readdir(toLocal(loc, pathsFor(loc.platform).join(loc.home, '.ssh')))
  } catch {
    return undefined
  }
  const found = defaultIdentities.find((id) => names.includes(id))
  return found ? `~/.ssh/${found}` : undefined
}

/** Read `<home>/.ssh/config` of one location, Includes followed; no file means nothing to import. */
export async function readSshConfigAt(
  loc: ConfigLocation,
  opts: ImportOptions,
  io: ConfigFs = nodeConfigFs
): Promise<ImportedHost[]> {
  const file = pathsFor(loc.platform).join(loc.home, '.ssh', 'config')
  let text: string
  try {
    text = await io.readFile(toLocal(loc, file))
  } catch {
    return []
  }
  const defaultKeyPath = opts.defaultKeyPath ?? (await existingDefaultKey(loc, io))
  return importSshConfig(await inlineIncludes(text, loc, io), {
    ...opts,
    ...(defaultKeyPath ? { defaultKeyPath } : {})
  }).map((host) => translatePaths(host, loc))
}

/** Read this machine's `~/.ssh/config` (`%USERPROFILE%\.ssh\config` on Windows). */
export async function readSshConfigHosts(
  homeDir: string,
  opts: ImportOptions & { platform?: NodeJS.Platform; env?: Record<string, string | undefined> },
  io: ConfigFs = nodeConfigFs
): Promise<ImportedHost[]> {
  return readSshConfigAt(
    {
      home: homeDir,
      platform: opts.platform ?? process.platform,
      ...(opts.env ? { env: opts.env } : {})
    },
    opts,
    io
  )
}

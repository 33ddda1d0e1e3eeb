/**
 * One command-line flag for every profile field, for `profiles add` and `profiles edit`. Each flag
 * is declared once below with the schema field it sets, so that:
 *   - `profiles add --help` lists them all, grouped like the settings form;
 *   - a validation error on `connection.url` is reported as `--url` (and `headers.2.name` as
 *     `--header`), the way the person typed it;
 *   - a field added to the profile schema without a flag is caught by the test that compares
 *     this table with the schema.
 * Validation itself stays in the profile schema (`validateProfile`, through the profile store):
 * the flags only shape a draft.
 */
import { userInfo } from 'node:os'
import { Option, type Command } from 'commander'
import { parseJumpSpec } from '../core'
import { applyPreset, presetIds, type ContractDraft, type PresetId } from '@shared/presets'
import {
  defaultDirectDraft,
  defaultTunnelConnection,
  replyFormats,
  sshAuthMethods,
  type Profile,
  type ProfileDraft
} from '@shared/profile'
import { usageError } from './output'

type Obj = Record<string, unknown>
type Opts = Record<string, unknown>

export interface FlagSpec {
  /** Commander flags, e.g. `--url <url>`. */
  flags: string
  description: string
  group:
    | 'Connection'
    | 'SSH tunnel'
    | 'HTTPS and proxy'
    | 'Backend contract'
    | 'Conversation context'
    | 'Timeouts'
  /** The schema field(s) it sets: an exact dotted path, or a prefix (`contract.headers`). */
  field: string
  choices?: readonly string[]
  repeatable?: boolean
  /** Only with `profiles edit`. */
  editOnly?: boolean
  /** Sets a field of the SSH tunnel: refused on a direct profile. */
  tunnel?: boolean
  /** Commander's attribute name for it (derived from the long flag). */
  key?: string
  apply?(draft: Obj, value: unknown, opts: Opts): void
}

const collect = (value: string, previous: string[] | undefined) => [...(previous ?? []), value]

function obj(parent: Obj, key: string): Obj {
  const current = parent[key]
  if (current && typeof current === 'object' && !Array.isArray(current)) return current as Obj
  const created: Obj = {}
  parent[key] = created
  return created
}

function setPath(draft: Obj, path: string, value: unknown): void {
  const keys = path.split('.')
  let node = draft
  for (const key of keys.slice(0, -1)) node = obj(node, key)
  node[keys[keys.length - 1] as string] = value
}

/** `user@host[:port]` (or `host`, with the local user name, as ssh does). */
export function parseEndpoint(
  spec: string,
  flag: string
): { host: string; port?: number; username: string } {
  const parsed = parseJumpSpec(spec)
  if (!parsed || !parsed.host)
    throw usageError(`${flag}: expected user@host[:port], got "${spec}"`, { params: { flag } })
  return {
    host: parsed.host,
    ...(parsed.port ? { port: parsed.port } : {}),
    username: parsed.user ?? userInfo().username
  }
}

/** `host:port`, `[v6]:port`, or just `port` (on `localhost`, the server itself). */
export function parseHostPort(spec: string, flag: string): { host: string; port: string } {
  const trimmed = spec.trim()
  if (/^\d+$/.test(trimmed)) return { host: 'localhost', port: trimmed }
  const m = /^(\[[^\]]+\]|[^:]+):([^:]+)$/.exec(trimmed)
  if (!m) throw usageError(`${flag}: expected host:port, got "${spec}"`, { params: { flag } })
  return { host: (m[1] as string).replace(/^\[(.*)\]$/, '$1'), port: m[2] as string }
}

function parseHeader(spec: string): { name: string; value: string } {
  const i = spec.indexOf(':')
  if (i <= 0)
    throw usageError(`--header: expected 'Name: value', got "${spec}"`, {
      params: { flag: '--header' }
    })
  return { name: spec.slice(0, i).trim(), value: spec.slice(i + 1).trim() }
}

function parseParam(
  spec: string,
  flag: string,
  json: boolean
): { name: string; value: string; json: boolean } {
  const i = spec.indexOf('=')
  if (i <= 0) throw usageError(`${flag}: expected name=value, got "${spec}"`, { params: { flag } })
  return { name: spec.slice(0, i).trim(), value: spec.slice(i + 1), json }
}

const jumpOf = (draft: Obj): Obj => {
  const connection = obj(draft, 'connection')
  if (!connection.jump || typeof connection.jump !== 'object')
    throw usageError(
      '--jump-identity and --jump-auth need a jump host: give --jump user@host too',
      { params: { flag: '--jump' } }
    )
  return connection.jump as Obj
}

/** Every flag, in help order. The connection kind flags (`--url`, `--ssh`) are applied first, by `buildDraft`. */
export const flagSpecs: FlagSpec[] = [
  {
    flags: '--url <url>',
    description: 'direct connection: the backend URL, e.g. http://192.168.0.20:8000',
    group: 'Connection',
    field: 'connection.url'
  },
  {
    flags: '--ssh <user@host[:port]>',
    description:
      'SSH tunnel: the SSH server to log in to (port 22 by default; user defaults to yours)',
    group: 'Connection',
    field: 'connection.ssh.host'
  },

  {
    flags: '--target <host:port>',
    description:
      'where the forward goes, seen from the SSH server, like ssh -L …:HOST:PORT (default localhost:8000)',
    group: 'SSH tunnel',
    field: 'connection.target',
    tunnel: true,
    apply: (d, v) => setPath(d, 'connection.target', parseHostPort(String(v), '--target'))
  },
  {
    flags: '--jump <user@host[:port]>',
    description: 'a jump host (ProxyJump, one hop) to connect through first',
    group: 'SSH tunnel',
    field: 'connection.jump',
    tunnel: true,
    apply: (d, v) => {
      const connection = obj(d, 'connection')
      if (v === false) {
        connection.jump = null
        return
      }
      const current =
        connection.jump && typeof connection.jump === 'object'
          ? (connection.jump as Obj)
          : { auth: 'key', keyPath: '' }
      connection.jump = { ...current, ...parseEndpoint(String(v), '--jump') }
    }
  },
  {
    flags: '--no-jump',
    description: 'no jump host',
    group: 'SSH tunnel',
    field: 'connection.jump',
    tunnel: true,
    editOnly: true
  },
  {
    flags: '--identity <file>',
    description: 'private key file for the SSH server (implies --auth key)',
    group: 'SSH tunnel',
    field: 'connection.ssh.keyPath',
    tunnel: true,
    apply: (d, v, opts) => {
      setPath(d, 'connection.ssh.keyPath', String(v))
      if (opts.auth === undefined) setPath(d, 'connection.ssh.auth', 'key')
    }
  },
  {
    flags: '--auth <method>',
    description:
      'how to log in to the SSH server (password and passphrases: KHA_SSH_PASSWORD / KHA_SSH_PASSPHRASE or a prompt, never a flag)',
    group: 'SSH tunnel',
    field: 'connection.ssh.auth',
    choices: sshAuthMethods,
    tunnel: true
  },
  {
    flags: '--jump-identity <file>',
    description: 'private key file for the jump host (implies --jump-auth key)',
    group: 'SSH tunnel',
    field: 'connection.jump.keyPath',
    tunnel: true,
    apply: (d, v, opts) => {
      const jump = jumpOf(d)
      jump.keyPath = String(v)
      if (opts.jumpAuth === undefined) jump.auth = 'key'
    }
  },
  {
    flags: '--jump-auth <method>',
    description: 'how to log in to the jump host',
    group: 'SSH tunnel',
    field: 'connection.jump.auth',
    choices: sshAuthMethods,
    tunnel: true,
    apply: (d, v) => void (jumpOf(d).auth = v)
  },
  {
    flags: '--known-hosts <file>',
    description:
      "an extra known_hosts file to trust (besides ~/.ssh/known_hosts and the app's own)",
    group: 'SSH tunnel',
    field: 'connection.knownHostsPath',
    tunnel: true
  },
  {
    flags: '--local-port <n>',
    description: 'also listen on 127.0.0.1:N like ssh -L, for other tools',
    group: 'SSH tunnel',
    field: 'connection.localPort',
    tunnel: true,
    apply: (d, v) => setPath(d, 'connection.localPort', v === false ? null : v)
  },
  {
    flags: '--no-local-port',
    description: 'no local port',
    group: 'SSH tunnel',
    field: 'connection.localPort',
    tunnel: true,
    editOnly: true
  },
  {
    flags: '--allow-legacy-ssh',
    description:
      'also offer SHA-1 and CBC algorithms (ssh-rsa, hmac-sha1, SHA-1 key exchange) for an old SSH server; weaker: only for a server that cannot be updated',
    group: 'SSH tunnel',
    field: 'connection.allowLegacyAlgorithms',
    tunnel: true
  },
  {
    flags: '--no-allow-legacy-ssh',
    description: 'offer only what OpenSSH 9 offers (the default)',
    group: 'SSH tunnel',
    field: 'connection.allowLegacyAlgorithms',
    tunnel: true,
    editOnly: true
  },
  {
    flags: '--keepalive-interval <s>',
    description: 'seconds between SSH keepalives (default 60)',
    group: 'SSH tunnel',
    field: 'connection.keepaliveIntervalSec',
    tunnel: true
  },
  {
    flags: '--keepalive-count <n>',
    description: 'unanswered keepalives before the tunnel counts as dropped (default 5)',
    group: 'SSH tunnel',
    field: 'connection.keepaliveCountMax',
    tunnel: true
  },
  {
    flags: '--scheme <scheme>',
    description: 'http or https to the target, behind the tunnel (default http)',
    group: 'SSH tunnel',
    field: 'connection.scheme',
    choices: ['http', 'https'],
    tunnel: true
  },

  {
    flags: '--ca-file <file>',
    description:
      "a PEM file with your company's CA certificate(s), trusted for this profile (besides the OS and Node roots)",
    group: 'HTTPS and proxy',
    field: 'tls.caFile'
  },
  {
    flags: '--pin <sha256>',
    description:
      'trust this exact server certificate (SHA-256 fingerprint AA:BB:…, as the doctor prints it); repeatable (with edit: replaces the list)',
    group: 'HTTPS and proxy',
    field: 'tls.pinnedCertificates',
    repeatable: true
  },
  {
    flags: '--clear-pins',
    description: 'forget every pinned certificate',
    group: 'HTTPS and proxy',
    field: 'tls.pinnedCertificates',
    editOnly: true
  },
  {
    flags: '--proxy <none|system|URL>',
    description:
      'HTTP proxy: none, system (HTTPS_PROXY / HTTP_PROXY / NO_PROXY), or http://host:port; the password comes from KHA_PROXY_PASSWORD, never a flag',
    group: 'HTTPS and proxy',
    field: 'proxy',
    apply: (d, v) => {
      const value = String(v).trim()
      const proxy = obj(d, 'proxy')
      if (value === 'none' || value === 'system') proxy.mode = value
      else {
        proxy.mode = 'manual'
        proxy.url = value
      }
    }
  },
  {
    flags: '--proxy-user <name>',
    description: 'user name for the manual proxy (Basic authentication)',
    group: 'HTTPS and proxy',
    field: 'proxy.username'
  },
  {
    flags: '--proxy-bypass <hosts>',
    description:
      'hosts that skip the proxy, NO_PROXY syntax (.corp.example,10.0.0.0/8); <-loopback> proxies loopback too',
    group: 'HTTPS and proxy',
    field: 'proxy.bypass'
  },

  {
    flags: '--preset <id>',
    description: `fill the contract from a preset first (${presetIds.join(', ')}); other flags override it`,
    group: 'Backend contract',
    field: 'contract',
    choices: presetIds
  },
  {
    flags: '--method <method>',
    description: 'GET (message as a query parameter, the original call) or POST (JSON body)',
    group: 'Backend contract',
    field: 'contract.method',
    choices: ['get', 'post'],
    apply: (d, v) => setPath(d, 'contract.method', String(v).toUpperCase())
  },
  {
    flags: '--path <path>',
    description: 'the chat route (default /api_chat)',
    group: 'Backend contract',
    field: 'contract.path'
  },
  {
    flags: '--message-field <name>',
    description: 'query parameter or JSON field that carries the message (default message)',
    group: 'Backend contract',
    field: 'contract.messageField'
  },
  {
    flags: '--reply <format>',
    description: 'reply format',
    group: 'Backend contract',
    field: 'contract.replyFormat',
    choices: replyFormats
  },
  {
    flags: '--reply-field <name>',
    description:
      'dotted path to the text in the reply or in each event (with profiles add, defaults to reply for json, delta for sse/ndjson)',
    group: 'Backend contract',
    field: 'contract.replyField'
  },
  {
    flags: '--param <name=value>',
    description:
      'an extra query parameter (GET) or JSON field (POST), sent with every request; repeatable (with edit: replaces the list)',
    group: 'Backend contract',
    field: 'contract.extraParams',
    repeatable: true
  },
  {
    flags: '--json-param <name=value>',
    description:
      'like --param, but the value is sent as a JSON literal (true, 3) in POST bodies; repeatable',
    group: 'Backend contract',
    field: 'contract.extraParams',
    repeatable: true
  },
  {
    flags: '--clear-params',
    description: 'remove every extra parameter',
    group: 'Backend contract',
    field: 'contract.extraParams',
    editOnly: true
  },
  {
    flags: '--header <"Name: value">',
    description:
      'an HTTP header sent with every request; repeatable (with edit: replaces the list)',
    group: 'Backend contract',
    field: 'contract.headers',
    repeatable: true
  },
  {
    flags: '--clear-headers',
    description: 'remove every header',
    group: 'Backend contract',
    field: 'contract.headers',
    editOnly: true
  },
  {
    flags: '--health-path <path>',
    description: 'the health route the connection check calls (default /health)',
    group: 'Backend contract',
    field: 'contract.healthPath'
  },
  {
    flags: '--api-auth <mode>',
    description: 'bearer: send the API key (KHA_API_KEY in the CLI) as Authorization: Bearer',
    group: 'Backend contract',
    field: 'contract.auth',
    choices: ['none', 'bearer']
  },
  {
    flags: '--model <name>',
    description: 'model name for servers that serve several (OpenAI-compatible)',
    group: 'Backend contract',
    field: 'contract.model'
  },

  {
    flags: '--history <mode>',
    description: 'how much of the conversation each request carries',
    group: 'Conversation context',
    field: 'contract.history.mode',
    choices: ['none', 'lastN', 'all']
  },
  {
    flags: '--history-turns <n>',
    description: 'with --history lastN: how many earlier exchanges',
    group: 'Conversation context',
    field: 'contract.history.turns'
  },
  {
    flags: '--history-field <name>',
    description: 'the field that carries the list (default history)',
    group: 'Conversation context',
    field: 'contract.history.field'
  },
  {
    flags: '--history-include-current',
    description: 'also put the new message at the end of the list (OpenAI style)',
    group: 'Conversation context',
    field: 'contract.history.includeCurrent'
  },
  {
    flags: '--no-history-include-current',
    description: 'send the new message only in --message-field',
    group: 'Conversation context',
    field: 'contract.history.includeCurrent',
    editOnly: true
  },
  {
    flags: '--role-field <name>',
    description: 'role key in each list item (default role)',
    group: 'Conversation context',
    field: 'contract.history.roleField'
  },
  {
    flags: '--content-field <name>',
    description: 'text key in each list item (default content)',
    group: 'Conversation context',
    field: 'contract.history.contentField'
  },
  {
    flags: '--user-role <name>',
    description: 'the user role name (default user)',
    group: 'Conversation context',
    field: 'contract.history.userRole'
  },
  {
    flags: '--assistant-role <name>',
    description: 'the assistant role name (default assistant)',
    group: 'Conversation context',
    field: 'contract.history.assistantRole'
  },
  {
    flags: '--system-role <name>',
    description: 'the system role name (default system)',
    group: 'Conversation context',
    field: 'contract.history.systemRole'
  },
  {
    flags: '--system-prompt <text>',
    description: 'sent first in the list, with the system role',
    group: 'Conversation context',
    field: 'contract.systemPrompt'
  },

  {
    flags: '--connect-timeout <s>',
    description: 'seconds to open the connection (TCP or the SSH forward; default 10)',
    group: 'Timeouts',
    field: 'timeouts.connectSec'
  },
  {
    flags: '--idle-timeout <s>',
    description: 'seconds of silence after which a reply fails (default 60)',
    group: 'Timeouts',
    field: 'timeouts.idleSec'
  },
  {
    flags: '--max-reply-kib <n>',
    description:
      'largest reply the app reads, in KiB (default 8192 = 8 MiB); the text before the limit is kept',
    group: 'Timeouts',
    field: 'limits.replyKiB'
  },
  {
    flags: '--max-event-kib <n>',
    description: 'largest SSE event or NDJSON line, in KiB (default 1024)',
    group: 'Timeouts',
    field: 'limits.eventKiB'
  }
]

for (const spec of flagSpecs) spec.key = new Option(spec.flags).attributeName()

/** Add the flags to `profiles add` or `profiles edit`. */
export function addProfileFlags(cmd: Command, mode: 'add' | 'edit'): Command {
  if (mode === 'edit')
    cmd.addOption(new Option('--name <name>', 'rename the profile').helpGroup('Profile:'))
  for (const spec of flagSpecs) {
    if (spec.editOnly && mode === 'add') continue
    const option = new Option(spec.flags, spec.description).helpGroup(`${spec.group}:`)
    if (spec.choices) option.choices(spec.choices)
    if (spec.repeatable) option.argParser(collect)
    cmd.addOption(option)
  }
  return cmd
}

/** The flag to name for a schema field path (`connection.ssh.port` → `--ssh`). */
export function flagForField(path: string): string {
  if (path === 'name') return 'NAME'
  if (path === 'connection.kind' || path === 'connection') return '--url/--ssh'
  if (/^connection\.ssh\.(host|port|username)$/.test(path)) return '--ssh'
  if (/^connection\.jump\.(host|port|username)$/.test(path)) return '--jump'
  if (/^contract\.(messageField|history\.field)$/.test(path))
    return path === 'contract.messageField' ? '--message-field' : '--history-field'
  let best: FlagSpec | undefined
  for (const spec of flagSpecs) {
    if (path === spec.field || path.startsWith(`${spec.field}.`)) {
      if (!best || spec.field.length > best.field.length) best = spec
    }
  }
  return best ? (best.flags.split(' ')[0] as string) : path
}

const kindFlags = new Set(['url', 'ssh'])

/** What the person gave, among the profile flags (commander leaves the others undefined). */
function given(opts: Opts, spec: FlagSpec): boolean {
  return spec.key !== undefined && opts[spec.key] !== undefined
}

/**
 * The draft a command line describes: a new profile from the app's template (`add`), or an
 * existing one changed by the flags given (`edit`). Throws a usage error for flags that do not fit
 * together; field values themselves are validated by the store.
 */
export function buildDraft(
  mode: 'add' | 'edit',
  name: string,
  opts: Opts,
  existing?: Profile
): ProfileDraft & { id?: string } {
  if (opts.url !== undefined && opts.ssh !== undefined)
    throw usageError('give either --url (direct) or --ssh (tunnel), not both', {
      params: { flag: '--url' }
    })
  const template = defaultDirectDraft()
  const draft: Obj = existing
    ? (structuredClone(existing) as unknown as Obj)
    : {
        name,
        contract: structuredClone(template.contract) as Obj,
        timeouts: structuredClone(template.timeouts) as Obj
      }
  if (mode === 'edit' && typeof opts.name === 'string') draft.name = opts.name

  // The kind of connection first: the other connection flags refine it.
  if (typeof opts.url === 'string') draft.connection = { kind: 'direct', url: opts.url }
  if (typeof opts.ssh === 'string') {
    const current = draft.connection as Obj | undefined
    const base: Obj =
      current?.kind === 'tunnel' ? current : (structuredClone(defaultTunnelConnection()) as Obj)
    base.ssh = { ...(base.ssh as Obj), ...parseEndpoint(opts.ssh, '--ssh') }
    draft.connection = base
  }
  if (!draft.connection)
    throw usageError('say how to connect: --url URL (direct) or --ssh user@host (SSH tunnel)', {
      params: { flag: '--url' }
    })

  const isTunnel = (draft.connection as Obj).kind === 'tunnel'
  for (const spec of flagSpecs) {
    if (!spec.tunnel || !given(opts, spec) || isTunnel) continue
    const flag = spec.flags.split(' ')[0] as string
    throw usageError(`${flag} is for SSH tunnel profiles: give --ssh user@host too`, {
      params: { flag }
    })
  }

  if (typeof opts.preset === 'string')
    draft.contract = applyPreset(draft.contract as ContractDraft, opts.preset as PresetId) as Obj

  const contract = obj(draft, 'contract')
  if (opts.clearHeaders) contract.headers = []
  if (opts.clearParams) contract.extraParams = []
  if (Array.isArray(opts.header)) contract.headers = opts.header.map((h) => parseHeader(String(h)))
  if (opts.clearPins) obj(draft, 'tls').pinnedCertificates = []
  if (Array.isArray(opts.pin)) obj(draft, 'tls').pinnedCertificates = opts.pin.map(String)
  const params = [
    ...(Array.isArray(opts.param)
      ? opts.param.map((p) => parseParam(String(p), '--param', false))
      : []),
    ...(Array.isArray(opts.jsonParam)
      ? opts.jsonParam.map((p) => parseParam(String(p), '--json-param', true))
      : [])
  ]
  if (params.length > 0) contract.extraParams = params

  const handledElsewhere = new Set([
    'url',
    'ssh',
    'preset',
    'param',
    'jsonParam',
    'header',
    'clearHeaders',
    'clearParams',
    'pin',
    'clearPins'
  ])
  for (const spec of flagSpecs) {
    const key = spec.key as string
    // `--no-x` shares its attribute with `--x` (commander sets it to false): `--x`'s entry applies it.
    if (
      spec.flags.startsWith('--no-') ||
      kindFlags.has(key) ||
      handledElsewhere.has(key) ||
      !given(opts, spec)
    )
      continue
    const value = opts[key]
    if (spec.apply) spec.apply(draft, value, opts)
    else setPath(draft, spec.field, value)
  }

  // A new profile that names its reply format without a field gets the usual field for it.
  if (
    mode === 'add' &&
    opts.reply !== undefined &&
    opts.replyField === undefined &&
    opts.preset === undefined
  ) {
    contract.replyField = opts.reply === 'json' ? 'reply' : opts.reply === 'text' ? '' : 'delta'
  }
  return draft as ProfileDraft & { id?: string }
}

/**
 * The connection profile: where the backend is (direct URL or SSH tunnel) and how to talk to it
 * (the backend contract). One schema serves the profile file, the settings form, the CLI flags
 * and the IPC contract, so a field added here is validated everywhere at once.
 *
 * Secrets (SSH passwords, key passphrases, API keys, the proxy password) are never fields of a
 * profile: they live in the main process's secret store, bound to the endpoint they were given for
 * (src/core/secrets.ts). A URL may carry no user info, and credential headers keep only their name.
 */
import { z } from 'zod'
import type { FieldError } from './errors'

export const replyFormats = ['json', 'text', 'sse', 'ndjson'] as const
export type ReplyFormat = (typeof replyFormats)[number]

export const httpMethods = ['GET', 'POST'] as const
export type HttpMethod = (typeof httpMethods)[number]

export const sshAuthMethods = ['key', 'agent', 'password'] as const
export type SshAuthMethod = (typeof sshAuthMethods)[number]

/** Field error codes, translated by the renderer under `field.<code>`. */
const code = (c: string) => ({ message: c })

const hostname = z
  .string()
  .trim()
  .min(1, code('required'))
  .max(253, code('too_long'))
  .regex(/^[A-Za-z0-9._:[\]-]+$/, code('invalid_host'))

const port = z.coerce
  .number(code('invalid_port'))
  .int(code('invalid_port'))
  .min(1, code('invalid_port'))
  .max(65535, code('invalid_port'))

function parsedUrl(value: string): URL | undefined {
  try {
    return new URL(value)
  } catch {
    return undefined
  }
}

const httpUrl = z
  .string()
  .trim()
  .min(1, code('required'))
  .refine((value) => {
    const url = parsedUrl(value)
    return (
      url !== undefined &&
      (url.protocol === 'http:' || url.protocol === 'https:') &&
      url.hostname !== ''
    )
  }, code('invalid_url'))
  // `http://user:pass@host` would put a password in profiles.json and in every log line that
  // names the URL: credentials go in the API key or a header, kept in the secret store.
  .refine((value) => {
    const url = parsedUrl(value)
    return !url || (url.username === '' && url.password === '')
  }, code('url_has_credentials'))

const urlPath = z
  .string()
  .trim()
  .min(1, code('required'))
  .regex(/^\/[^\s?#]*$/, code('invalid_path'))

/**
 * A file on this computer (key, known_hosts, CA): kept as typed, so Windows forms work as they are
 * (`C:\Users\kim\.ssh\id_ed25519`, `~\.ssh\id_rsa`, `%USERPROFILE%\…`, `\\wsl.localhost\Ubuntu\…`); the
 * core expands them by the running platform's rules (src/core/connection/tunnel/paths.ts). Only
 * what no file name can hold is refused: control characters (a pasted line break).
 */
const filePath = z
  .string()
  .trim()
  .max(4096, code('too_long'))
  // eslint-disable-next-line no-control-regex -- exactly the characters refused
  .regex(/^[^\u0000-\u001f\u007f]*$/, code('invalid_file'))

const headerName = z
  .string()
  .trim()
  .regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, code('invalid_header'))

export const SshEndpointSchema = z.object({
  host: hostname,
  port: port.default(22),
  username: z.string().trim().min(1, code('required')).max(64, code('too_long')),
  auth: z.enum(sshAuthMethods).default('key'),
  /** Private key file (OpenSSH or PEM); used when auth is `key`. `~` expands to the home folder. */
  keyPath: filePath.default('')
})
export type SshEndpoint = z.infer<typeof SshEndpointSchema>

export const DirectConnectionSchema = z.object({
  kind: z.literal('direct'),
  url: httpUrl
})

export const TunnelConnectionSchema = z.object({
  kind: z.literal('tunnel'),
  ssh: SshEndpointSchema,
  /** ProxyJump, one hop: the bastion the app connects to first. */
  jump: SshEndpointSchema.nullable().default(null),
  /** Where the forward goes, seen from the SSH server (like `-L local:TARGET_HOST:TARGET_PORT`). */
  target: z.object({ host: hostname.default('localhost'), port: port.default(8000) }),
  /** http or https to the target, on the far side of the tunnel. */
  scheme: z.enum(['http', 'https']).default('http'),
  keepaliveIntervalSec: z.coerce
    .number(code('invalid_number'))
    .min(1, code('too_small'))
    .max(3600, code('too_large'))
    .default(60),
  keepaliveCountMax: z.coerce
    .number(code('invalid_number'))
    .int(code('invalid_number'))
    .min(1, code('too_small'))
    .max(100, code('too_large'))
    .default(5),
  /** Also listen on 127.0.0.1:localPort like `ssh -L`, for other tools. null = no local port. */
  localPort: port.nullable().default(null),
  /** Extra known_hosts file to trust besides ~/.ssh/known_hosts and the app's own. */
  knownHostsPath: filePath.default(''),
  /**
   * Also offer SHA-1 and CBC algorithms (ssh-rsa signatures, hmac-sha1, SHA-1 key exchange, aes-cbc)
   * for an old server that knows nothing newer. Off by default, as in OpenSSH 9; the form warns.
   */
  allowLegacyAlgorithms: z.boolean().default(false)
})
export type TunnelConnection = z.infer<typeof TunnelConnectionSchema>

export const ConnectionSchema = z.discriminatedUnion('kind', [
  DirectConnectionSchema,
  TunnelConnectionSchema
])
export type Connection = z.infer<typeof ConnectionSchema>

export const HeaderSchema = z.object({
  name: headerName,
  value: z.string().max(8192, code('too_long'))
})

export { isSecretHeaderName } from './credentials'

/**
 * How much of the conversation each request carries. `none` is the original call (one message);
 * for contracts that take a list (OpenAI's `messages`, the reference backend's `history`), `field`
 * names it and the role names are the server's.
 */
export const HistorySchema = z.object({
  mode: z.enum(['none', 'lastN', 'all']).default('none'),
  /** With `lastN`: how many earlier user+assistant pairs to send. */
  turns: z.coerce
    .number(code('invalid_number'))
    .int(code('invalid_number'))
    .min(1, code('too_small'))
    .max(1000, code('too_large'))
    .default(10),
  field: z.string().trim().default('history'),
  /** Put the new message at the end of the list too (OpenAI style), not only in messageField. */
  includeCurrent: z.boolean().default(false),
  roleField: z.string().trim().min(1, code('required')).default('role'),
  contentField: z.string().trim().min(1, code('required')).default('content'),
  userRole: z.string().trim().min(1, code('required')).default('user'),
  assistantRole: z.string().trim().min(1, code('required')).default('assistant'),
  systemRole: z.string().trim().min(1, code('required')).default('system')
})
export type History = z.infer<typeof HistorySchema>

export const ParamSchema = z.object({
  name: z.string().trim().min(1, code('required')),
  value: z.string(),
  /** Send the value as a JSON literal (`true`, `3`) rather than a string, in POST bodies. */
  json: z.boolean().default(false)
})

export const BackendContractSchema = z
  .object({
    method: z.enum(httpMethods).default('GET'),
    path: urlPath.default('/api_chat'),
    /** Query parameter (GET) or JSON field (POST) that carries the user's message; empty = only in the history list. */
    messageField: z.string().trim().default('message'),
    replyFormat: z.enum(replyFormats).default('json'),
    /** Dotted path to the text in a JSON reply, or in each SSE / NDJSON event (e.g. `delta`). */
    replyField: z.string().trim().default('reply'),
    /** Extra query parameters (GET) or JSON fields (POST) sent with every request. */
    extraParams: z.array(ParamSchema).default([]),
    headers: z.array(HeaderSchema).default([]),
    healthPath: urlPath.default('/health'),
    history: HistorySchema.default(() => HistorySchema.parse({})),
    /** Sent first in the history list with the system role, when the contract takes a list. */
    systemPrompt: z.string().max(20_000, code('too_long')).default(''),
    /** Model name for servers that serve several (OpenAI-compatible); empty = not sent. */
    model: z.string().trim().max(200, code('too_long')).default(''),
    /** `bearer`: send the API key kept in the secret store as `Authorization: Bearer …`. */
    auth: z.enum(['none', 'bearer']).default('none'),
    /**
     * Characters of attached documents' text one message may carry; 0 = automatic (small for GET,
     * whose URL carries the message; see attachmentLimit in attachments.ts).
     */
    attachmentLimit: z.coerce
      .number(code('invalid_number'))
      .int(code('invalid_number'))
      .min(0, code('too_small'))
      .max(10_000_000, code('too_large'))
      .default(0),
    /** The model takes images: they are sent as OpenAI `image_url` parts of the new message (needs a message list that includes it). */
    images: z.boolean().default(false)
  })
  .superRefine((c, ctx) => {
    const carriesMessage =
      c.messageField !== '' || (c.history.field !== '' && c.history.includeCurrent)
    if (!carriesMessage)
      ctx.addIssue({ code: 'custom', path: ['messageField'], message: 'required' })
    if (c.history.mode !== 'none' && c.history.field === '')
      ctx.addIssue({ code: 'custom', path: ['history', 'field'], message: 'required' })
  })
export type BackendContract = z.infer<typeof BackendContractSchema>

export const TimeoutsSchema = z.object({
  /** Opening the connection (TCP, or the SSH forward) may take this long. */
  connectSec: z.coerce
    .number(code('invalid_number'))
    .min(1, code('too_small'))
    .max(600, code('too_large'))
    .default(10),
  /** Once the request is sent, silence longer than this (no header, no token) fails the reply. */
  idleSec: z.coerce
    .number(code('invalid_number'))
    .min(1, code('too_small'))
    .max(3600, code('too_large'))
    .default(60)
})

/**
 * How much of a reply the app takes in before it stops reading (a hostile or broken backend must
 * not exhaust memory): the whole reply, and one streamed piece of it (an SSE event, an NDJSON
 * line), in KiB. Generous by default; the text received before the limit is kept.
 */
export const LimitsSchema = z.object({
  replyKiB: z.coerce
    .number(code('invalid_number'))
    .int(code('invalid_number'))
    .min(64, code('too_small'))
    .max(1024 * 1024, code('too_large'))
    .default(8 * 1024),
  eventKiB: z.coerce
    .number(code('invalid_number'))
    .int(code('invalid_number'))
    .min(16, code('too_small'))
    .max(64 * 1024, code('too_large'))
    .default(1024)
})
export type Limits = z.infer<typeof LimitsSchema>

/**
 * A SHA-256 certificate fingerprint in the one form the app stores and shows: 32 upper-case hex
 * bytes joined by colons (`AA:BB:…`, as Node's `fingerprint256` and browsers print it). Accepts
 * lower case, no colons, spaces, and a `SHA256:` / `sha256=` prefix, as people paste them.
 */
export function normalizeFingerprint(input: string): string | undefined {
  const hex = input
    .trim()
    .replace(/^sha-?256\s*[:=]?\s*/i, '')
    .replace(/[:\s]/g, '')
  if (!/^[0-9a-fA-F]{64}$/.test(hex)) return undefined
  return (hex.toUpperCase().match(/../g) as string[]).join(':')
}

const fingerprint = z.string().transform((value, ctx) => {
  const normalized = normalizeFingerprint(value)
  if (normalized) return normalized
  ctx.addIssue({ code: 'custom', message: 'invalid_fingerprint' })
  return z.NEVER
})

/**
 * How https to the backend is trusted (direct, or to the target behind a tunnel). The roots are
 * always Node's bundled ones plus the OS trust store; `caFile` adds a company CA; a pinned
 * certificate is accepted for this profile even when its chain is not (a self-signed dev box).
 * There is no "ignore certificate errors" switch, here or anywhere.
 */
export const TlsSchema = z.object({
  /** A PEM file with one or more CA certificates (the company's root), trusted for this profile only. `~` expands. */
  caFile: filePath.default(''),
  /** SHA-256 fingerprints of server certificates trusted as they are ("trust this certificate"). */
  pinnedCertificates: z.array(fingerprint).max(32, code('too_long')).default([])
})
export type TlsSettings = z.infer<typeof TlsSchema>

export const proxyModes = ['none', 'system', 'manual'] as const
export type ProxyMode = (typeof proxyModes)[number]

/** `http://host:port` (an optional trailing `/`): credentials never go in the URL, the password lives in the secret store. */
export function isValidProxyUrl(value: string): boolean {
  try {
    const url = new URL(value)
    return (
      url.protocol === 'http:' &&
      url.hostname !== '' &&
      !url.username &&
      !url.password &&
      (url.pathname === '/' || url.pathname === '') &&
      !url.search &&
      !url.hash
    )
  } catch {
    return false
  }
}

/**
 * An HTTP proxy between this computer and the backend (direct mode) or the SSH server (tunnel
 * mode). `system` reads HTTPS_PROXY / HTTP_PROXY / NO_PROXY (and, in the app, what the OS proxy
 * settings resolve to); `manual` is one `http://host:port` with an optional user (its password is
 * in the secret store). Loopback always goes direct unless `bypass` says `<-loopback>`, the
 * convention of Chromium's bypass rules (for a debugging proxy in front of a local backend).
 */
export const ProxySchema = z
  .object({
    mode: z.enum(proxyModes).default('none'),
    url: z.string().trim().max(2048, code('too_long')).default(''),
    username: z.string().trim().max(256, code('too_long')).default(''),
    /** More hosts that go direct, NO_PROXY syntax (`.corp.example, 10.0.0.0/8, host:8080`); added to NO_PROXY in system mode. */
    bypass: z.string().trim().max(4096, code('too_long')).default('')
  })
  .superRefine((p, ctx) => {
    if (p.mode !== 'manual') return
    if (p.url === '') ctx.addIssue({ code: 'custom', path: ['url'], message: 'required' })
    else if (!isValidProxyUrl(p.url))
      ctx.addIssue({ code: 'custom', path: ['url'], message: 'invalid_proxy_url' })
  })
export type ProxySettings = z.infer<typeof ProxySchema>

export const ProfileSchema = z.object({
  id: z.string().min(1),
  name: z.string().trim().min(1, code('required')).max(80, code('too_long')),
  connection: ConnectionSchema,
  contract: BackendContractSchema.default(() => BackendContractSchema.parse({})),
  timeouts: TimeoutsSchema.default(() => TimeoutsSchema.parse({})),
  limits: LimitsSchema.default(() => LimitsSchema.parse({})),
  tls: TlsSchema.default(() => TlsSchema.parse({})),
  proxy: ProxySchema.default(() => ProxySchema.parse({}))
})
export type Profile = z.infer<typeof ProfileSchema>
/** What a form or the CLI submits: like a profile, but without an id for a new one. */
export type ProfileDraft = Omit<z.input<typeof ProfileSchema>, 'id'> & { id?: string }

/** The reference backend, as the first-start form is prefilled. */
export function defaultDirectDraft(): ProfileDraft {
  return {
    name: 'Local backend',
    connection: { kind: 'direct', url: 'http://127.0.0.1:8030' },
    contract: {
      method: 'GET',
      path: '/api_chat',
      messageField: 'message',
      replyFormat: 'sse',
      replyField: 'delta'
    },
    timeouts: { connectSec: 10, idleSec: 60 }
  }
}

export function defaultTunnelConnection(): z.input<typeof TunnelConnectionSchema> {
  return {
    kind: 'tunnel',
    ssh: { host: '', port: 22, username: '', auth: 'key', keyPath: '~/.ssh/id_ed25519' },
    jump: null,
    target: { host: 'localhost', port: 8000 },
    scheme: 'http',
    keepaliveIntervalSec: 60,
    keepaliveCountMax: 5,
    localPort: null,
    knownHostsPath: '',
    allowLegacyAlgorithms: false
  }
}

export type ProfileValidation = { ok: true; profile: Profile } | { ok: false; fields: FieldError[] }

/** Validate untrusted input (a file, a form, IPC) into a profile, naming each bad field. */
export function validateProfile(input: unknown): ProfileValidation {
  const parsed = ProfileSchema.safeParse(input)
  if (parsed.success) return { ok: true, profile: parsed.data }
  return {
    ok: false,
    fields: parsed.error.issues.map((issue) => ({
      field: issue.path.map(String).join('.'),
      // Our own refinements carry a code as their message; zod's built-in ones (a wrong type, a
      // missing object) are reported as `invalid`.
      code: /^[a-z_]+$/.test(issue.message) ? issue.message : 'invalid'
    }))
  }
}

/** The URL the backend client talks to: the direct URL, or the target seen through the tunnel. */
export function backendOrigin(profile: Profile): URL {
  const c = profile.connection
  if (c.kind === 'direct') return new URL(c.url)
  const host = c.target.host.includes(':') ? `[${c.target.host}]` : c.target.host
  return new URL(`${c.scheme}://${host}:${c.target.port}`)
}

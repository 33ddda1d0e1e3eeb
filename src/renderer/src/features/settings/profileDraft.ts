/**
 * The profile form's model. Every value is kept as typed (strings, even for numbers), so that a
 * rejected save shows exactly what the user entered next to the error; main validates and coerces
 * (the schema uses z.coerce for numbers). Field ids follow the error paths main reports
 * (`connection.ssh.port`, `contract.headers.0.name`, …) so an error lands next to its input.
 *
 * The draft sent back is the loaded profile with the form's values laid over it, so a field this
 * form does not know yet (the schema grows) survives an edit instead of being reset.
 */
import type { Profile, ProfileDraft } from '@shared/profile'
import type { ContractDraft } from '@shared/presets'

export type AuthMethod = 'key' | 'agent' | 'password'

export interface EndpointForm {
  host: string
  port: string
  username: string
  auth: AuthMethod
  keyPath: string
}

export interface Row {
  name: string
  value: string
}

export interface ParamRow extends Row {
  json: boolean
}

export interface ProfileFormState {
  id?: string
  /** The profile or template as loaded: the base the form's values are laid over on save. */
  original: Record<string, unknown>
  name: string
  kind: 'direct' | 'tunnel'
  url: string
  ssh: EndpointForm
  useJump: boolean
  jump: EndpointForm
  targetHost: string
  targetPort: string
  scheme: 'http' | 'https'
  keepaliveIntervalSec: string
  keepaliveCountMax: string
  localPort: string
  knownHostsPath: string
  allowLegacyAlgorithms: boolean
  method: 'GET' | 'POST'
  path: string
  messageField: string
  replyFormat: 'json' | 'text' | 'sse' | 'ndjson'
  replyField: string
  healthPath: string
  headers: Row[]
  extraParams: ParamRow[]
  auth: 'none' | 'bearer'
  model: string
  systemPrompt: string
  /** Characters of attached text a message may carry; '0' = automatic. */
  attachmentLimit: string
  /** The model takes images (sent as image parts). */
  images: boolean
  historyMode: 'none' | 'lastN' | 'all'
  historyTurns: string
  historyField: string
  historyIncludeCurrent: boolean
  roleField: string
  contentField: string
  userRole: string
  assistantRole: string
  systemRole: string
  connectSec: string
  idleSec: string
  /** The profile's `limits`, in KiB (kept as typed; main validates). */
  replyKiB: string
  eventKiB: string
  /** HTTPS trust and the proxy (TlsProxyFields). Pins are only removed here; they are added by "trust this certificate" or the CLI. */
  caFile: string
  pinnedCertificates: string[]
  proxyMode: 'none' | 'system' | 'manual'
  proxyUrl: string
  proxyUser: string
  proxyBypass: string
}

export type NetworkForm = Pick<
  ProfileFormState,
  'caFile' | 'pinnedCertificates' | 'proxyMode' | 'proxyUrl' | 'proxyUser' | 'proxyBypass'
>

/** The HTTPS and proxy part of the form, from a stored profile or a template. */
export function networkForm(draft: { tls?: unknown; proxy?: unknown }): NetworkForm {
  const tls = obj(draft.tls)
  const proxy = obj(draft.proxy)
  return {
    caFile: str(tls.caFile),
    pinnedCertificates: Array.isArray(tls.pinnedCertificates)
      ? tls.pinnedCertificates.map((p) => str(p))
      : [],
    proxyMode: proxy.mode === 'system' || proxy.mode === 'manual' ? proxy.mode : 'none',
    proxyUrl: str(proxy.url),
    proxyUser: str(proxy.username),
    proxyBypass: str(proxy.bypass)
  }
}

type Obj = Record<string, unknown>
const obj = (v: unknown): Obj => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {})
const str = (v: unknown, fallback = ''): string =>
  v === undefined || v === null ? fallback : String(v)

const emptyEndpoint = (): EndpointForm => ({
  host: '',
  port: '22',
  username: '',
  auth: 'key',
  keyPath: '~/.ssh/id_ed25519'
})

function endpointForm(e: unknown): EndpointForm {
  const o = obj(e)
  const base = emptyEndpoint()
  const auth = o.auth === 'agent' || o.auth === 'password' || o.auth === 'key' ? o.auth : base.auth
  return {
    host: str(o.host),
    port: str(o.port, base.port),
    username: str(o.username),
    auth,
    keyPath: str(o.keyPath, base.keyPath)
  }
}

function rows(v: unknown): Row[] {
  return Array.isArray(v)
    ? v.map((r) => ({ name: str(obj(r).name), value: str(obj(r).value) }))
    : []
}

function paramRows(v: unknown): ParamRow[] {
  return Array.isArray(v)
    ? v.map((r) => ({
        name: str(obj(r).name),
        value: str(obj(r).value),
        json: obj(r).json === true
      }))
    : []
}

/** The contract part of the form, from a stored contract or a preset. */
export function contractForm(
  contract: unknown
): Pick<
  ProfileFormState,
  | 'method'
  | 'path'
  | 'messageField'
  | 'replyFormat'
  | 'replyField'
  | 'healthPath'
  | 'headers'
  | 'extraParams'
  | 'auth'
  | 'model'
  | 'systemPrompt'
  | 'attachmentLimit'
  | 'images'
  | 'historyMode'
  | 'historyTurns'
  | 'historyField'
  | 'historyIncludeCurrent'
  | 'roleField'
  | 'contentField'
  | 'userRole'
  | 'assistantRole'
  | 'systemRole'
> {
  const c = obj(contract)
  const h = obj(c.history)
  return {
    method: c.method === 'POST' ? 'POST' : 'GET',
    path: str(c.path, '/api_chat'),
    messageField: str(c.messageField, 'message'),
    replyFormat:
      (['json', 'text', 'sse', 'ndjson'] as const).find((f) => f === c.replyFormat) ?? 'json',
    replyField: str(c.replyField, 'reply'),
    healthPath: str(c.healthPath, '/health'),
    headers: rows(c.headers),
    extraParams: paramRows(c.extraParams),
    auth: c.auth === 'bearer' ? 'bearer' : 'none',
    model: str(c.model),
    systemPrompt: str(c.systemPrompt),
    attachmentLimit: str(c.attachmentLimit, '0'),
    images: c.images === true,
    historyMode: h.mode === 'lastN' || h.mode === 'all' ? h.mode : 'none',
    historyTurns: str(h.turns, '10'),
    historyField: str(h.field, 'history'),
    historyIncludeCurrent: h.includeCurrent === true,
    roleField: str(h.roleField, 'role'),
    contentField: str(h.contentField, 'content'),
    userRole: str(h.userRole, 'user'),
    assistantRole: str(h.assistantRole, 'assistant'),
    systemRole: str(h.systemRole, 'system')
  }
}

/** Lay a preset over the form's contract; the headers the user added stay. */
export function applyContractPreset(
  form: ProfileFormState,
  preset: ContractDraft
): ProfileFormState {
  return { ...form, ...contractForm(preset), headers: form.headers }
}

/**
 * A form from a stored profile or a template. `tunnelDefaults` fills the tunnel fields of a direct
 * profile, so switching the mode radio shows sensible values instead of blanks.
 */
export function formFromDraft(
  draft: ProfileDraft | Profile,
  tunnelDefaults?: ProfileDraft['connection']
): ProfileFormState {
  const c = obj(draft.connection)
  const tunnel = c.kind === 'tunnel' ? c : obj(tunnelDefaults)
  const target = obj(tunnel.target)
  const timeouts = obj(draft.timeouts)
  const limits = obj(draft.limits)
  const jump = tunnel.jump
  const form: ProfileFormState = {
    original: JSON.parse(JSON.stringify(draft)) as Obj,
    name: str(draft.name),
    kind: c.kind === 'tunnel' ? 'tunnel' : 'direct',
    url: c.kind === 'direct' ? str(c.url) : 'http://127.0.0.1:8030',
    ssh: endpointForm(tunnel.ssh),
    useJump: jump !== null && jump !== undefined,
    jump: endpointForm(jump),
    targetHost: str(target.host, 'localhost'),
    targetPort: str(target.port, '8000'),
    scheme: tunnel.scheme === 'https' ? 'https' : 'http',
    keepaliveIntervalSec: str(tunnel.keepaliveIntervalSec, '60'),
    keepaliveCountMax: str(tunnel.keepaliveCountMax, '5'),
    localPort: str(tunnel.localPort),
    knownHostsPath: str(tunnel.knownHostsPath),
    allowLegacyAlgorithms: tunnel.allowLegacyAlgorithms === true,
    ...contractForm(draft.contract),
    connectSec: str(timeouts.connectSec, '10'),
    idleSec: str(timeouts.idleSec, '60'),
    replyKiB: str(limits.replyKiB, '8192'),
    eventKiB: str(limits.eventKiB, '1024'),
    ...networkForm(draft)
  }
  if (typeof draft.id === 'string' && draft.id) form.id = draft.id
  return form
}

function endpointDraft(e: EndpointForm) {
  return { host: e.host, port: e.port, username: e.username, auth: e.auth, keyPath: e.keyPath }
}

/** What `profiles.save` receives. Numbers stay strings: main coerces and reports bad ones by field. */
export function draftFromForm(f: ProfileFormState): Record<string, unknown> {
  const original = f.original
  const originalConnection = obj(original.connection)
  const originalContract = obj(original.contract)
  const sameKind = originalConnection.kind === f.kind
  const connection =
    f.kind === 'direct'
      ? { ...(sameKind ? originalConnection : {}), kind: 'direct', url: f.url }
      : {
          ...(sameKind ? originalConnection : {}),
          kind: 'tunnel',
          ssh: { ...obj(originalConnection.ssh), ...endpointDraft(f.ssh) },
          jump: f.useJump ? { ...obj(originalConnection.jump), ...endpointDraft(f.jump) } : null,
          target: { ...obj(originalConnection.target), host: f.targetHost, port: f.targetPort },
          scheme: f.scheme,
          keepaliveIntervalSec: f.keepaliveIntervalSec,
          keepaliveCountMax: f.keepaliveCountMax,
          localPort: f.localPort.trim() === '' ? null : f.localPort,
          knownHostsPath: f.knownHostsPath,
          allowLegacyAlgorithms: f.allowLegacyAlgorithms
        }
  return {
    ...original,
    ...(f.id ? { id: f.id } : {}),
    name: f.name,
    connection,
    contract: {
      ...originalContract,
      method: f.method,
      path: f.path,
      messageField: f.messageField,
      replyFormat: f.replyFormat,
      replyField: f.replyField,
      healthPath: f.healthPath,
      headers: f.headers,
      extraParams: f.extraParams,
      auth: f.auth,
      model: f.model,
      systemPrompt: f.systemPrompt,
      attachmentLimit: f.attachmentLimit,
      images: f.images,
      history: {
        ...obj(originalContract.history),
        mode: f.historyMode,
        turns: f.historyTurns,
        field: f.historyField,
        includeCurrent: f.historyIncludeCurrent,
        roleField: f.roleField,
        contentField: f.contentField,
        userRole: f.userRole,
        assistantRole: f.assistantRole,
        systemRole: f.systemRole
      }
    },
    timeouts: { ...obj(original.timeouts), connectSec: f.connectSec, idleSec: f.idleSec },
    limits: { ...obj(original.limits), replyKiB: f.replyKiB, eventKiB: f.eventKiB },
    tls: { ...obj(original.tls), caFile: f.caFile, pinnedCertificates: f.pinnedCertificates },
    proxy: {
      ...obj(original.proxy),
      mode: f.proxyMode,
      url: f.proxyUrl,
      username: f.proxyUser,
      bypass: f.proxyBypass
    }
  }
}

/**
 * The form's pinned certificates after the stored profile's pins changed from `before` to `after`
 * outside the form ("Trust this certificate" in the chat or the connection check): a pin added
 * there is added, one removed there is removed, and what the user changed in the form stays.
 */
export function followPins(form: string[], before: string[], after: string[]): string[] {
  const removed = new Set(before.filter((p) => !after.includes(p)))
  const kept = form.filter((p) => !removed.has(p))
  return [...kept, ...after.filter((p) => !before.includes(p) && !kept.includes(p))]
}

/** A DOM id for the input of an error path. */
export const fieldId = (path: string) => `pf-${path.replace(/\./g, '-')}`

/**
 * Where and how the form connects differs from what it was opened with (the address, the tunnel,
 * TLS, the proxy): Settings checks such an edit before saving it, as it checks a new profile.
 */
export function connectionChanged(before: ProfileFormState, after: ProfileFormState): boolean {
  // Trusted certificates are not compared: a pin comes from a trust decision made after a check.
  const part = (f: ProfileFormState) => {
    const d = draftFromForm(f)
    return JSON.stringify([d.connection, { ...obj(d.tls), pinnedCertificates: null }, d.proxy])
  }
  return part(before) !== part(after)
}

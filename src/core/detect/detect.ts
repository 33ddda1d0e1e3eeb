/**
 * What kind of chat server answers at an address, so that first start asks only for the address
 * and fills the backend contract from the matching preset (src/shared/presets.ts).
 *
 * Two parts: `probeServer` asks the server a few harmless GETs over a link (FastAPI's
 * `/openapi.json`, which names every route; failing that `/health`, `/v1/models` and a bare
 * `GET /api_chat`), and `chooseServer` (pure, unit-tested) turns the answers into a preset.
 * The in-house kha routes win over an OpenAI-compatible API when a server has both (the reference
 * backend does), because they are what the company runs. No chat message is ever sent here: the
 * doctor's test chat that follows checks the choice for real.
 */
import { AppFailure, appError } from '@shared/errors'
import { presets, type ContractDraft, type PresetId } from '@shared/presets'
import { getSmall } from '../backend/client'
import type { Link } from '../connection/link'

/** What the probes saw. Statuses are HTTP statuses; an absent field was not asked. */
export interface ServerFacts {
  /** Route → lower-case methods, from `/openapi.json` when the server publishes it. */
  routes?: Record<string, string[]>
  health?: number
  models?: { status: number; ids: string[] }
  /** `GET /api_chat` without a message: 422/400 = the route exists and wants one; 405 = POST only. */
  apiChat?: number
}

export interface DetectedServer {
  preset: PresetId
  /** The contract to use: the preset with the health route the server really has. */
  contract: ContractDraft
  /** Model ids an OpenAI-compatible server lists (empty otherwise). */
  models: string[]
}

const ok = (status: number | undefined) => status !== undefined && status >= 200 && status < 300

/** The preset that fits what the server answered, or null when it is none we know. */
export function chooseServer(facts: ServerFacts): DetectedServer | null {
  const routes = facts.routes
  const kha = routes
    ? (routes['/api_chat'] ?? [])
    : facts.apiChat === undefined || facts.apiChat === 404
      ? []
      : facts.apiChat === 405
        ? ['post']
        : ['get']
  const hasHealth = routes ? (routes['/health'] ?? []).includes('get') : ok(facts.health)
  const models = facts.models && ok(facts.models.status) ? facts.models.ids : []
  // 401/403 on /v1/models: an OpenAI-style gateway that wants an API key (asked in Advanced).
  const openai = routes
    ? '/v1/chat/completions' in routes
    : facts.models !== undefined &&
      (ok(facts.models.status) || facts.models.status === 401 || facts.models.status === 403)

  let preset: PresetId
  if (kha.includes('post')) preset = 'kha_stream'
  else if (kha.includes('get')) preset = 'kha_get'
  else if (openai) preset = 'openai'
  else return null

  const base = presets[preset]
  const healthPath = hasHealth
    ? '/health'
    : preset === 'openai'
      ? '/v1/models'
      : (base.healthPath ?? '/health')
  const contract: ContractDraft = {
    ...base,
    healthPath,
    ...(preset === 'openai' && models[0] ? { model: models[0] } : {})
  }
  return { preset, contract, models: preset === 'openai' ? models : [] }
}

function routesOf(body: string): Record<string, string[]> | undefined {
  try {
    const doc = JSON.parse(body) as {
      openapi?: unknown
      paths?: Record<string, Record<string, unknown>>
    }
    if (typeof doc.openapi !== 'string' || !doc.paths || typeof doc.paths !== 'object')
      return undefined
    return Object.fromEntries(
      Object.entries(doc.paths).map(([path, ops]) => [
        path,
        Object.keys(ops ?? {}).map((m) => m.toLowerCase())
      ])
    )
  } catch {
    return undefined
  }
}

function modelIds(body: string): string[] {
  try {
    const parsed = JSON.parse(body) as { data?: Array<{ id?: unknown }> }
    return (parsed.data ?? []).map((m) => m.id).filter((id): id is string => typeof id === 'string')
  } catch {
    return []
  }
}

/** Ask the server what it is. Throws AppFailure when it does not answer at all (the doctor shows why). */
export async function probeServer(
  link: Link,
  timeoutMs: number,
  apiKey?: string
): Promise<ServerFacts> {
  const auth: Record<string, string> = apiKey ? { authorization: `Bearer ${apiKey}` } : {}
  const facts: ServerFacts = {}
  const openapi = await getSmall(link, '/openapi.json', timeoutMs)
  if (ok(openapi.status)) facts.routes = routesOf(openapi.body)
  if (facts.routes) {
    if ('/v1/chat/completions' in facts.routes && !('/api_chat' in facts.routes)) {
      const m = await getSmall(link, '/v1/models', timeoutMs, auth)
      facts.models = { status: m.status, ids: modelIds(m.body) }
    }
    return facts
  }
  facts.health = (await getSmall(link, '/health', timeoutMs)).status
  const m = await getSmall(link, '/v1/models', timeoutMs, auth)
  facts.models = { status: m.status, ids: ok(m.status) ? modelIds(m.body) : [] }
  facts.apiChat = (await getSmall(link, '/api_chat', timeoutMs)).status
  return facts
}

/** Probe and choose; a server that answers but is none we know is `doctor.unknown_server`. */
export async function detectServer(
  link: Link,
  timeoutMs: number,
  apiKey?: string
): Promise<DetectedServer> {
  const facts = await probeServer(link, timeoutMs, apiKey)
  const found = chooseServer(facts)
  if (!found) {
    throw new AppFailure(
      appError(
        'doctor.unknown_server',
        `The server at ${link.origin.host} answered, but has neither the kha chat route (/api_chat) nor an OpenAI-compatible API (/v1/models). Set the chat route under Advanced settings.`,
        {
          params: { host: link.origin.host }
        }
      )
    )
  }
  return found
}

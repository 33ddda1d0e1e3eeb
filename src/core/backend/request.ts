/**
 * Build the HTTP request for one chat message from a profile's backend contract: GET with the
 * message as a query parameter (as the original front end called `/api_chat`), or POST with JSON,
 * with as much of the conversation as the profile asks for. Pure, so every contract variant is
 * tested without a server.
 */
import { canSendImages, composeMessage, type Attachment } from '@shared/attachments'
import type { BackendContract } from '@shared/profile'

export interface Turn {
  role: 'user' | 'assistant'
  text: string
  /** Files attached to a user turn: documents become delimited blocks of its text, images parts. */
  attachments?: Attachment[]
}

export interface ChatInput {
  text: string
  attachments?: Attachment[]
  /** Earlier turns of the conversation, oldest first (finished replies only). */
  history?: Turn[]
  /** The API key from the secret store, when the contract uses bearer auth. */
  apiKey?: string
}

export interface HttpRequestSpec {
  method: 'GET' | 'POST'
  url: URL
  headers: Record<string, string>
  body?: string
}

const acceptFor: Record<BackendContract['replyFormat'], string> = {
  json: 'application/json',
  text: 'text/plain',
  sse: 'text/event-stream',
  ndjson: 'application/x-ndjson'
}

export function joinUrl(origin: URL, path: string): URL {
  const base = origin.pathname.replace(/\/+$/, '')
  const url = new URL(origin.toString())
  url.pathname = `${base}${path}`
  url.search = ''
  url.hash = ''
  return url
}

/** The earlier turns the profile wants sent: none, the last N pairs, or all. */
export function selectHistory(history: Turn[], contract: BackendContract): Turn[] {
  const { mode, turns } = contract.history
  if (mode === 'none') return []
  if (mode === 'all') return history
  return history.slice(Math.max(0, history.length - turns * 2))
}

/** The list a list-taking contract sends: system prompt, earlier turns, and maybe the new message. */
export function buildMessageList(contract: BackendContract, input: ChatInput): Array<Record<string, unknown>> | undefined {
  const h = contract.history
  const wantsList = h.field !== '' && (h.mode !== 'none' || h.includeCurrent || contract.systemPrompt !== '')
  if (!wantsList) return undefined
  const images = canSendImages(contract)
  const item = (role: string, content: unknown) => ({ [h.roleField]: role, [h.contentField]: content })
  /** A user turn's content: its text with its documents, and (OpenAI style) its images as parts. */
  const userContent = (text: string, attachments: Attachment[] | undefined): unknown => {
    const composed = composeMessage(text, attachments)
    const pictures = images ? (attachments ?? []).filter((a) => a.kind === 'image' && a.dataUrl) : []
    if (pictures.length === 0) return composed
    return [{ type: 'text', text: composed }, ...pictures.map((p) => ({ type: 'image_url', image_url: { url: p.dataUrl } }))]
  }
  const list: Array<Record<string, unknown>> = []
  if (contract.systemPrompt) list.push(item(h.systemRole, contract.systemPrompt))
  for (const turn of selectHistory(input.history ?? [], contract)) {
    list.push(turn.role === 'user' ? item(h.userRole, userContent(turn.text, turn.attachments)) : item(h.assistantRole, turn.text))
  }
  if (h.includeCurrent) list.push(item(h.userRole, userContent(input.text, input.attachments)))
  return list
}

function paramValue(p: BackendContract['extraParams'][number]): unknown {
  if (!p.json) return p.value
  try {
    return JSON.parse(p.value)
  } catch {
    return p.value
  }
}

export function buildChatRequest(origin: URL, contract: BackendContract, input: ChatInput): HttpRequestSpec {
  const url = joinUrl(origin, contract.path)
  const headers: Record<string, string> = { accept: acceptFor[contract.replyFormat] }
  for (const h of contract.headers) headers[h.name.toLowerCase()] = h.value
  if (contract.auth === 'bearer' && input.apiKey) headers.authorization = `Bearer ${input.apiKey}`
  const list = buildMessageList(contract, input)
  const message = composeMessage(input.text, input.attachments)

  if (contract.method === 'GET') {
    if (contract.messageField) url.searchParams.set(contract.messageField, message)
    if (contract.model) url.searchParams.set('model', contract.model)
    // A GET has no body: a history list travels as JSON in one query parameter.
    if (list) url.searchParams.set(contract.history.field, JSON.stringify(list))
    for (const p of contract.extraParams) url.searchParams.set(p.name, p.value)
    return { method: 'GET', url, headers }
  }
  const body: Record<string, unknown> = {}
  if (contract.model) body.model = contract.model
  for (const p of contract.extraParams) body[p.name] = paramValue(p)
  if (list) body[contract.history.field] = list
  if (contract.messageField) body[contract.messageField] = message
  headers['content-type'] = 'application/json'
  return { method: 'POST', url, headers, body: JSON.stringify(body) }
}

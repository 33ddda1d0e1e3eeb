/**
 * Build the HTTP request for one chat message from a profile's backend contract: GET with the
 * message as a query parameter (as the original front end called `/api_chat`), or POST with JSON.
 * Pure, so every contract variant is tested without a server.
 */
import type { BackendContract } from '@shared/profile'

export interface ChatInput {
  text: string
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

export function buildChatRequest(origin: URL, contract: BackendContract, input: ChatInput): HttpRequestSpec {
  const url = joinUrl(origin, contract.path)
  const headers: Record<string, string> = { accept: acceptFor[contract.replyFormat] }
  for (const h of contract.headers) headers[h.name.toLowerCase()] = h.value
  if (contract.method === 'GET') {
    url.searchParams.set(contract.messageField, input.text)
    for (const p of contract.extraParams) url.searchParams.set(p.name, p.value)
    return { method: 'GET', url, headers }
  }
  const body: Record<string, unknown> = {}
  for (const p of contract.extraParams) body[p.name] = p.value
  body[contract.messageField] = input.text
  headers['content-type'] = 'application/json'
  return { method: 'POST', url, headers, body: JSON.stringify(body) }
}

/**
 * Backend presets: one click fills a profile's contract for a known kind of server; every field
 * stays editable afterwards. The in-house backend comes first, as the original front end called it.
 */
import type { z } from 'zod'
import type { BackendContractSchema } from './profile'

export type ContractDraft = z.input<typeof BackendContractSchema>

export const presetIds = ['kha_get', 'kha_stream', 'openai'] as const
export type PresetId = (typeof presetIds)[number]

export const presets: Record<PresetId, ContractDraft> = {
  /** The original Server A call: `requests.get(f"{BACKEND_URL}/api_chat")`, one message, JSON back. */
  kha_get: {
    method: 'GET',
    path: '/api_chat',
    messageField: 'message',
    replyFormat: 'json',
    replyField: 'reply',
    extraParams: [],
    healthPath: '/health',
    history: { mode: 'none', field: 'history', includeCurrent: false },
    systemPrompt: '',
    model: '',
    auth: 'none'
  },
  /** The reference backend's streaming route: POST JSON with history, Server-Sent Events back. */
  kha_stream: {
    method: 'POST',
    path: '/api_chat',
    messageField: 'message',
    replyFormat: 'sse',
    replyField: 'delta',
    extraParams: [{ name: 'format', value: 'sse', json: false }],
    healthPath: '/health',
    history: { mode: 'lastN', turns: 10, field: 'history', includeCurrent: false },
    systemPrompt: '',
    model: '',
    auth: 'none'
  },
  /** vLLM, Ollama, llama.cpp's server, hosted gateways: chat completions streamed as SSE. */
  openai: {
    method: 'POST',
    path: '/v1/chat/completions',
    messageField: '',
    replyFormat: 'sse',
    replyField: 'choices.0.delta.content',
    extraParams: [{ name: 'stream', value: 'true', json: true }],
    healthPath: '/v1/models',
    history: { mode: 'all', field: 'messages', includeCurrent: true },
    systemPrompt: '',
    model: '',
    auth: 'bearer'
  }
}

/** The contract with a preset applied; headers the user added are kept. */
export function applyPreset(current: ContractDraft, id: PresetId): ContractDraft {
  return { ...presets[id], headers: current.headers ?? [] }
}

/**
 * The IPC contract: every invoke channel with its argument and result, every event main pushes.
 * Main's handler table, the preload's `window.api`, the web harness and the renderer are all typed
 * from this file, so renaming a channel fails to compile everywhere at once.
 *
 * This module is imported by the renderer and the preload, so it must stay free of runtime
 * dependencies: argument types come from schemas.ts through `import type` only.
 */
import type { z } from 'zod'
import type { Attachment } from '../attachments'
import type { Prompt } from '../prompts'
import type { AuthPromptRequest, ConnectionState, HealthResult } from '../connection'
import type { Conversation, ConversationSummary, Message, SearchHit } from '../conversation'
import type { DoctorReport } from '../doctor'
import type { AppError, IpcResult } from '../errors'
import type { Profile, ProfileDraft } from '../profile'
import type { InvokeSchemas } from './schemas'

export interface AppInfo {
  name: string
  version: string
  platform: string
  /** The OS language, e.g. `ko-KR`; the renderer picks its UI language from it. */
  locale: string
  /** The OS's preferred languages, most preferred first (Electron); the web harness leaves it out: the browser's own list decides there. */
  languages?: string[]
  /** `electron` in the app, `web` in the browser harness. */
  shell: 'electron' | 'web'
  /** True when secrets can be stored encrypted (Electron safeStorage); false = kept per session. */
  persistentSecrets: boolean
  /** Data files that could not be read at start and were moved aside (to tell the user). */
  recoveredFiles: string[]
}

export interface Settings {
  language: 'system' | 'ko' | 'en'
  theme: 'system' | 'light' | 'dark'
  /** The conversation that was open last (reopened at start); null or absent = a new chat. */
  lastConversationId?: string | null
}

export interface ExportedFile {
  fileName: string
  mimeType: string
  content: string
}

export interface ProfilesState {
  profiles: Profile[]
  activeId: string | null
  /** Ids of profiles that have an API key in the secret store (the key itself never leaves main). */
  withApiKey: string[]
  /** Ids of profiles that have a proxy password in the secret store (absent from older cores). */
  withProxyPassword?: string[]
  /**
   * Profile id → the credential headers (Authorization, X-Api-Key, Cookie, …) whose value is in the
   * secret store for the backend the profile points at now. A credential header not listed here
   * has no value for this backend: the form shows it as missing.
   */
  withHeaderSecrets?: Record<string, string[]>
}

export interface SendResult {
  conversation: ConversationSummary
  userMessage: Message
  assistantMessage: Message
}

export interface InvokeResults {
  'app:info': AppInfo
  'app:openExternal': { opened: boolean }
  /** `saved: false` when the user cancelled or the shell cannot show a dialog (web: download instead). */
  'app:saveFile': { saved: boolean; path?: string }
  'app:diagnostics': { text: string }
  'settings:get': Settings
  'settings:set': Settings
  'profiles:list': ProfilesState
  'profiles:save': Profile
  'profiles:remove': ProfilesState
  'profiles:select': ProfilesState
  'profiles:template': ProfileDraft
  'profiles:setApiKey': ProfilesState
  'profiles:setProxyPassword': ProfilesState
  /** `source` is set for hosts from a WSL distribution's ~/.ssh/config (Windows). */
  'profiles:importSshConfig': Array<{ alias: string; draft: ProfileDraft; warnings: string[]; source?: { kind: 'wsl'; distro: string; user: string } }>
  'profiles:detect': DoctorReport
  'profiles:export': ExportedFile
  'profiles:import': { state: ProfilesState; added: string[]; updated: string[] }
  'backend:models': string[]
  'conversations:list': ConversationSummary[]
  'conversations:get': Conversation
  'conversations:create': Conversation
  'conversations:rename': ConversationSummary
  'conversations:remove': ConversationSummary[]
  'conversations:restore': ConversationSummary[]
  'conversations:pin': ConversationSummary[]
  'conversations:backup': ExportedFile
  /** `duplicates`: conversations already here, skipped (nothing is overwritten). */
  'conversations:importBackup': { imported: number; duplicates: number; summaries: ConversationSummary[] }
  'conversations:export': ExportedFile
  'conversations:search': SearchHit[]
  'conversations:selectVersion': Conversation
  'chat:send': SendResult
  'chat:retry': SendResult
  'chat:edit': SendResult
  'chat:stop': { stopped: boolean }
  'attachments:extract': Attachment
  'prompts:list': Prompt[]
  'prompts:save': Prompt[]
  'prompts:remove': Prompt[]
  'connection:state': ConnectionState
  'connection:check': HealthResult
  'connection:reconnect': ConnectionState
  'connection:trustHostKey': ConnectionState
  'connection:provideSecret': ConnectionState
  'connection:trustCertificate': ConnectionState
  'connection:answerAuthPrompt': { accepted: boolean }
  'connection:doctor': DoctorReport
}

/** Events main pushes to the renderer. Deltas are batched: one event per ~frame, not per token. */
export interface EventPayloads {
  /**
   * `offset` is where `text` starts in the reply: a renderer that loaded the conversation while
   * the reply streamed (and so already has some of this text) drops what it has twice.
   */
  'chat:delta': { conversationId: string; messageId: string; text: string; offset: number }
  'chat:done': { conversationId: string; message: Message }
  'chat:failed': { conversationId: string; message: Message; error: AppError }
  'conversations:changed': { summaries: ConversationSummary[] }
  'connection:state': ConnectionState
  /** The SSH server questions waiting for the user (two-factor codes), all of them, each time the list changes. */
  'connection:authPrompts': { pending: AuthPromptRequest[] }
  'profiles:changed': ProfilesState
  'settings:changed': Settings
}

export type InvokeChannel = keyof InvokeSchemas & keyof InvokeResults
export type EventName = keyof EventPayloads
export type InvokeArg<C extends InvokeChannel> = z.input<InvokeSchemas[C]>
export type ParsedArg<C extends InvokeChannel> = z.output<InvokeSchemas[C]>
export type InvokeResult<C extends InvokeChannel> = InvokeResults[C]

/** The runtime list of channels and events, for the preload's allowlist and the harness. */
export const invokeChannels = [
  'app:info',
  'app:openExternal',
  'app:saveFile',
  'app:diagnostics',
  'settings:get',
  'settings:set',
  'profiles:list',
  'profiles:save',
  'profiles:remove',
  'profiles:select',
  'profiles:template',
  'profiles:setApiKey',
  'profiles:setProxyPassword',
  'profiles:importSshConfig',
  'profiles:detect',
  'profiles:export',
  'profiles:import',
  'backend:models',
  'conversations:list',
  'conversations:get',
  'conversations:create',
  'conversations:rename',
  'conversations:remove',
  'conversations:restore',
  'conversations:pin',
  'conversations:backup',
  'conversations:importBackup',
  'conversations:export',
  'conversations:search',
  'conversations:selectVersion',
  'chat:send',
  'chat:retry',
  'chat:edit',
  'chat:stop',
  'attachments:extract',
  'prompts:list',
  'prompts:save',
  'prompts:remove',
  'connection:state',
  'connection:check',
  'connection:reconnect',
  'connection:trustHostKey',
  'connection:provideSecret',
  'connection:trustCertificate',
  'connection:answerAuthPrompt',
  'connection:doctor'
] as const satisfies readonly InvokeChannel[]

export const eventNames = [
  'chat:delta',
  'chat:done',
  'chat:failed',
  'conversations:changed',
  'connection:state',
  'connection:authPrompts',
  'profiles:changed',
  'settings:changed'
] as const satisfies readonly EventName[]

// Compile-time check that the runtime list names every channel of the contract, no more, no less.
type Missing = Exclude<InvokeChannel, (typeof invokeChannels)[number]>
const _everyChannelListed: Missing extends never ? true : Missing = true
void _everyChannelListed
type MissingEvent = Exclude<EventName, (typeof eventNames)[number]>
const _everyEventListed: MissingEvent extends never ? true : MissingEvent = true
void _everyEventListed

/** `profiles:list` → `profiles`, `list`. */
type Domain<C extends string> = C extends `${infer D}:${string}` ? D : never
type Method<C extends string, D extends string> = C extends `${D}:${infer M}` ? M : never

type Call<C extends InvokeChannel> =
  undefined extends InvokeArg<C>
    ? (arg?: InvokeArg<C>) => Promise<IpcResult<InvokeResult<C>>>
    : (arg: InvokeArg<C>) => Promise<IpcResult<InvokeResult<C>>>

/** `window.api`: one method per channel, grouped by domain, plus `on` for events. */
export type Api = {
  [D in Domain<InvokeChannel>]: { [M in Method<InvokeChannel, D>]: Call<`${D}:${M}` & InvokeChannel> }
} & {
  on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): () => void
}

/** How an Api reaches main: Electron IPC in the preload, a WebSocket in the web harness. */
export interface Transport {
  invoke(channel: InvokeChannel, arg: unknown): Promise<IpcResult<unknown>>
  subscribe(event: EventName, listener: (payload: unknown) => void): () => void
}

/** Build `window.api` from a transport. Shared by the preload and the web harness client. */
export function buildApi(transport: Transport): Api {
  const api: Record<string, Record<string, unknown>> = {}
  for (const channel of invokeChannels) {
    const [domain, method] = channel.split(':') as [string, string]
    api[domain] ??= {}
    api[domain][method] = (arg?: unknown) => transport.invoke(channel, arg)
  }
  const isEvent = (name: string): name is EventName => (eventNames as readonly string[]).includes(name)
  const on = (event: string, listener: (payload: unknown) => void) => {
    if (!isEvent(event)) throw new Error(`Unknown event: ${event}`)
    return transport.subscribe(event, listener)
  }
  return Object.freeze({ ...api, on }) as unknown as Api
}

export type { Attachment, ConnectionState, Prompt, DoctorReport, HealthResult, Profile, ProfileDraft }

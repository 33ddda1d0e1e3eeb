/**
 * The contract's types, for every process: the shapes channels carry, and the types derived from
 * the channel table (channels.ts): channel names, arguments, results, event payloads, `Api`.
 * Renaming a channel in the table fails to compile everywhere at once.
 *
 * Types only: the renderer imports this file, and zod must stay out of its bundle.
 */
import type { z } from 'zod'
import type { Attachment } from '../attachments'
import type { ConnectionState, HealthResult } from '../connection'
import type { Conversation, ConversationSummary, Message } from '../conversation'
import type { DoctorReport } from '../doctor'
import type { IpcResult } from '../errors'
import type { Profile, ProfileDraft } from '../profile'
import type { Prompt } from '../prompts'
import type { EventTable, InvokeTable, TerminalTable } from './channels'
import type { PayloadOf, ResultOf } from './define'

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
  /**
   * Names of the profiles in profiles.json this version cannot use (a newer version's, a bad hand
   * edit): kept in the file as they are, never shown as profiles (absent from older cores).
   */
  unusable?: string[]
}

export interface SendResult {
  conversation: ConversationSummary
  userMessage: Message
  assistantMessage: Message
}

/** The profiles state after `profiles:save`, and the profile as stored (a new one gets its id there). */
export interface SavedProfile extends ProfilesState {
  saved: Profile
}

/** The profiles state after `profiles:import`, and the names of the profiles it added and updated. */
export interface ImportedProfiles extends ProfilesState {
  added: string[]
  updated: string[]
}

/**
 * The conversation list, newest first (pinned ones on top): what `conversations:changed` carries,
 * `conversations:list` answers and every conversations mutation answers (see channels.ts).
 */
export interface ConversationsState {
  summaries: ConversationSummary[]
}

/** The list after `conversations:create`, and the new (empty) conversation. */
export interface CreatedConversation extends ConversationsState {
  conversation: Conversation
}

/** The list after `conversations:importBackup`; `duplicates`: conversations already here, skipped. */
export interface ImportedBackup extends ConversationsState {
  imported: number
  duplicates: number
}

/** A host key `hosts:forget` removed, or found in a file of the user's own and left there. */
export interface ForgottenHostKey {
  file: string
  line: number
  keyType: string
  fingerprint: string
}

export interface ForgetHostResult {
  /** The name as known_hosts stores it: `host` or `[host]:port`. */
  name: string
  /** The app's own known_hosts. */
  file: string
  removed: ForgottenHostKey[]
  /** The file as it was before, kept next to it (what `ssh-keygen -R` does with `known_hosts.old`). */
  backup?: string
  /** Keys for the host in files the app only reads (~/.ssh/known_hosts, the profile's file): left alone. */
  elsewhere: ForgottenHostKey[]
}

// Everything below is derived from the channel table (channels.ts); nothing here names a channel.
export type InvokeChannel = keyof InvokeTable
export type EventName = keyof EventTable
export type InvokeArg<C extends InvokeChannel> = z.input<InvokeTable[C]['arg']>
export type ParsedArg<C extends InvokeChannel> = z.output<InvokeTable[C]['arg']>
export type InvokeResult<C extends InvokeChannel> = ResultOf<InvokeTable[C]>
export type InvokeResults = { [C in InvokeChannel]: InvokeResult<C> }
export type TerminalChannel = keyof TerminalTable
export type TerminalParsedArg<C extends TerminalChannel> = z.output<TerminalTable[C]['arg']>
export type TerminalResult<C extends TerminalChannel> = ResultOf<TerminalTable[C]>
export type EventPayloads = { [E in EventName]: PayloadOf<EventTable[E]> }

/** `profiles:list` → `profiles`, `list`. */
type Domain<C extends string> = C extends `${infer D}:${string}` ? D : never
type Method<C extends string, D extends string> = C extends `${D}:${infer M}` ? M : never

type Call<C extends InvokeChannel> =
  undefined extends InvokeArg<C>
    ? (arg?: InvokeArg<C>) => Promise<IpcResult<InvokeResult<C>>>
    : (arg: InvokeArg<C>) => Promise<IpcResult<InvokeResult<C>>>

/** `window.api`: one method per channel, grouped by domain, plus `on` for events. */
export type Api = {
  [D in Domain<InvokeChannel>]: {
    [M in Method<InvokeChannel, D>]: Call<`${D}:${M}` & InvokeChannel>
  }
} & {
  on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): () => void
}

/** How an Api reaches main: Electron IPC in the preload, a WebSocket in the web harness. */
export interface Transport {
  invoke(channel: InvokeChannel, arg: unknown): Promise<IpcResult<unknown>>
  subscribe(event: EventName, listener: (payload: unknown) => void): () => void
}

export type {
  Attachment,
  ConnectionState,
  Prompt,
  DoctorReport,
  HealthResult,
  Profile,
  ProfileDraft
}

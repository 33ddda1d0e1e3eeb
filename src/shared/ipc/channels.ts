/**
 * The IPC contract, defined once: every invoke channel with its argument schema and result type
 * side by side, and every event the core pushes with its payload. Everything else is derived from
 * this table: the core's `Handlers` type and its validation (dispatch.ts), `window.api` in the
 * preload and the web harness (buildApi.ts), the renderer's `service`, and the test doubles.
 *
 * Main validates each call against these schemas before a handler runs, so a malformed call from
 * a compromised renderer gets `ipc.bad_request`, never a crash or a partial write. The renderer
 * imports only *types* from here (through contract.ts), which keeps zod out of its bundle.
 *
 * RESULTS, one rule: a mutation answers its domain's new state exactly as that domain's
 * `…:changed` event carries it (profiles → ProfilesState, conversations → `{ summaries }`,
 * settings → Settings, connection → ConnectionState), plus, only where the caller needs it, what the
 * call did as fields beside the state (`saved`; `added`/`updated`; `imported`/`duplicates`; the
 * created `conversation`). A caller applies the answer exactly as it applies the event, and never
 * asks again. The domain's query answers the same shape: `conversations:list` answers
 * `{ summaries }`, not a bare array, so the list has one shape everywhere (start-up, every
 * mutation, the event) and one function applies it. A single conversation's messages are not that
 * list: `conversations:selectVersion` answers the Conversation as `conversations:get` does, and
 * `chat:*` the turn. Prompts have no event; their mutations answer what `prompts:list` answers.
 *
 * SCOPE: one argument per channel (an object, or nothing). Profiles are validated again, field by
 * field, by the profile store, so that a form gets one message per bad field.
 */
import { z } from 'zod'
import { MAX_FILE_BYTES, MAX_IMAGE_BYTES, type Attachment } from '../attachments'
import type { AuthPromptRequest, ConnectionState, HealthResult } from '../connection'
import type {
  Conversation,
  ConversationSummary,
  LegacyImportProgress,
  Message,
  SearchHit
} from '../conversation'
import type { DoctorReport, DoctorStep } from '../doctor'
import { appError, type AppError, type IpcResult } from '../errors'
import type { ProfileDraft } from '../profile'
import type { Prompt } from '../prompts'
import type {
  AppInfo,
  ConversationsState,
  CreatedConversation,
  ExportedFile,
  ImportedBackup,
  ImportedProfiles,
  ForgetHostResult,
  ProfilesState,
  SavedProfile,
  SendResult,
  Settings
} from './contract'
import { event, invoke } from './define'

const id = z.string().min(1).max(200)
/** A doctor run's id, chosen by the caller. */
const runId = z.string().min(1).max(100)
const none = z.undefined().optional()

/** An attachment as the renderer got it back from `attachments:extract`, sent with a message. */
const attachment = z.object({
  name: z.string().min(1).max(255),
  type: z.string().max(200),
  size: z.number().int().min(0).max(MAX_FILE_BYTES),
  kind: z.enum(['text', 'image']),
  text: z.string().max(MAX_FILE_BYTES),
  dataUrl: z
    .string()
    .max(Math.ceil(MAX_IMAGE_BYTES / 3) * 4 + 100)
    .regex(/^data:image\/(png|jpeg|gif|webp);base64,[A-Za-z0-9+/]+=*$/)
    .optional()
})
const attachments = z.array(attachment).max(20).optional()

export const invokeChannels = {
  'app:info': invoke(none).returns<AppInfo>(),
  /** Open an http(s) link in the system browser; anything else is refused. */
  'app:openExternal': invoke(z.object({ url: z.string().max(8192) })).returns<{
    opened: boolean
  }>(),
  /** Save text to a file the user picks (a save dialog in Electron). `saved: false` when the user cancelled or the shell cannot show a dialog (web: download instead). */
  'app:saveFile': invoke(
    z.object({ fileName: z.string().min(1).max(255), content: z.string() })
  ).returns<{ saved: boolean; path?: string }>(),
  /** One block of text for "copy diagnostics": versions, the selected profile (secrets removed), the last check, recent log lines. */
  'app:diagnostics': invoke(none).returns<{ text: string }>(),

  'settings:get': invoke(none).returns<Settings>(),
  'settings:set': invoke(
    z.object({
      language: z.enum(['system', 'ko', 'en']).optional(),
      theme: z.enum(['system', 'light', 'dark']).optional(),
      lastConversationId: z.string().max(200).nullable().optional()
    })
  ).returns<Settings>(),

  'profiles:list': invoke(none).returns<ProfilesState>(),
  /**
   * A draft: validated by the store so that errors name fields. Answers the new state and the
   * profile as stored (a new one gets its id here). With `expected` (the profile as the caller
   * last read it), saved only if the stored one is still that, else `profile.changed` and nothing
   * is written: an edit made from a stale copy never undoes a change made elsewhere meanwhile.
   */
  'profiles:save': invoke(
    z.object({
      draft: z.record(z.string(), z.unknown()),
      expected: z.record(z.string(), z.unknown()).optional()
    })
  ).returns<SavedProfile>(),
  /** Removes the profile and every secret stored for it. */
  'profiles:remove': invoke(z.object({ id })).returns<ProfilesState>(),
  'profiles:select': invoke(z.object({ id })).returns<ProfilesState>(),
  'profiles:template': invoke(
    z.object({ kind: z.enum(['direct', 'tunnel']) })
  ).returns<ProfileDraft>(),
  /** Store (or, with an empty value, forget) a profile's API key in the secret store. */
  'profiles:setApiKey': invoke(
    z.object({ id, value: z.string().max(4096) })
  ).returns<ProfilesState>(),
  /** Store (or, with an empty value, forget) the password of a profile's manual proxy, in the secret store. */
  'profiles:setProxyPassword': invoke(
    z.object({ id, value: z.string().max(4096) })
  ).returns<ProfilesState>(),
  /** Every profile as a file IT can hand out (secrets never included; see core/store/profileFile.ts). */
  'profiles:export': invoke(none).returns<ExportedFile>(),
  /** Add (or, same id, update) the profiles of such a file; the file is checked whole before anything is saved. */
  'profiles:import': invoke(
    z.object({ content: z.string().max(5_000_000) })
  ).returns<ImportedProfiles>(),
  /**
   * First start: check a profile draft (not saved) end to end and find out the server type on the
   * way; the report's `detected` holds the contract to save. `apiKey` is used for this check only.
   * `detect: false` checks the draft's own contract (the user set it by hand). Its steps are told
   * as `connection:doctor`'s are (`doctor:step` with `runId`), and `connection:doctorStop` stops it.
   */
  'profiles:detect': invoke(
    z.object({
      draft: z.record(z.string(), z.unknown()),
      apiKey: z.string().max(4096).optional(),
      sshPassword: z.string().max(4096).optional(),
      detect: z.boolean().optional(),
      runId: runId.optional()
    })
  ).returns<DoctorReport>(),
  /** Hosts from ~/.ssh/config as drafts of new tunnel profiles (nothing is saved). */
  /** `source` is set for hosts from a WSL distribution's ~/.ssh/config (Windows). */
  'profiles:importSshConfig': invoke(none).returns<
    Array<{
      alias: string
      draft: ProfileDraft
      warnings: string[]
      source?: { kind: 'wsl'; distro: string; user: string }
    }>
  >(),
  /**
   * The models a server lists (GET /v1/models): the selected profile's by default, another saved
   * one (`profileId`), or a draft not saved yet (`draft`, with the API key typed in the form).
   */
  'backend:models': invoke(
    z
      .object({
        profileId: id.optional(),
        draft: z.record(z.string(), z.unknown()).optional(),
        apiKey: z.string().max(4096).optional()
      })
      .optional()
  ).returns<string[]>(),

  'conversations:list': invoke(none).returns<ConversationsState>(),
  /**
   * The 0.1 history's import at this start, as the `conversations:importProgress` event carries it
   * (a window that opens during the import asks once, then follows the event). It answers at once;
   * every call that reads or writes the history (`conversations:*`, `chat:*`, `app:info`) waits
   * until the import is done (historyGate.ts).
   */
  'conversations:importProgress': invoke(none).returns<LegacyImportProgress>(),
  /** The selected path; `all: true` = every message of every branch (each with its parentId). */
  'conversations:get': invoke(
    z.object({ id, all: z.boolean().optional() })
  ).returns<Conversation>(),
  /**
   * Show another version of a message: `version` (1-based, as in Message.versions) among the
   * siblings of `messageId` (itself when absent), with the newest branch below it. Remembered.
   */
  'conversations:selectVersion': invoke(
    z.object({
      conversationId: id,
      messageId: id,
      version: z.number().int().min(1).max(100_000).optional()
    })
  ).returns<Conversation>(),
  'conversations:create': invoke(none).returns<CreatedConversation>(),
  'conversations:rename': invoke(
    z.object({ id, title: z.string().trim().min(1).max(200) })
  ).returns<ConversationsState>(),
  'conversations:remove': invoke(z.object({ id })).returns<ConversationsState>(),
  'conversations:restore': invoke(z.object({ id })).returns<ConversationsState>(),
  /** `language`: headings and dates of a Markdown export in the UI's language (English when absent). */
  'conversations:export': invoke(
    z.object({
      id,
      format: z.enum(['markdown', 'json']),
      language: z.enum(['ko', 'en']).optional()
    })
  ).returns<ExportedFile>(),
  /** Every conversation (every version) in one file; `conversations:importBackup` takes it back. */
  'conversations:backup': invoke(none).returns<ExportedFile>(),
  /** `duplicates`: conversations already here, skipped (nothing is overwritten). */
  'conversations:importBackup': invoke(
    z.object({ content: z.string().max(512 * 1024 * 1024) })
  ).returns<ImportedBackup>(),
  'conversations:search': invoke(
    z.object({ query: z.string().max(500), limit: z.number().int().min(1).max(500).optional() })
  ).returns<SearchHit[]>(),

  /** Keep a conversation at the top of the sidebar, or let it go back to its date. */
  'conversations:pin': invoke(z.object({ id, pinned: z.boolean() })).returns<ConversationsState>(),

  /** Send a new user message. `conversationId` absent = start a new conversation. */
  'chat:send': invoke(
    z.object({ conversationId: id.optional(), text: z.string().max(100_000), attachments })
  ).returns<SendResult>(),
  /** Ask again for the reply to a user message; earlier replies stay as versions. */
  'chat:retry': invoke(z.object({ conversationId: id, messageId: id })).returns<SendResult>(),
  /** Send an edited copy of an earlier user message as a new branch (the original stays), then ask for a reply. */
  'chat:edit': invoke(
    z.object({ conversationId: id, messageId: id, text: z.string().max(100_000) })
  ).returns<SendResult>(),
  'chat:stop': invoke(z.object({ conversationId: id })).returns<{ stopped: boolean }>(),

  'prompts:list': invoke(none).returns<Prompt[]>(),
  /** Add a prompt (no id) or replace one; titles and texts are checked by the store. */
  'prompts:save': invoke(
    z.object({
      id: id.optional(),
      title: z.string().trim().min(1).max(120),
      text: z.string().min(1).max(20_000)
    })
  ).returns<Prompt[]>(),
  'prompts:remove': invoke(z.object({ id })).returns<Prompt[]>(),

  /**
   * Read a file the user attached: its bytes, base64-encoded (one form both the Electron IPC and the
   * web harness's JSON socket carry), and its name, which picks the format. The text is extracted
   * in a worker thread; the result goes back to the composer and is sent with the message.
   */
  'attachments:extract': invoke(
    z.object({
      name: z.string().trim().min(1).max(255),
      data: z.string().max(Math.ceil(MAX_FILE_BYTES / 3) * 4 + 4)
    })
  ).returns<Attachment>(),

  'connection:state': invoke(none).returns<ConnectionState>(),
  /**
   * The SSH server questions waiting for the user now, as the `connection:authPrompts` event
   * carries them: a window that starts (or reloads) while one is open shows it again.
   */
  'connection:authPrompts': invoke(none).returns<{ pending: AuthPromptRequest[] }>(),
  'connection:check': invoke(none).returns<HealthResult>(),
  'connection:reconnect': invoke(none).returns<ConnectionState>(),
  'connection:trustHostKey': invoke(
    z.object({ fingerprint: z.string().min(1).max(200) })
  ).returns<ConnectionState>(),
  'connection:provideSecret': invoke(
    z.object({ value: z.string().max(4096), remember: z.boolean() })
  ).returns<ConnectionState>(),
  /**
   * Pin a server certificate for the selected profile ("trust this certificate"): only one the
   * server presented and the app refused in this session, and never in place of a pinned one that
   * changed (that stays a warning, like a changed host key).
   */
  'connection:trustCertificate': invoke(
    z.object({ fingerprint: z.string().min(1).max(200) })
  ).returns<ConnectionState>(),
  /**
   * Answer an SSH server's keyboard-interactive question (a verification code), in prompt order;
   * `answers: null` cancels it. Only a question main is waiting on is accepted.
   */
  'connection:answerAuthPrompt': invoke(
    z.object({
      id: z.string().min(1).max(100),
      answers: z.array(z.string().max(4096)).max(32).nullable()
    })
  ).returns<{ accepted: boolean }>(),
  /**
   * Run the connection doctor: the selected profile, or the one named (the settings form checks one
   * before selecting it). Each step is told as it finishes (`doctor:step`, with `runId`: the
   * caller's own id for this run, so it knows its steps and can stop it).
   */
  'connection:doctor': invoke(
    z.object({ profileId: id.optional(), runId: runId.optional() }).optional()
  ).returns<DoctorReport>(),
  /**
   * Stop a running doctor (the one with this `runId`; every one without it): the step running
   * fails with `backend.aborted`, the rest are skipped, and `connection:doctor` answers that report.
   */
  'connection:doctorStop': invoke(z.object({ runId: runId.optional() }).optional()).returns<{
    stopped: boolean
  }>()
}

/**
 * What only the person at the terminal may do: the CLI's own part of the table, validated the
 * same way (dispatch.ts), but served by a second dispatch that only `startTerminalCore` hands out.
 * Electron main and the web harness start the core with `startCore`, which has none, and the
 * preload, `window.api` and the harness client are built from `contractNames` (the invoke table
 * above only), so none of these is reachable from a window, compromised or not: they answer
 * `ipc.unknown_channel` everywhere but in the CLI. Safe by construction, not by a check.
 */
export const terminalChannels = {
  /**
   * `hosts forget`: remove a host's keys from the app's own known_hosts (like `ssh-keygen -R`).
   * The app never replaces a changed host key itself: a compromised window must not be able to
   * accept a man in the middle (docs/SECURITY.md). Keys in the user's own files are reported only.
   */
  'hosts:forget': invoke(
    z.object({ host: z.string().trim().min(1).max(255), port: z.number().int().min(1).max(65535) })
  ).returns<ForgetHostResult>(),
  /**
   * Work on this profile for the life of this core, as if it were selected, without changing the
   * selection stored for the app (the CLI's `chat --profile NAME`). Opens nothing.
   */
  'session:use': invoke(z.object({ profileId: id })).returns<{ profileId: string }>(),
  /** Open the connection of the session's profile (chat, once its secrets and files are ready). */
  'session:connect': invoke(none).returns<ConnectionState>()
}

/** Events the core pushes. Deltas are batched: one event per ~frame, not per token. */
export const events = {
  /**
   * `offset` is where `text` starts in the reply: a renderer that loaded the conversation while
   * the reply streamed (and so already has some of this text) drops what it has twice.
   */
  'chat:delta': event<{
    conversationId: string
    messageId: string
    text: string
    offset: number
  }>(),
  /**
   * A reply ended (done or stopped) and was stored. `conversation`: its summary right after, with
   * the revision that write gave it (absent when the conversation is gone), so a window that holds
   * the conversation knows it is current and does not load it again.
   */
  'chat:done': event<{
    conversationId: string
    message: Message
    conversation?: ConversationSummary
  }>(),
  'chat:failed': event<{
    conversationId: string
    message: Message
    error: AppError
    conversation?: ConversationSummary
  }>(),
  /** The list changed (a conversation added, removed, restored, pinned, or written by another process). */
  'conversations:changed': event<ConversationsState>(),
  /**
   * One conversation's summary changed: a turn began in it (send, retry, edit; a new conversation
   * is added). Only that summary, so a send costs the same whatever the length of the list.
   */
  'conversations:updated': event<{ conversation: ConversationSummary }>(),
  /** The 0.1 import went on: a few times a second while it writes, then at each phase and at the end. */
  'conversations:importProgress': event<LegacyImportProgress>(),
  'connection:state': event<ConnectionState>(),
  /** The SSH server questions waiting for the user (two-factor codes), all of them, each time the list changes. */
  'connection:authPrompts': event<{ pending: AuthPromptRequest[] }>(),
  /** One step of a running doctor, as it finishes; `runId` is the one `connection:doctor` was given (or made up). */
  'doctor:step': event<{ runId: string; profileId: string; step: DoctorStep }>(),
  'profiles:changed': event<ProfilesState>(),
  'settings:changed': event<Settings>(),
  /**
   * A data file that stopped being readable while the app ran (a hand edit of profiles.json) was
   * moved aside before the next write, to `movedTo`: the window says so, as it does for a file
   * moved aside at start (`app:info`'s `recoveredFiles`).
   */
  'app:fileMovedAside': event<{ movedTo: string }>()
}

export type InvokeTable = typeof invokeChannels
export type TerminalTable = typeof terminalChannels
export type EventTable = typeof events

const has = (table: object, name: string) => Object.prototype.hasOwnProperty.call(table, name)

/** The one unknown-channel check, used by dispatch and by buildApi (so every transport). */
export function isInvokeChannel(channel: string): channel is keyof InvokeTable {
  return typeof channel === 'string' && has(invokeChannels, channel)
}

/** The terminal table's check (its own dispatch only; no transport knows these names). */
export function isTerminalChannel(channel: string): channel is keyof TerminalTable {
  return typeof channel === 'string' && has(terminalChannels, channel)
}

export function isEventName(name: string): name is keyof EventTable {
  return typeof name === 'string' && has(events, name)
}

export const invokeChannelNames = Object.keys(invokeChannels) as Array<keyof InvokeTable>
export const eventNames = Object.keys(events) as Array<keyof EventTable>
/** What buildApi needs (and what the bundler puts into the preload and the harness client). */
export const contractNames = { channels: invokeChannelNames, events: eventNames }

/** The answer to a call on a channel that is not in the table. */
export function unknownChannel(channel: unknown): IpcResult<never> {
  return {
    ok: false,
    error: appError('ipc.unknown_channel', `Unknown channel: ${String(channel)}`)
  }
}

/**
 * Runtime schemas of every invoke channel's argument. Main validates each call against these
 * before a handler runs, so a malformed call from a compromised renderer gets `ipc.bad_request`,
 * never a crash or a partial write. The renderer and preload import only *types* from here (see
 * contract.ts), which keeps zod out of the renderer bundle.
 *
 * SCOPE: one argument per channel (an object, or nothing). Profiles are validated again, field by
 * field, by the profile store, so that a form gets one message per bad field.
 */
import { z } from 'zod'
import { MAX_FILE_BYTES, MAX_IMAGE_BYTES } from '../attachments'

const id = z.string().min(1).max(200)
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

export const invokeSchemas = {
  'app:info': none,
  /** Open an http(s) link in the system browser; anything else is refused. */
  'app:openExternal': z.object({ url: z.string().max(8192) }),
  /** Save text to a file the user picks (a save dialog in Electron). */
  'app:saveFile': z.object({ fileName: z.string().min(1).max(255), content: z.string() }),
  /** One block of text for "copy diagnostics": versions, the selected profile (secrets removed), the last check, recent log lines. */
  'app:diagnostics': none,

  'settings:get': none,
  'settings:set': z.object({
    language: z.enum(['system', 'ko', 'en']).optional(),
    theme: z.enum(['system', 'light', 'dark']).optional(),
    lastConversationId: z.string().max(200).nullable().optional()
  }),

  'profiles:list': none,
  /** A draft: validated by the store so that errors name fields. */
  'profiles:save': z.object({ draft: z.record(z.string(), z.unknown()) }),
  'profiles:remove': z.object({ id }),
  'profiles:select': z.object({ id }),
  'profiles:template': z.object({ kind: z.enum(['direct', 'tunnel']) }),
  /** Store (or, with an empty value, forget) a profile's API key in the secret store. */
  /** Hosts from ~/.ssh/config as drafts of new tunnel profiles (nothing is saved). */
  'profiles:importSshConfig': none,
  'profiles:setApiKey': z.object({ id, value: z.string().max(4096) }),
  /** Store (or, with an empty value, forget) the password of a profile's manual proxy, in the secret store. */
  'profiles:setProxyPassword': z.object({ id, value: z.string().max(4096) }),
  /** Every profile as a file IT can hand out (secrets never included; see core/store/profileFile.ts). */
  'profiles:export': none,
  /** Add (or, same id, update) the profiles of such a file; the file is checked whole before anything is saved. */
  'profiles:import': z.object({ content: z.string().max(5_000_000) }),
  /**
   * First start: check a profile draft (not saved) end to end and find out the server type on the
   * way; the report's `detected` holds the contract to save. `apiKey` is used for this check only.
   * `detect: false` checks the draft's own contract (the user set it by hand).
   */
  'profiles:detect': z.object({ draft: z.record(z.string(), z.unknown()), apiKey: z.string().max(4096).optional(), sshPassword: z.string().max(4096).optional(), detect: z.boolean().optional() }),
  /** The models an OpenAI-compatible server lists (GET /v1/models) through the selected profile. */
  /**
   * The models a server lists (GET /v1/models): the selected profile's by default, another saved
   * one (`profileId`), or a draft not saved yet (`draft`, with the API key typed in the form).
   */
  'backend:models': z.object({ profileId: id.optional(), draft: z.record(z.string(), z.unknown()).optional(), apiKey: z.string().max(4096).optional() }).optional(),

  'conversations:list': none,
  /** The selected path; `all: true` = every message of every branch (each with its parentId). */
  'conversations:get': z.object({ id, all: z.boolean().optional() }),
  'conversations:create': none,
  'conversations:rename': z.object({ id, title: z.string().trim().min(1).max(200) }),
  'conversations:remove': z.object({ id }),
  'conversations:restore': z.object({ id }),
  /** Every conversation (every version) in one file; `conversations:importBackup` takes it back. */
  'conversations:backup': none,
  'conversations:importBackup': z.object({ content: z.string().max(512 * 1024 * 1024) }),
  /** Keep a conversation at the top of the sidebar, or let it go back to its date. */
  'conversations:pin': z.object({ id, pinned: z.boolean() }),
  /** `language`: headings and dates of a Markdown export in the UI's language (English when absent). */
  'conversations:export': z.object({ id, format: z.enum(['markdown', 'json']), language: z.enum(['ko', 'en']).optional() }),
  /**
   * Show another version of a message: `version` (1-based, as in Message.versions) among the
   * siblings of `messageId` (itself when absent), with the newest branch below it. Remembered.
   */
  'conversations:selectVersion': z.object({ conversationId: id, messageId: id, version: z.number().int().min(1).max(100_000).optional() }),
  'conversations:search': z.object({ query: z.string().max(500), limit: z.number().int().min(1).max(500).optional() }),

  /** Send a new user message. `conversationId` absent = start a new conversation. */
  'chat:send': z.object({ conversationId: id.optional(), text: z.string().max(100_000), attachments }),
  /** Ask again for the reply to a user message; earlier replies stay as versions. */
  'chat:retry': z.object({ conversationId: id, messageId: id }),
  /** Send an edited copy of an earlier user message as a new branch (the original stays), then ask for a reply. */
  'chat:edit': z.object({ conversationId: id, messageId: id, text: z.string().max(100_000) }),
  'chat:stop': z.object({ conversationId: id }),

  'prompts:list': none,
  /** Add a prompt (no id) or replace one; titles and texts are checked by the store. */
  'prompts:save': z.object({ id: id.optional(), title: z.string().trim().min(1).max(120), text: z.string().min(1).max(20_000) }),
  'prompts:remove': z.object({ id }),

  /**
   * Read a file the user attached: its bytes, base64-encoded (one form both the Electron IPC and the
   * web harness's JSON socket carry), and its name, which picks the format. The text is extracted
   * in a worker thread; the result goes back to the composer and is sent with the message.
   */
  'attachments:extract': z.object({
    name: z.string().trim().min(1).max(255),
    data: z.string().max(Math.ceil(MAX_FILE_BYTES / 3) * 4 + 4)
  }),

  'connection:state': none,
  'connection:check': none,
  'connection:reconnect': none,
  'connection:trustHostKey': z.object({ fingerprint: z.string().min(1).max(200) }),
  'connection:provideSecret': z.object({ value: z.string().max(4096), remember: z.boolean() }),
  /**
   * Pin a server certificate for the selected profile ("trust this certificate"): only one the
   * server presented and the app refused in this session, and never in place of a pinned one that
   * changed (that stays a warning, like a changed host key).
   */
  'connection:trustCertificate': z.object({ fingerprint: z.string().min(1).max(200) }),
  /**
   * Answer an SSH server's keyboard-interactive question (a verification code), in prompt order;
   * `answers: null` cancels it. Only a question main is waiting on is accepted.
   */
  'connection:answerAuthPrompt': z.object({ id: z.string().min(1).max(100), answers: z.array(z.string().max(4096)).max(32).nullable() }),
  /** Run the connection doctor: the selected profile, or the one named (the settings form checks one before selecting it). */
  'connection:doctor': z.object({ profileId: id.optional() }).optional()
} as const

export type InvokeSchemas = typeof invokeSchemas

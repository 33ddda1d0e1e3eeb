/**
 * The renderer's one store, in typed slices (zustand's slices pattern): each slice owns its part of
 * the state and the actions that change it; actions call `service` (api.ts) and never the DOM.
 */
import type { StateCreator } from 'zustand'
import type { Attachment } from '@shared/attachments'
import type { ConnectionState, AuthPromptRequest } from '@shared/connection'
import type { Prompt } from '@shared/prompts'
import type {
  ConversationSummary,
  LegacyImportProgress,
  Message,
  SearchHit
} from '@shared/conversation'
import type { DoctorReport, DoctorStep } from '@shared/doctor'
import type { AppError, IpcResult } from '@shared/errors'
import type {
  AppInfo,
  EventPayloads,
  InvokeResult,
  ProfilesState,
  Settings
} from '@shared/ipc/contract'
import type { Profile, ProfileDraft } from '@shared/profile'

/** Draft key of the composer when no conversation exists yet ("New chat"). */
export const NEW_CHAT = '__new__'

export interface Thread {
  messages: Message[]
  loading: boolean
  error: AppError | null
  /** The conversation's revision when this was loaded: a newer one in the summaries means reload. */
  revision?: number
}

export interface ChatSlice {
  /** Conversations loaded this session, by id. Kept while streaming so deltas have a home. */
  threads: Record<string, Thread>
  /** Text streamed so far, by assistant message id; a row re-renders, the list does not. */
  live: Record<string, string>
  /** Composer text per conversation (NEW_CHAT for a chat not created yet). Memory only. */
  drafts: Record<string, string>
  /** Why the last send from a composer failed before anything was stored (e.g. no profile). */
  sendErrors: Record<string, AppError | null>
  /** A send/retry/edit call in flight, by composer key. */
  pending: Record<string, boolean>
  /** The user message being edited inline. */
  editing: { conversationId: string; messageId: string } | null
  /** A message to scroll to once its conversation shows (from a search hit). */
  focusMessageId: string | null
  /** The search hit being shown: its message is marked and the searched words highlighted. */
  searchHit: { messageId: string; query: string } | null
  setDraft(key: string, text: string): void
  send(text: string): Promise<boolean>
  retry(conversationId: string, userMessageId: string): Promise<boolean>
  regenerate(conversationId: string): Promise<boolean>
  edit(conversationId: string, messageId: string, text: string): Promise<boolean>
  stop(conversationId: string): Promise<void>
  startEdit(conversationId: string, messageId: string): void
  cancelEdit(): void
  clearFocusMessage(): void
  loadThread(conversationId: string): Promise<void>
  /** Load again (another process changed it), keeping text that is streaming here. */
  reloadThread(conversationId: string): Promise<void>
  /** Page a message with several versions (‹ 2/3 ›) to version `version`. */
  selectVersion(conversationId: string, messageId: string, version: number): Promise<boolean>
  onDelta(payload: EventPayloads['chat:delta']): void
  /** Apply buffered deltas now (normally once per animation frame). */
  flushDeltas(): void
  onDone(payload: EventPayloads['chat:done']): void
  onFailed(payload: EventPayloads['chat:failed']): void
  /** Make the selected profile send the last N turns with each message (the chat's history notice). */
  turnOnHistory(): Promise<boolean>
}

/** A reply that failed for want of a secret, waiting to be asked again (secretRetrySlice.ts). */
export interface SecretRetry {
  conversationId: string
  /** The failed reply: the retry runs only while it is still the conversation's last message. */
  replyId: string
  /** The profile it failed with: only a secret entered for that profile sets it off. */
  profileId: string | null
  /** The person has entered a secret for that profile since the reply failed. */
  secretEntered: boolean
}

export interface SecretRetrySlice {
  secretRetry: SecretRetry | null
  /** A reply failed (chat:failed): remember it when a secret would mend it, else do nothing. */
  armSecretRetry(conversationId: string, reply: Message): void
  /** A secret was accepted for a profile (the prompt answered, a key or password saved). */
  noteSecretEntered(profileId: string | null): void
  /** The person sent, retried or edited by hand: the pending retry no longer applies. */
  dropSecretRetry(): void
  /** Retry the failed reply if it is due now (selectDueSecretRetry); consumes it. */
  runSecretRetry(): Promise<boolean>
}

/** A file in the composer: being read by main, or read (with its extracted text). */
export interface ComposerFile {
  id: string
  name: string
  size: number
  attachment: Attachment | null
}

export interface AttachmentsSlice {
  /** Files in each composer (same keys as drafts). Memory only, kept when a send fails. */
  composerFiles: Record<string, ComposerFile[]>
  /** Why the last file added to a composer was refused (it names the file). */
  attachErrors: Record<string, AppError | null>
  /** Read files into a composer: each becomes a chip, or is refused by name (nothing else changes). */
  attachFiles(key: string, files: File[]): Promise<void>
  removeFile(key: string, id: string): void
  clearFiles(key: string): void
}

export interface PromptsSlice {
  prompts: Prompt[]
  promptsLoaded: boolean
  /** Read the library (once; again after a failure). */
  loadPrompts(): Promise<void>
  /** Add (no id) or replace a prompt; false when main refused (a toast says why). */
  savePrompt(prompt: { id?: string; title: string; text: string }): Promise<boolean>
  removePrompt(id: string): Promise<boolean>
}

export interface ConversationsSlice {
  summaries: ConversationSummary[]
  /** null = a new chat that is created by its first message. */
  activeId: string | null
  query: string
  searchResults: SearchHit[] | null
  searching: boolean
  /** The last deleted conversation, while its Undo is offered. */
  undo: { id: string; title: string } | null
  /** The whole list (conversations:changed, or a mutation's answer). */
  applySummaries(summaries: ConversationSummary[]): void
  /** One conversation's summary (conversations:updated, a turn's result): put in its place by time. */
  applySummary(summary: ConversationSummary): void
  openConversation(id: string, messageId?: string): Promise<void>
  newChat(): void
  renameConversation(id: string, title: string): Promise<boolean>
  /** The conversation whose title is being edited in the sidebar (the pencil or F2). */
  renamingId: string | null
  startRename(id: string): void
  endRename(): void
  pinConversation(id: string, pinned: boolean): Promise<boolean>
  removeConversation(id: string): Promise<boolean>
  undoRemove(): Promise<void>
  dismissUndo(): void
  setQuery(query: string): void
  runSearch(query: string): Promise<void>
  exportConversation(id: string, format: 'markdown' | 'json'): Promise<void>
  /** Every conversation in one backup file (a download in the browser, a save dialog in the app). */
  backupAll(): Promise<void>
  /** Add the conversations of a backup file; those already here are skipped, never overwritten. */
  importBackup(content: string): Promise<boolean>
}

export interface ConnectionSlice {
  connection: ConnectionState
  /** A prompt (host key fingerprint or secret kind+host) the user closed; hidden until it changes. */
  dismissedPrompt: string | null
  secretError: AppError | null
  applyConnection(state: ConnectionState): void
  reconnect(): Promise<void>
  trustHostKey(fingerprint: string): Promise<void>
  provideSecret(value: string, remember: boolean): Promise<boolean>
  /** Pin a certificate the server presented (and the app refused) for the selected profile. */
  trustCertificate(fingerprint: string): Promise<boolean>
  dismissPrompt(key: string): void
  /** SSH servers' keyboard-interactive questions waiting for the user (two-factor codes), oldest first. */
  authPrompts: AuthPromptRequest[]
  applyAuthPrompts(pending: AuthPromptRequest[]): void
  /** Send the answers (null = cancel); false when main was no longer waiting for them. */
  answerAuthPrompt(id: string, answers: string[] | null): Promise<boolean>
  /**
   * An SSH password typed in the first-start form: given to the tunnel when it asks for it (once,
   * remembered), so the user is not asked twice.
   */
  queuedPassword: string | null
  queuePassword(value: string | null): void
  /** Show a prompt the user closed again (sending a message, the "Enter password" button). */
  reopenPrompt(): void
  /** Check the backend now (the window regained focus); the state follows main's answer. */
  checkConnection(): Promise<void>
}

export interface DoctorState {
  /** The "Connection check" dialog is showing. */
  open: boolean
  /** The profile being checked; null = the selected one. */
  profileId: string | null
  running: boolean
  /** The id this window gave the running check: its `doctor:step` events, and what Stop names. */
  runId: string | null
  /** The steps of the running check so far, each as it finished (`doctor:step`). */
  steps: DoctorStep[]
  report: DoctorReport | null
  /** The check itself could not run (no profile selected, the profile was deleted…). */
  error: AppError | null
}

/** A profile form's check of its draft (`profiles:detect`) while it runs. */
export interface DraftCheckState {
  /** The id this window gave the running check; null when none runs. */
  runId: string | null
  /** Its steps so far, each as it finished (`doctor:step`). */
  steps: DoctorStep[]
}

export interface DoctorSlice {
  doctor: DoctorState
  draftCheck: DraftCheckState
  /** Show the connection check for a profile (the selected one by default) and run it. */
  openDoctor(profileId?: string): void
  /** Run the check again for the same profile. */
  runDoctor(): Promise<void>
  /** Stop the running check: its running step fails as stopped, and its report comes back as usual. */
  stopDoctor(): Promise<void>
  /** Stop the profile form's running check: it answers its report, the running step failed as stopped. */
  stopDraftCheck(): Promise<void>
  /**
   * A step of a running check (the dialog's or a profile form's), as main tells it; another run's
   * (another window's) is ignored.
   */
  applyDoctorStep(payload: { runId: string; step: DoctorStep }): void
  closeDoctor(): void
  /** One block of text for support (versions, the profile without secrets, the last check, log lines). */
  diagnostics(): Promise<IpcResult<{ text: string }>>
}

export interface SettingsSlice {
  appInfo: AppInfo | null
  settings: Settings
  booted: boolean
  bootError: AppError | null
  /** The 0.1 history's import at this start (the start-up screen shows it while it runs). */
  legacyImport: LegacyImportProgress | null
  boot(): Promise<void>
  applyLegacyImport(progress: LegacyImportProgress): void
  applySettings(settings: Settings): void
  /** A data file moved aside while the app ran: added to the ones start-up found, and shown. */
  noteMovedAside(movedTo: string): void
  updateSettings(patch: Partial<Settings>): Promise<void>
  /** Keep which conversation is open (null = a new chat), so the next start reopens it. */
  rememberConversation(id: string | null): void
}

export interface ProfilesSlice {
  profiles: Profile[]
  activeProfileId: string | null
  /** Profiles that have an API key stored in main (the key itself never reaches the renderer). */
  profilesWithApiKey: string[]
  /** Profiles whose manual proxy has a password stored in main. */
  profilesWithProxyPassword: string[]
  /** Names of the profiles in profiles.json this version cannot use (kept there, not listed). */
  unusableProfiles: string[]
  /** Profile id → credential headers whose value main keeps for the backend the profile points at now. */
  profilesHeaderSecrets: Record<string, string[]>
  /**
   * The profile a save of this window is writing, until its answer is in: the profile form takes
   * the change it brings as its own, not as one made elsewhere (the event comes before the answer).
   */
  savingProfileId: string | null
  applyProfiles(state: ProfilesState): void
  /** Ask main for the list again; false when it could not answer. */
  loadProfiles(): Promise<boolean>
  /**
   * The result carries field errors for the form, so it is returned rather than toasted. With
   * `expected` (the profile as the caller last had it) the save is refused, `profile.changed`,
   * when the stored one changed since.
   */
  saveProfile(
    draft: Record<string, unknown>,
    expected?: Record<string, unknown>
  ): Promise<IpcResult<Profile>>
  /** An empty value forgets the key. */
  setApiKey(id: string, value: string): Promise<boolean>
  /** An empty value forgets the password. */
  setProxyPassword(id: string, value: string): Promise<boolean>
  removeProfile(id: string): Promise<boolean>
  selectProfile(id: string): Promise<boolean>
  profileTemplate(kind: 'direct' | 'tunnel'): Promise<ProfileDraft | null>
  /** Hosts of ~/.ssh/config as drafts (nothing is saved); the dialog shows a failure itself. */
  importSshConfig(): Promise<IpcResult<InvokeResult<'profiles:importSshConfig'>>>
  /**
   * Check a draft (not saved) end to end; with `detect` the server type is found on the way and
   * the report's `detected` is the contract to save. The form shows a failure itself.
   */
  /** Each step shows in `draftCheck` as it finishes; `stopDraftCheck` ends it. */
  checkDraft(
    draft: Record<string, unknown>,
    opts: { apiKey?: string; sshPassword?: string; detect: boolean }
  ): Promise<IpcResult<DoctorReport>>
  /** Save every profile to a file (a download in the web harness); a toast says where. */
  exportProfiles(): Promise<void>
  /** Add the profiles of a file's text; a toast says what was added or why nothing was. */
  importProfiles(content: string): Promise<boolean>
  /**
   * The models a server lists: the selected profile's, another saved one's, or a form's draft
   * (with the key typed in it). The caller shows a failure itself.
   */
  listModels(target?: {
    profileId?: string
    draft?: Record<string, unknown>
    apiKey?: string
  }): Promise<IpcResult<string[]>>
  /** Use another model with a saved profile (the header's model picker). */
  setModel(profileId: string, model: string): Promise<boolean>
}

/** A toast. Kept untranslated (a key or an AppError) so that a language switch re-translates it. */
export interface Notice {
  id: number
  tone: 'info' | 'error'
  error?: AppError
  key?: string
  params?: Record<string, string | number>
}

export interface UiSlice {
  view: 'chat' | 'settings'
  notice: Notice | null
  /** Recovered data files reported by app.info, until the user dismisses the banner. */
  showRecovered: boolean
  setView(view: 'chat' | 'settings'): void
  /**
   * Settings should open this profile's form (an error's "Open profile settings"), putting the
   * cursor in the first of `focus` (element ids) that is on screen. SettingsView takes it.
   */
  settingsTarget: { profileId: string; focus: string[] } | null
  /** Show Settings with a saved profile's form open (closes the connection check). */
  openProfileSettings(profileId: string, focus?: string[]): void
  clearSettingsTarget(): void
  /** Show a transient message: an i18n key (with params) or an AppError. */
  notify(notice: Omit<Notice, 'id'>): void
  dismissNotice(): void
  dismissRecovered(): void
  /** Open a web link in the system browser (main refuses anything but http and https). */
  openExternal(url: string): void
  /** The window is narrower than 900 px: the sidebar folds away unless the user opens it. */
  narrow: boolean
  /** The user's Ctrl+B / button choice; null = follow the window width. Reset when the width class changes. */
  sidebarOpen: boolean | null
  /** The keyboard shortcut overlay (Ctrl+/). */
  shortcutsOpen: boolean
  setNarrow(narrow: boolean): void
  toggleSidebar(): void
  setSidebarOpen(open: boolean): void
  setShortcutsOpen(open: boolean): void
}

export type Store = ChatSlice &
  SecretRetrySlice &
  AttachmentsSlice &
  PromptsSlice &
  ConversationsSlice &
  ConnectionSlice &
  DoctorSlice &
  SettingsSlice &
  ProfilesSlice &
  UiSlice

export type Slice<T> = StateCreator<Store, [], [], T>

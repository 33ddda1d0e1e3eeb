/**
 * The core answers from the moment it starts, also while the 0.1 history is imported at the first
 * start after an upgrade (seconds to a minute, in a worker: store/importLegacy.ts). Calls that read
 * or write the history wait until the history is open; the rest answer at once, so a window can
 * show the import's progress, the connection comes up meanwhile and the CLI's profile and
 * connection commands are not held up. docs/STORAGE.md, "The event loop".
 *
 * `openHistory` opens it (the import in the background) and hands out the store meanwhile;
 * `waitsForHistory` has one entry per channel, so a new channel cannot be added without deciding:
 * `true` = waits.
 */
import type { LegacyImportProgress } from '@shared/conversation'
import { AppFailure, appError } from '@shared/errors'
import type { InvokeChannel } from '@shared/ipc/contract'
import type { Handlers } from './dispatch'
import type { Logger } from './logger'
import { conversationStoreOn, type ConversationStore } from './store/conversations'
import { openDatabase } from './store/db'
import { LegacyImportStopped } from './store/legacyImport'

export const waitsForHistory: Record<InvokeChannel, boolean> = {
  // recoveredFiles lists the 0.1 files the import could not read.
  'app:info': true,
  'app:openExternal': false,
  'app:saveFile': false,
  'app:diagnostics': false,
  'settings:get': false,
  'settings:set': false,
  'profiles:list': false,
  'profiles:save': false,
  'profiles:remove': false,
  'profiles:select': false,
  'profiles:template': false,
  'profiles:setApiKey': false,
  'profiles:setProxyPassword': false,
  'profiles:export': false,
  'profiles:import': false,
  'profiles:detect': false,
  'profiles:importSshConfig': false,
  'backend:models': false,
  'conversations:importProgress': false,
  'conversations:list': true,
  'conversations:get': true,
  'conversations:selectVersion': true,
  'conversations:create': true,
  'conversations:rename': true,
  'conversations:remove': true,
  'conversations:restore': true,
  'conversations:export': true,
  'conversations:backup': true,
  'conversations:importBackup': true,
  'conversations:search': true,
  'conversations:pin': true,
  'chat:send': true,
  'chat:retry': true,
  'chat:edit': true,
  'chat:stop': true,
  'prompts:list': false,
  'prompts:save': false,
  'prompts:remove': false,
  'attachments:extract': false,
  'connection:state': false,
  'connection:authPrompts': false,
  'connection:check': false,
  'connection:reconnect': false,
  'connection:trustHostKey': false,
  'connection:provideSecret': false,
  'connection:trustCertificate': false,
  'connection:answerAuthPrompt': false,
  'connection:doctor': false,
  'connection:doctorStop': false
}

/** The handler table with every history channel waiting for `opened` first. */
export function gateHandlers(handlers: Handlers, opened: Promise<unknown>): Handlers {
  const gated = { ...handlers } as Record<InvokeChannel, (arg: never) => Promise<unknown>>
  for (const channel of Object.keys(handlers) as InvokeChannel[]) {
    if (!waitsForHistory[channel]) continue
    const handler = handlers[channel] as (arg: never) => Promise<unknown>
    gated[channel] = async (arg) => {
      await opened
      return handler(arg)
    }
  }
  return gated as Handlers
}

/**
 * The store the handlers and the chat service hold before it is open: every use goes to the open
 * store. Only a channel that does not wait (above) could reach it early, which is a bug: it throws.
 */
function storeWhenOpen(current: () => ConversationStore | undefined): ConversationStore {
  return new Proxy({} as ConversationStore, {
    get(_, key: string | symbol) {
      const store = current()
      if (!store)
        throw new Error(
          `the history is not open yet (conversations.${String(key)}): its channel must wait (historyGate.ts)`
        )
      const value = store[key as keyof ConversationStore]
      return typeof value === 'function'
        ? (value as (...a: unknown[]) => unknown).bind(store)
        : value
    }
  })
}

export interface OpeningHistory {
  /** Settles once the history is open (the 0.1 import done), or rejects: stopped, or failed. */
  opened: Promise<ConversationStore>
  /** The store to hand out now: usable once `opened` has settled (storeWhenOpen). */
  store: ConversationStore
  /** The 0.1 import at this start, as last told. */
  progress(): LegacyImportProgress
  /** Stop an import still running: it rolls back at its next check; the next start imports again. */
  stop(): void
}

/**
 * Open the history database now (one that cannot be opened throws: the start fails) and the store
 * on it in the background, with the 0.1 import when there is one, telling its progress through
 * `tell`. A failure says that the 0.1 files are unchanged and the next start tries again.
 */
export function openHistory(
  dataDir: string,
  logger: Logger,
  now: () => number,
  tell: (progress: LegacyImportProgress) => void
): OpeningHistory {
  let progress: LegacyImportProgress = { state: 'idle', done: 0, total: 0 }
  const tellImport = (next: LegacyImportProgress) => {
    progress = next
    tell(next)
  }
  const stopImport = new AbortController()
  let openStore: ConversationStore | undefined
  const opened = conversationStoreOn(openDatabase(dataDir, logger, now), dataDir, logger, now, {
    onProgress: tellImport,
    signal: stopImport.signal
  }).then(
    (store) => {
      openStore = store
      if (progress.state !== 'idle') tellImport({ ...progress, state: 'done' })
      return store
    },
    (error: unknown) => {
      if (error instanceof LegacyImportStopped) {
        tellImport({ ...progress, state: 'idle', done: 0 })
        throw error
      }
      const importing = progress.state !== 'idle'
      if (importing) tellImport({ ...progress, state: 'failed' })
      logger.error('the conversation history could not be opened', { error })
      const reason = error instanceof Error ? error.message : String(error)
      // Only an import that was running has 0.1 files to speak of.
      throw new AppFailure(
        appError(
          'store.io',
          importing
            ? `The conversation history of the previous version could not be brought over (${reason}). Its files are unchanged; the next start tries again.`
            : `The conversation history could not be opened (${reason}). Nothing was changed; the next start tries again.`
        )
      )
    }
  )
  // Nobody may be waiting when it fails (or is stopped by dispose): that is not unhandled.
  opened.catch(() => undefined)
  return {
    opened,
    store: storeWhenOpen(() => openStore),
    progress: () => progress,
    stop: () => stopImport.abort()
  }
}

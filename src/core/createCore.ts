import type { AppError } from '@shared/errors'
import type { EventName, EventPayloads } from '@shared/ipc/contract'
import { createExtractor } from './attachments/extractor'
import { createChatService } from './chat/service'
import { createAuthPromptBroker } from './connection/authPrompts'
import { defaultHealthIntervalMs } from './connection/health'
import { createConnectionManager, type ConnectionManager } from './connection/manager'
import type { ConnectionEnvironment } from './connection/network'
import { createRefusedCertificates } from './connection/tls/refused'
import { createDispatch, createTerminalDispatch, type Dispatch } from './dispatch'
import { createTerminalHandlers } from './terminalHandlers'
import { wslLocalhostFacts } from './windows/wsl'
import { createDoctorService } from './doctor/service'
import { createHandlers } from './handlers'
import { migrateSecrets } from './profileSecrets'
import { securePrivateDataDir } from './dataDir'
import type { Core, CoreOptions, EventListener } from './index'
import { gateHandlers, openHistory } from './historyGate'
import { openProfileStore, type ProfileStore } from './store/profiles'
import { openPromptStore } from './store/prompts'
import { openSettingsStore } from './store/settings'
import { pickLanguage } from '@shared/i18n/errorText'

/** The core, and the terminal's own dispatch beside it, which only startTerminalCore hands out. */
export interface CoreWithTerminal {
  core: Core
  terminal: { dispatch: Dispatch }
}

export async function createCoreWithTerminal(opts: CoreOptions): Promise<CoreWithTerminal> {
  const now = opts.now ?? Date.now
  const listeners = new Set<EventListener>()
  const emit = <E extends EventName>(event: E, payload: EventPayloads[E]) => {
    for (const l of listeners) l(event, payload)
  }

  // Before any store writes: the folder and everything under it is the user's only (0700).
  securePrivateDataDir(opts.dataDir, opts.logger)
  const stored = await openProfileStore(opts.dataDir, opts.logger, {
    onMovedAside: (movedTo) => emit('app:fileMovedAside', { movedTo })
  })
  // 0.1's secrets (keyed by profile id, header values in profiles.json) bound to where each profile points now.
  await migrateSecrets(stored, opts.secrets, opts.logger)
  // A process that works on one profile (the CLI's `chat --profile`, `session:use`) sees it as the
  // active one; the selection the app keeps in profiles.json stays as it is.
  let sessionProfileId: string | undefined
  const profiles: ProfileStore = {
    ...stored,
    active: () => (sessionProfileId === undefined ? stored.active() : stored.get(sessionProfileId))
  }
  // Opened before the 0.1 import starts, so that a start that fails here leaves no import running.
  const settings = await openSettingsStore(opts.dataDir)
  // A new library's examples are in the language the UI starts in.
  const prompts = await openPromptStore(opts.dataDir, () =>
    pickLanguage(settings.get().language, opts.appInfo.locale)
  )
  // The history database opens now (one that cannot be opened fails the start, as before); the
  // 0.1 import, when there is one, goes on in the background while the core answers everything
  // that does not touch the history (historyGate.ts), telling its progress.
  const history = openHistory(opts.dataDir, opts.logger, now, (progress) =>
    emit('conversations:importProgress', progress)
  )
  const conversations = history.store
  // Certificates refused by the app's connection or by the doctor: what "trust this certificate" may pin.
  const certificates = createRefusedCertificates()
  const onCertificateRefused = (profileId: string, error: AppError) =>
    certificates.remember(profileId, error)
  const resolveSystemProxy = opts.platform?.resolveProxy
  // Two-factor questions from SSH servers, for the tunnel and the doctor alike, shown by the shell.
  const authPrompts = createAuthPromptBroker((pending) =>
    emit('connection:authPrompts', { pending })
  )
  // The app's connection and the doctor open connections the same way, with the same environment.
  const network: ConnectionEnvironment = {
    secrets: opts.secrets,
    logger: opts.logger,
    dataDir: opts.dataDir,
    homeDir: opts.homeDir,
    env: opts.env,
    onCertificateRefused,
    askUser: authPrompts.ask,
    ...(resolveSystemProxy ? { resolveSystemProxy } : {})
  }
  const connections = createConnectionManager({
    ...network,
    healthIntervalMs: opts.healthIntervalMs ?? defaultHealthIntervalMs,
    onState: (state) => emit('connection:state', state)
  })
  // Without `connect`, a change of the selection (a CLI profile command) opens no connection.
  const follow = opts.connect !== false
  const followed: ConnectionManager = follow
    ? connections
    : { ...connections, use: async () => undefined }
  const chat = createChatService({
    profiles,
    conversations,
    connections,
    logger: opts.logger,
    secrets: opts.secrets,
    emit,
    now
  })
  const extractor = createExtractor({ logger: opts.logger })
  const handlers = createHandlers({
    legacyImport: history.progress,
    extractor,
    prompts,
    homeDir: opts.homeDir,
    env: opts.env,
    appInfo: opts.appInfo,
    profiles,
    conversations,
    settings,
    connections: followed,
    chat,
    secrets: opts.secrets,
    platform: opts.platform ?? {},
    emit,
    // On Windows the doctor can tell a refused localhost apart when WSL's forwarding is off.
    doctor: createDoctorService(
      process.platform === 'win32'
        ? { ...network, wslLocalhost: () => wslLocalhostFacts(opts.homeDir) }
        : network,
      (runId, profileId, step) => emit('doctor:step', { runId, profileId, step })
    ),
    logger: opts.logger,
    certificates,
    authPrompts
  })
  // Other processes on this folder (the CLI, a second window, the harness): their commits show
  // up here within the polling interval, as the same event this process's own changes send.
  let unwatch = () => {}
  void history.opened.then(
    (store) =>
      (unwatch = store.watch(() => emit('conversations:changed', { summaries: store.list() }))),
    () => undefined
  )
  // Profiles too (`profiles edit`/`select` in the CLI, another window's Settings): the connection
  // follows a selection made there, and the window gets the whole state, as after its own change.
  const unwatchProfiles = stored.watch(() => {
    void (async () => {
      await followed.use(profiles.active())
      emit('profiles:changed', await handlers['profiles:list'](undefined))
    })().catch((error: unknown) =>
      opts.logger.warn('could not follow a change of profiles.json', {
        reason: error instanceof Error ? error.message : String(error)
      })
    )
  })
  if (follow) void connections.use(profiles.active())
  const terminal = createTerminalHandlers({
    dataDir: opts.dataDir,
    homeDir: opts.homeDir,
    logger: opts.logger,
    profiles: stored,
    connections,
    useProfile: (profile) => void (sessionProfileId = profile.id),
    active: () => profiles.active()
  })
  opts.logger.info('core started', {
    dataDir: opts.dataDir,
    profiles: profiles.state().profiles.length
  })

  const core: Core = {
    dispatch: createDispatch(gateHandlers(handlers, history.opened), opts.logger),
    onEvent(listener) {
      listeners.add(listener)
      return () => void listeners.delete(listener)
    },
    async dispose() {
      // First, before anything that waits: an import still running stops at its next check
      // (between two conversations, or two of its phases) and rolls back; the next start
      // imports again. The store closes once it is open.
      history.stop()
      await chat.dispose()
      await extractor.dispose()
      unwatchProfiles()
      await history.opened.then(
        (store) => {
          unwatch()
          store.close()
        },
        () => undefined
      )
      await connections.close()
      listeners.clear()
    }
  }
  return { core, terminal: { dispatch: createTerminalDispatch(terminal, opts.logger) } }
}

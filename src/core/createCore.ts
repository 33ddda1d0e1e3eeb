import type { AppError } from '@shared/errors'
import type { EventName, EventPayloads } from '@shared/ipc/contract'
import { createExtractor } from './attachments/extractor'
import { createChatService } from './chat/service'
import { createAuthPromptBroker } from './connection/authPrompts'
import { defaultHealthIntervalMs } from './connection/health'
import { createConnectionManager } from './connection/manager'
import type { ConnectionEnvironment } from './connection/network'
import { createRefusedCertificates } from './connection/tls/refused'
import { createDispatch } from './dispatch'
import { wslLocalhostFacts } from './windows/wsl'
import { createDoctorService } from './doctor/service'
import { createHandlers } from './handlers'
import { migrateSecrets } from './profileSecrets'
import { securePrivateDataDir } from './dataDir'
import type { Core, CoreOptions, EventListener } from './index'
import { openConversationStore } from './store/conversations'
import { openProfileStore, type ProfileStore } from './store/profiles'
import { openPromptStore } from './store/prompts'
import { openSettingsStore } from './store/settings'
import { pickLanguage } from '@shared/i18n/errorText'

export async function createCore(opts: CoreOptions): Promise<Core> {
  const now = opts.now ?? Date.now
  const listeners = new Set<EventListener>()
  const emit = <E extends EventName>(event: E, payload: EventPayloads[E]) => {
    for (const l of listeners) l(event, payload)
  }

  // Before any store writes: the folder and everything under it is the user's only (0700).
  securePrivateDataDir(opts.dataDir, opts.logger)
  const stored = await openProfileStore(opts.dataDir, opts.logger)
  // 0.1's secrets (keyed by profile id, header values in profiles.json) bound to where each profile points now.
  await migrateSecrets(stored, opts.secrets, opts.logger)
  // A process that works on one profile (the CLI's --profile) sees it as the active one; the
  // selection the app keeps in profiles.json stays as it is.
  const sessionProfileId = opts.profileId
  const profiles: ProfileStore =
    sessionProfileId === undefined
      ? stored
      : { ...stored, active: () => stored.get(sessionProfileId) }
  const conversations = await openConversationStore(opts.dataDir, opts.logger, now)
  const settings = await openSettingsStore(opts.dataDir)
  // A new library's examples are in the language the UI starts in.
  const prompts = await openPromptStore(opts.dataDir, () =>
    pickLanguage(settings.get().language, opts.appInfo.locale)
  )
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
    extractor,
    prompts,
    homeDir: opts.homeDir,
    env: opts.env,
    appInfo: opts.appInfo,
    profiles,
    conversations,
    settings,
    connections,
    chat,
    secrets: opts.secrets,
    platform: opts.platform ?? {},
    emit,
    // On Windows the doctor can tell a refused localhost apart when WSL's forwarding is off.
    doctor: createDoctorService(
      process.platform === 'win32'
        ? { ...network, wslLocalhost: () => wslLocalhostFacts(opts.homeDir) }
        : network
    ),
    logger: opts.logger,
    certificates,
    authPrompts
  })
  // Other processes on this folder (the CLI, a second window, the harness): their commits show
  // up here within the polling interval, as the same event this process's own changes send.
  const unwatch = conversations.watch(() =>
    emit('conversations:changed', { summaries: conversations.list() })
  )
  if (opts.connectOnStart !== false) void connections.use(profiles.active())
  opts.logger.info('core started', {
    dataDir: opts.dataDir,
    profiles: profiles.state().profiles.length
  })

  return {
    dispatch: createDispatch(handlers, opts.logger),
    onEvent(listener) {
      listeners.add(listener)
      return () => void listeners.delete(listener)
    },
    async dispose() {
      await chat.dispose()
      await extractor.dispose()
      unwatch()
      conversations.close()
      await connections.close()
      listeners.clear()
    }
  }
}

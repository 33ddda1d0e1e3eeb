/**
 * The contract, as functions: one handler per invoke channel, each a thin adapter over the
 * services. The `Handlers` type makes a missing or extra channel a compile error.
 */
import type { LegacyImportProgress } from '@shared/conversation'
import { importBackup, makeBackup } from './chat/backup'
import { AppFailure, fail } from '@shared/errors'
import {
  defaultDirectDraft,
  defaultTunnelConnection,
  isSecretHeaderName,
  normalizeFingerprint,
  validateProfile
} from '@shared/profile'
import type {
  AppInfo,
  ConversationsState,
  EventName,
  EventPayloads,
  ProfilesState
} from '@shared/ipc/contract'
import type { Extractor } from './attachments/extractor'
import type { PromptStore } from './store/prompts'
import { bytesFromBase64, extractAttachment } from './attachments/service'
import { listModels } from './backend/client'
import type { createChatService } from './chat/service'
import { exportConversation } from './chat/exportConversation'
import type { ConnectionManager } from './connection/manager'
import type { RefusedCertificates } from './connection/tls/refused'
import { importableSshHosts } from './connection/tunnel/importHosts'
import { buildDiagnostics } from './diagnostics'
import type { DoctorService } from './doctor/service'
import type { Handlers } from './dispatch'
import type { Logger } from './logger'
import { recentLines } from './logging'
import {
  importProfiles,
  profileFileContent,
  readProfileFile,
  readPromptsOfFile
} from './store/profileFile'
import type { Platform } from './platform'
import {
  backendSecrets,
  headerSecretKind,
  pruneSecrets,
  storedHeaderSecrets,
  takeHeaderSecrets
} from './profileSecrets'
import {
  getBoundSecret,
  profileSecretPrefix,
  secretKey,
  sshSecretKey,
  type SecretStore
} from './secrets'
import type { ConversationStore } from './store/conversations'
import type { AuthPromptBroker } from './connection/authPrompts'
import type { ProfileStore } from './store/profiles'
import type { openSettingsStore } from './store/settings'

export interface HandlerDeps {
  homeDir: string
  env: Record<string, string | undefined>
  appInfo: Omit<AppInfo, 'persistentSecrets' | 'recoveredFiles'>
  profiles: ProfileStore
  /** Usable once the history is open: the channels that use it wait for that (historyGate.ts). */
  conversations: ConversationStore
  /** The 0.1 history's import at this start, as last told. */
  legacyImport: () => LegacyImportProgress
  settings: Awaited<ReturnType<typeof openSettingsStore>>
  connections: ConnectionManager
  chat: ReturnType<typeof createChatService>
  secrets: SecretStore
  platform: Platform
  emit: <E extends EventName>(event: E, payload: EventPayloads[E]) => void
  /** The connection doctor (keeps its last report for diagnostics). */
  doctor: DoctorService
  /** For diagnostics: its recent lines, when it keeps them (see logging.ts). */
  logger: Logger
  /** Certificates refused in this session: the only ones "trust this certificate" may pin. */
  certificates: RefusedCertificates
  /** Text out of attached files, in a worker thread. */
  extractor: Extractor
  /** The prompt library (prompts.json). */
  prompts: PromptStore
  /** SSH keyboard-interactive questions waiting for the user. */
  authPrompts: AuthPromptBroker
}

export function createHandlers(d: HandlerDeps): Handlers {
  const conversationsState = (): ConversationsState => ({ summaries: d.conversations.list() })
  /** Tell every window the list changed, and answer the caller with the same state. */
  const conversationsChanged = (): ConversationsState => {
    const state = conversationsState()
    d.emit('conversations:changed', state)
    return state
  }
  const profilesState = async (): Promise<ProfilesState> => {
    const stored = d.profiles.state()
    const withApiKey: string[] = []
    const withProxyPassword: string[] = []
    // Only secrets bound to where each profile points now count: a profile re-pointed elsewhere
    // shows its API key or proxy password as missing, and the user enters it again.
    for (const p of stored.profiles) {
      if (await getBoundSecret(d.secrets, p, 'apiKey')) withApiKey.push(p.id)
      if (await getBoundSecret(d.secrets, p, 'proxyPassword')) withProxyPassword.push(p.id)
    }
    return {
      ...stored,
      withApiKey,
      withProxyPassword,
      withHeaderSecrets: await storedHeaderSecrets(stored.profiles, d.secrets)
    }
  }
  const profilesChanged = async () => {
    await d.connections.use(d.profiles.active())
    const state = await profilesState()
    d.emit('profiles:changed', state)
    return state
  }
  const connector = () => d.connections.connector()

  return {
    'app:info': async () => ({
      ...d.appInfo,
      persistentSecrets: d.secrets.persistent,
      recoveredFiles: [
        ...d.profiles.recovered,
        ...(d.prompts.recovered ? [d.prompts.recovered] : []),
        ...d.conversations.recovered()
      ]
    }),
    'app:openExternal': async ({ url }) => {
      let parsed: URL
      try {
        parsed = new URL(url)
      } catch {
        return { opened: false }
      }
      // Only web links leave the app: never file:, javascript:, custom protocol handlers.
      if ((parsed.protocol !== 'http:' && parsed.protocol !== 'https:') || !d.platform.openExternal)
        return { opened: false }
      await d.platform.openExternal(parsed.toString())
      return { opened: true }
    },
    'app:saveFile': async ({ fileName, content }) => {
      if (!d.platform.saveFile) return { saved: false }
      const result = await d.platform.saveFile(fileName, content)
      if (result.saved) d.logger.info('exported a file', { path: result.path })
      return result
    },
    'app:diagnostics': async () => ({
      text: buildDiagnostics({
        app: d.appInfo,
        profile: d.profiles.active(),
        doctor: d.doctor.last(),
        logLines: recentLines(d.logger),
        persistentSecrets: d.secrets.persistent
      })
    }),

    'settings:get': async () => d.settings.get(),
    'settings:set': async (patch) => {
      const next = await d.settings.set(patch)
      d.emit('settings:changed', next)
      return next
    },

    'profiles:list': profilesState,
    'profiles:save': async ({ draft, expected }) => {
      // Credential header values never reach profiles.json: they go to the secret store, bound to
      // the saved profile's backend (an empty value keeps the stored one).
      const typed = new Map<number, string>()
      const contract = draft.contract as Record<string, unknown> | undefined
      const headers: unknown[] =
        contract && typeof contract === 'object' && Array.isArray(contract.headers)
          ? contract.headers
          : []
      const blanked = headers.map((h, i) => {
        const header = h as { name?: unknown; value?: unknown } | null
        if (
          !header ||
          typeof header.name !== 'string' ||
          typeof header.value !== 'string' ||
          !isSecretHeaderName(header.name) ||
          header.value === ''
        )
          return h
        typed.set(i, header.value)
        return { ...header, value: '' }
      })
      const plain =
        typed.size > 0 ? { ...draft, contract: { ...contract, headers: blanked } } : draft
      const profile = await d.profiles.save(plain, expected).catch(async (error: unknown) => {
        // The caller's copy is stale: send it the profiles as they are now (this core may have
        // taken the change in only now, reading the file before the save), then refuse.
        if (error instanceof AppFailure && error.error.code === 'profile.changed')
          await profilesChanged()
        throw error
      })
      for (const [i, value] of typed) {
        const name = profile.contract.headers[i]?.name
        if (name)
          await d.secrets.set(secretKey(profile, headerSecretKind(name)) as string, value, true)
      }
      // Secrets bound to an endpoint this profile no longer has are never used again: forget them.
      await pruneSecrets(profile, d.secrets)
      return { ...(await profilesChanged()), saved: profile }
    },
    'profiles:remove': async ({ id }) => {
      await d.profiles.remove(id)
      await d.secrets.deletePrefix(profileSecretPrefix(id))
      return profilesChanged()
    },
    'profiles:select': async ({ id }) => {
      await d.profiles.select(id)
      return profilesChanged()
    },
    'profiles:importSshConfig': async () => importableSshHosts({ homeDir: d.homeDir, env: d.env }),
    // Stored bound to where the profile points now (secrets.ts): re-pointing it asks again.
    'profiles:setApiKey': async ({ id, value }) => {
      const key = secretKey(d.profiles.get(id), 'apiKey') as string
      if (value) await d.secrets.set(key, value, true)
      else await d.secrets.delete(key)
      return profilesChanged()
    },
    'profiles:setProxyPassword': async ({ id, value }) => {
      const profile = d.profiles.get(id)
      const key = secretKey(profile, 'proxyPassword')
      if (!key)
        fail(
          'profile.invalid',
          `The profile "${profile.name}" has no proxy address to keep a password for`,
          { fields: [{ field: 'proxy.url', code: 'invalid_proxy_url' }] }
        )
      if (value) await d.secrets.set(key, value, true)
      else await d.secrets.delete(key)
      return profilesChanged()
    },
    'profiles:export': async () => ({
      fileName: 'kha-desktop-profiles.json',
      mimeType: 'application/json',
      content: profileFileContent(d.profiles.state().profiles, new Date(), d.prompts.list())
    }),
    'profiles:import': async ({ content }) => {
      // A credential header in the file goes to the secret store, bound to its profile's backend.
      const imported = await Promise.all(
        readProfileFile(content).map((p) => takeHeaderSecrets(p, d.secrets))
      )
      const { added, updated } = await importProfiles(d.profiles, imported)
      const prompts = readPromptsOfFile(content)
      if (prompts.length > 0) await d.prompts.merge(prompts)
      d.logger.info('profiles imported', { added: added.length, updated: updated.length })
      return { ...(await profilesChanged()), added, updated }
    },
    'profiles:detect': async ({ draft, apiKey, sshPassword, detect, runId }) => {
      // Not saved: an id only so that secrets and refused certificates have a key (an edited profile keeps its own).
      const id = typeof draft.id === 'string' && draft.id ? draft.id : 'draft'
      const checked = validateProfile({ ...draft, id })
      if (!checked.ok)
        fail('profile.invalid', 'Some profile fields are not valid', { fields: checked.fields })
      // Secrets typed in the form are used for this check only (saved later, by the profile and the tunnel's own prompt).
      const typed: Record<string, string> = {}
      if (apiKey) typed[secretKey(checked.profile, 'apiKey') as string] = apiKey
      if (sshPassword && checked.profile.connection.kind === 'tunnel')
        typed[sshSecretKey(checked.profile.id, 'password', checked.profile.connection.ssh)] =
          sshPassword
      return d.doctor.run(
        checked.profile,
        { detect: detect ?? true },
        Object.keys(typed).length ? typed : undefined,
        runId
      )
    },
    'backend:models': async (arg) => {
      let profile
      if (arg?.draft) {
        // A form not saved yet: its own connection, the key typed in it (or the one stored for an edited profile).
        const id = typeof arg.draft.id === 'string' && arg.draft.id ? arg.draft.id : 'draft'
        const checked = validateProfile({ ...arg.draft, id })
        if (!checked.ok)
          fail('profile.invalid', 'Some profile fields are not valid', { fields: checked.fields })
        profile = checked.profile
      } else profile = arg?.profileId ? d.profiles.get(arg.profileId) : d.profiles.active()
      if (!profile) fail('profile.none_selected', 'No connection profile is selected')
      const secrets = await backendSecrets(profile, d.secrets).catch(() => ({
        contract: profile.contract,
        apiKey: undefined
      }))
      const apiKey = arg?.apiKey || secrets.apiKey
      const target = { ...profile, contract: secrets.contract }
      return d.connections.withLink(profile, (link) => listModels(link, target, apiKey))
    },
    'profiles:template': async ({ kind }) => {
      const draft = defaultDirectDraft()
      if (kind === 'direct') return draft
      return { ...draft, name: 'SSH tunnel', connection: defaultTunnelConnection() }
    },

    'conversations:list': async () => conversationsState(),
    'conversations:importProgress': async () => d.legacyImport(),
    'conversations:get': async ({ id, all }) =>
      all ? d.conversations.getAll(id) : d.conversations.get(id),
    'conversations:create': async () => {
      const conversation = await d.conversations.create()
      return { ...conversationsChanged(), conversation }
    },
    'conversations:rename': async ({ id, title }) => {
      await d.conversations.rename(id, title)
      return conversationsChanged()
    },
    'conversations:remove': async ({ id }) => {
      await d.chat.stop(id)
      await d.conversations.remove(id)
      return conversationsChanged()
    },
    'conversations:restore': async ({ id }) => {
      await d.conversations.restore(id)
      return conversationsChanged()
    },
    'conversations:backup': async () => makeBackup(d.conversations),
    'conversations:importBackup': async ({ content }) => {
      const { imported, duplicates } = importBackup(d.conversations, content)
      return { ...conversationsChanged(), imported, duplicates }
    },
    'conversations:pin': async ({ id, pinned }) => {
      await d.conversations.setPinned(id, pinned)
      return conversationsChanged()
    },
    'conversations:export': async ({ id, format, language }) =>
      exportConversation(await d.conversations.get(id), format, language),
    'conversations:search': async ({ query, limit }) => d.conversations.search(query, limit ?? 50),
    'conversations:selectVersion': async ({ conversationId, messageId, version }) => {
      const conversation = await d.conversations.selectVersion(conversationId, messageId, version)
      conversationsChanged()
      return conversation
    },

    'chat:send': async (arg) => d.chat.send(arg),
    'chat:retry': async (arg) => d.chat.retry(arg),
    'chat:edit': async (arg) => d.chat.edit(arg),
    'chat:stop': async ({ conversationId }) => d.chat.stop(conversationId),
    'prompts:list': async () => d.prompts.list(),
    'prompts:save': async (prompt) => d.prompts.save(prompt),
    'prompts:remove': async ({ id }) => d.prompts.remove(id),
    'attachments:extract': async ({ name, data }) =>
      extractAttachment(
        d.extractor,
        { name, bytes: bytesFromBase64(name, data) },
        d.profiles.active()?.contract
      ),

    'connection:state': async () => d.connections.state(),
    // Also what the renderer calls when the window regains focus: the state follows the answer.
    'connection:check': async () => {
      if (!d.profiles.active()) fail('profile.none_selected', 'No connection profile is selected')
      return d.connections.checkNow()
    },
    'connection:reconnect': async () => {
      const c = await connector()
      c.reconnect()
      return c.state()
    },
    'connection:trustHostKey': async ({ fingerprint }) => {
      const c = await connector()
      if (!c.trustHostKey) fail('ipc.bad_request', 'This connection has no host key to trust')
      await c.trustHostKey(fingerprint)
      return c.state()
    },
    'connection:provideSecret': async ({ value, remember }) => {
      const c = await connector()
      if (!c.provideSecret) fail('ipc.bad_request', 'This connection does not need a secret')
      await c.provideSecret(value, remember)
      return c.state()
    },
    'connection:authPrompts': async () => ({ pending: d.authPrompts.pending() }),
    'connection:answerAuthPrompt': async ({ id, answers }) => ({
      accepted: d.authPrompts.answer(id, answers)
    }),
    'connection:trustCertificate': async ({ fingerprint }) => {
      const profile = d.profiles.active()
      if (!profile) fail('profile.none_selected', 'No connection profile is selected')
      const normalized = normalizeFingerprint(fingerprint)
      if (!normalized) fail('ipc.bad_request', 'Not a SHA-256 certificate fingerprint')
      const refused = d.certificates.find(profile.id, normalized)
      if (!refused)
        fail(
          'ipc.bad_request',
          `The server of "${profile.name}" did not present the certificate ${normalized} in this session`
        )
      // A pinned certificate that changed stays a warning: the old pin must be removed in the profile first, on purpose.
      if (refused.code === 'tls.pin_mismatch') throw new AppFailure(refused)
      if (!profile.tls.pinnedCertificates.includes(normalized)) {
        d.logger.warn('certificate pinned by the user', {
          profile: profile.name,
          fingerprint: normalized,
          reason: refused.code
        })
        await d.profiles.save({
          ...profile,
          tls: {
            ...profile.tls,
            pinnedCertificates: [...profile.tls.pinnedCertificates, normalized]
          }
        })
        await profilesChanged()
      }
      const c = await connector()
      return c.state()
    },
    'connection:doctor': async (arg) => {
      const profile = arg?.profileId ? d.profiles.get(arg.profileId) : d.profiles.active()
      if (!profile) fail('profile.none_selected', 'No connection profile is selected')
      return d.doctor.run(profile, {}, undefined, arg?.runId)
    },
    'connection:doctorStop': async (arg) => ({ stopped: d.doctor.stop(arg?.runId) })
  }
}

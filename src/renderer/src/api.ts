/**
 * The renderer's only way out: a thin service layer over `window.api` (Electron's preload, or the
 * web harness's WebSocket bridge; both are built from the shared contract). Store actions call
 * these functions; components never touch `window.api` directly, so tests replace one object.
 *
 * SCOPE: no fetch, no storage, no business rules here. Browser-only helpers that are not data
 * (clipboard, a download link) live at the end because they are the renderer's own side effects.
 */
import type { Api, EventName, EventPayloads, ExportedFile, InvokeArg } from '@shared/ipc/contract'

function api(): Api {
  return window.api
}

export const service = {
  appInfo: () => api().app.info(),
  openExternal: (url: string) => api().app.openExternal({ url }),
  saveFile: (arg: InvokeArg<'app:saveFile'>) => api().app.saveFile(arg),
  /** One block of text for support: versions, the profile without secrets, the last check, recent log lines. */
  diagnostics: () => api().app.diagnostics(),

  getSettings: () => api().settings.get(),
  setSettings: (patch: InvokeArg<'settings:set'>) => api().settings.set(patch),

  listProfiles: () => api().profiles.list(),
  saveProfile: (draft: Record<string, unknown>) => api().profiles.save({ draft }),
  removeProfile: (id: string) => api().profiles.remove({ id }),
  selectProfile: (id: string) => api().profiles.select({ id }),
  profileTemplate: (kind: 'direct' | 'tunnel') => api().profiles.template({ kind }),
  /** An empty value forgets the key. The key goes to main's secret store, never into the profile. */
  setApiKey: (id: string, value: string) => api().profiles.setApiKey({ id, value }),
  /** An empty value forgets it. The manual proxy's password goes to main's secret store, never into the profile. */
  setProxyPassword: (id: string, value: string) => api().profiles.setProxyPassword({ id, value }),
  /** Check an unsaved draft end to end, finding out the server type on the way (first start). */
  detectProfile: (arg: InvokeArg<'profiles:detect'>) => api().profiles.detect(arg),
  /** Every profile as a file to hand out (secrets never included). */
  exportProfiles: () => api().profiles.export(),
  importProfiles: (content: string) => api().profiles.import({ content }),
  /** Hosts of ~/.ssh/config as drafts of new profiles; nothing is saved. */
  importSshConfig: () => api().profiles.importSshConfig(),
  /** The models the selected profile's server lists (GET /v1/models). */
  listModels: (arg?: InvokeArg<'backend:models'>) => api().backend.models(arg),

  listConversations: () => api().conversations.list(),
  getConversation: (id: string) => api().conversations.get({ id }),
  renameConversation: (id: string, title: string) => api().conversations.rename({ id, title }),
  pinConversation: (id: string, pinned: boolean) => api().conversations.pin({ id, pinned }),
  backupConversations: () => api().conversations.backup(),
  importBackup: (content: string) => api().conversations.importBackup({ content }),
  removeConversation: (id: string) => api().conversations.remove({ id }),
  restoreConversation: (id: string) => api().conversations.restore({ id }),
  exportConversation: (id: string, format: 'markdown' | 'json', language?: 'ko' | 'en') => api().conversations.export({ id, format, ...(language ? { language } : {}) }),
  /** Show version `version` (1-based) of a message that has several; main remembers the choice. */
  selectVersion: (conversationId: string, messageId: string, version: number) => api().conversations.selectVersion({ conversationId, messageId, version }),
  searchConversations: (query: string, limit?: number) => api().conversations.search(limit ? { query, limit } : { query }),

  send: (arg: InvokeArg<'chat:send'>) => api().chat.send(arg),
  retry: (arg: InvokeArg<'chat:retry'>) => api().chat.retry(arg),
  edit: (arg: InvokeArg<'chat:edit'>) => api().chat.edit(arg),
  stop: (conversationId: string) => api().chat.stop({ conversationId }),
  listPrompts: () => api().prompts.list(),
  savePrompt: (prompt: InvokeArg<'prompts:save'>) => api().prompts.save(prompt),
  removePrompt: (id: string) => api().prompts.remove({ id }),
  /** A file's text (or image), extracted by main; `data` is the file's bytes in base64. */
  extractAttachment: (name: string, data: string) => api().attachments.extract({ name, data }),

  connectionState: () => api().connection.state(),
  /** The connection doctor: every step of a profile's connection (the selected one by default). */
  doctor: (profileId?: string) => api().connection.doctor(profileId ? { profileId } : {}),
  reconnect: () => api().connection.reconnect(),
  /** Check the backend now; the connection state follows (a connection:state event). */
  checkConnection: () => api().connection.check(),
  trustHostKey: (fingerprint: string) => api().connection.trustHostKey({ fingerprint }),
  /** Pin a certificate the server presented (and the app refused) for the selected profile. */
  trustCertificate: (fingerprint: string) => api().connection.trustCertificate({ fingerprint }),
  provideSecret: (value: string, remember: boolean) => api().connection.provideSecret({ value, remember }),
  /** Answer an SSH server's keyboard-interactive question (null = cancel). */
  answerAuthPrompt: (id: string, answers: string[] | null) => api().connection.answerAuthPrompt({ id, answers }),

  on: <E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void) => api().on(event, listener)
}

/** In the browser harness there is no save dialog: hand the file to the browser as a download. */
export function downloadFile(file: ExportedFile): void {
  const blob = new Blob([file.content], { type: `${file.mimeType};charset=utf-8` })
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = file.fileName
  a.rel = 'noopener'
  document.body.appendChild(a)
  a.click()
  a.remove()
  // Revoke later: revoking at once can cancel the download in some browsers.
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

/**
 * Copy text. The async Clipboard API can be refused (no focus, permission policy), so fall back
 * to a hidden textarea + execCommand, which works from a click handler everywhere.
 */
export async function copyText(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard?.writeText) {
      await navigator.clipboard.writeText(text)
      return true
    }
  } catch {
    // fall through to the legacy path
  }
  const area = document.createElement('textarea')
  area.value = text
  area.setAttribute('readonly', '')
  area.style.position = 'fixed'
  area.style.opacity = '0'
  document.body.appendChild(area)
  area.select()
  try {
    return document.execCommand('copy')
  } catch {
    return false
  } finally {
    area.remove()
  }
}

/**
 * Copy formatted text: `text/html` for Outlook, Word and 한글 (tables and lists survive the paste)
 * and `text/plain` (the Markdown) for everything else. Falls back to plain text where the
 * browser has no ClipboardItem.
 */
export async function copyRich(text: string, html: string): Promise<boolean> {
  try {
    if (typeof ClipboardItem !== 'undefined' && navigator.clipboard?.write) {
      await navigator.clipboard.write([
        new ClipboardItem({
          'text/html': new Blob([html], { type: 'text/html' }),
          'text/plain': new Blob([text], { type: 'text/plain' })
        })
      ])
      return true
    }
  } catch {
    // fall through to plain text
  }
  return copyText(text)
}

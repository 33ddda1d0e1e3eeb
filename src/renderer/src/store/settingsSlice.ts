/** App info, settings (language, theme), and the start-up sequence (profiles are profilesSlice). */
import type { IpcResult } from '@shared/errors'
import { service } from '../api'
import type { SettingsSlice, Slice } from './types'

export const createSettingsSlice: Slice<SettingsSlice> = (set, get) => ({
  appInfo: null,
  settings: { language: 'system', theme: 'system' },
  booted: false,
  bootError: null,
  legacyImport: null,

  async boot() {
    // Each answer is applied as soon as it arrives, not once all of them are in: an answer and the
    // core's events come down one ordered channel, so a `…:changed` event sent after an answer
    // (a profile added in another window, the connection going up) lands after it and wins, where
    // applying every answer at the end would put the older state back. The same holds for a
    // two-factor question asked before this window loaded (or reloaded): it still waits, show it.
    const applied = <T>(answer: Promise<IpcResult<T>>, apply: (data: T) => void) =>
      answer.then((res) => {
        if (res.ok) apply(res.data)
        return res
      })
    const authPrompts = applied(service.connection.authPrompts(), (data) =>
      get().applyAuthPrompts(data.pending)
    )
    // Answered at once, while the calls below wait for the history: on the first start after an
    // upgrade from 0.1 that is its import, whose progress the start-up screen shows meanwhile.
    void applied(service.conversations.importProgress(), (data) => get().applyLegacyImport(data))
    const [info, settings, profiles, summaries, connection] = await Promise.all([
      service.app.info(),
      applied(service.settings.get(), (data) => get().applySettings(data)),
      applied(service.profiles.list(), (data) => get().applyProfiles(data)),
      applied(service.conversations.list(), (data) => get().applySummaries(data.summaries)),
      applied(service.connection.state(), (data) => get().applyConnection(data))
    ])
    await authPrompts
    const failed = [info, settings, profiles, summaries, connection].find((r) => !r.ok)
    if (failed && !failed.ok) {
      set({ bootError: failed.error, booted: true })
      return
    }
    // Reopening the app shows the conversation that was open, not a blank chat (read from the
    // store: an event may have brought newer settings or summaries than the answers).
    const last = get().settings.lastConversationId
    const reopen = last && get().summaries.some((c) => c.id === last) ? last : null
    set({
      appInfo: info.ok ? info.data : null,
      ...(reopen ? { activeId: reopen } : {}),
      showRecovered: info.ok && info.data.recoveredFiles.length > 0,
      booted: true,
      bootError: null
    })
    if (reopen) void get().loadThread(reopen)
  },

  rememberConversation(id) {
    if ((get().settings.lastConversationId ?? null) === id) return
    set((s) => ({ settings: { ...s.settings, lastConversationId: id } }))
    // Quietly: a failure to remember is not worth a toast while the user chats.
    void service.settings.set({ lastConversationId: id })
  },

  applyLegacyImport(progress) {
    set({ legacyImport: progress })
  },

  applySettings(settings) {
    set({ settings })
  },

  noteMovedAside(movedTo) {
    const info = get().appInfo
    // Before boot's answer there is nothing to add to: app:info lists this file already.
    if (!info) return
    const recoveredFiles = info.recoveredFiles.includes(movedTo)
      ? info.recoveredFiles
      : [...info.recoveredFiles, movedTo]
    set({ appInfo: { ...info, recoveredFiles }, showRecovered: true })
  },

  async updateSettings(patch) {
    // Apply at once so the switch feels instant; main's answer (or event) is the truth after.
    set((s) => ({ settings: { ...s.settings, ...patch } }))
    const res = await service.settings.set(patch)
    if (res.ok) set({ settings: res.data })
    else get().notify({ tone: 'error', error: res.error })
  }
})

/** App info, settings (language, theme), and the start-up sequence (profiles are profilesSlice). */
import { service } from '../api'
import type { SettingsSlice, Slice } from './types'

export const createSettingsSlice: Slice<SettingsSlice> = (set, get) => ({
  appInfo: null,
  settings: { language: 'system', theme: 'system' },
  booted: false,
  bootError: null,

  async boot() {
    // A two-factor question asked before this window loaded (or reloaded) still waits: show it.
    // Applied as soon as it arrives: the answer and the core's events come down one ordered
    // channel, so an event sent after this answer (the question answered elsewhere) lands after it.
    const authPrompts = service.connection.authPrompts().then((res) => {
      if (res.ok) get().applyAuthPrompts(res.data.pending)
    })
    const [info, settings, profiles, summaries, connection] = await Promise.all([
      service.app.info(),
      service.settings.get(),
      service.profiles.list(),
      service.conversations.list(),
      service.connection.state()
    ])
    await authPrompts
    const failed = [info, settings, profiles, summaries, connection].find((r) => !r.ok)
    if (failed && !failed.ok) {
      set({ bootError: failed.error, booted: true })
      return
    }
    if (profiles.ok) get().applyProfiles(profiles.data)
    // Reopening the app shows the conversation that was open, not a blank chat.
    const last = settings.ok ? settings.data.lastConversationId : null
    const reopen =
      last && summaries.ok && summaries.data.summaries.some((c) => c.id === last) ? last : null
    set({
      appInfo: info.ok ? info.data : null,
      settings: settings.ok ? settings.data : get().settings,
      summaries: summaries.ok ? summaries.data.summaries : [],
      ...(reopen ? { activeId: reopen } : {}),
      showRecovered: info.ok && info.data.recoveredFiles.length > 0,
      booted: true,
      bootError: null
    })
    if (connection.ok) get().applyConnection(connection.data)
    if (reopen) void get().loadThread(reopen)
  },

  rememberConversation(id) {
    if ((get().settings.lastConversationId ?? null) === id) return
    set((s) => ({ settings: { ...s.settings, lastConversationId: id } }))
    // Quietly: a failure to remember is not worth a toast while the user chats.
    void service.settings.set({ lastConversationId: id })
  },

  applySettings(settings) {
    set({ settings })
  },

  async updateSettings(patch) {
    // Apply at once so the switch feels instant; main's answer (or event) is the truth after.
    set((s) => ({ settings: { ...s.settings, ...patch } }))
    const res = await service.settings.set(patch)
    if (res.ok) set({ settings: res.data })
    else get().notify({ tone: 'error', error: res.error })
  }
})

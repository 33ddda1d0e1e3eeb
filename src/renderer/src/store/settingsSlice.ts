/** App info, settings (language, theme), and the start-up sequence (profiles are profilesSlice). */
import { service } from '../api'
import type { SettingsSlice, Slice } from './types'

export const createSettingsSlice: Slice<SettingsSlice> = (set, get) => ({
  appInfo: null,
  settings: { language: 'system', theme: 'system' },
  booted: false,
  bootError: null,

  async boot() {
    const [info, settings, profiles, summaries, connection] = await Promise.all([
      service.appInfo(),
      service.getSettings(),
      service.listProfiles(),
      service.listConversations(),
      service.connectionState()
    ])
    const failed = [info, settings, profiles, summaries, connection].find((r) => !r.ok)
    if (failed && !failed.ok) {
      set({ bootError: failed.error, booted: true })
      return
    }
    if (profiles.ok) get().applyProfiles(profiles.data)
    set({
      appInfo: info.ok ? info.data : null,
      settings: settings.ok ? settings.data : get().settings,
      summaries: summaries.ok ? summaries.data : [],
      showRecovered: info.ok && info.data.recoveredFiles.length > 0,
      booted: true,
      bootError: null
    })
    if (connection.ok) get().applyConnection(connection.data)
  },

  applySettings(settings) {
    set({ settings })
  },

  async updateSettings(patch) {
    // Apply at once so the switch feels instant; main's answer (or event) is the truth after.
    set((s) => ({ settings: { ...s.settings, ...patch } }))
    const res = await service.setSettings(patch)
    if (res.ok) set({ settings: res.data })
    else get().notify({ tone: 'error', error: res.error })
  }
})

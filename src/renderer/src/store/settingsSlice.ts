/** App info, settings (language, theme), profiles, and the start-up sequence. */
import { service } from '../api'
import type { SettingsSlice, Slice } from './types'

export const createSettingsSlice: Slice<SettingsSlice> = (set, get) => ({
  appInfo: null,
  settings: { language: 'system', theme: 'system' },
  profiles: [],
  activeProfileId: null,
  profilesWithApiKey: [],
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
    set({
      appInfo: info.ok ? info.data : null,
      settings: settings.ok ? settings.data : get().settings,
      profiles: profiles.ok ? profiles.data.profiles : [],
      activeProfileId: profiles.ok ? profiles.data.activeId : null,
      profilesWithApiKey: profiles.ok ? (profiles.data.withApiKey ?? []) : [],
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

  applyProfiles({ profiles, activeId, withApiKey }) {
    set({ profiles, activeProfileId: activeId, profilesWithApiKey: withApiKey ?? [] })
  },

  async updateSettings(patch) {
    // Apply at once so the switch feels instant; main's answer (or event) is the truth after.
    set((s) => ({ settings: { ...s.settings, ...patch } }))
    const res = await service.setSettings(patch)
    if (res.ok) set({ settings: res.data })
    else get().notify({ tone: 'error', error: res.error })
  },

  async saveProfile(draft) {
    const res = await service.saveProfile(draft)
    if (res.ok) {
      // profiles:changed follows, but the list must be right before the form closes.
      const list = await service.listProfiles()
      if (list.ok) get().applyProfiles(list.data)
    }
    return res
  },

  async setApiKey(id, value) {
    const res = await service.setApiKey(id, value)
    if (!res.ok) {
      get().notify({ tone: 'error', error: res.error })
      return false
    }
    get().applyProfiles(res.data)
    return true
  },

  async removeProfile(id) {
    const res = await service.removeProfile(id)
    if (!res.ok) {
      get().notify({ tone: 'error', error: res.error })
      return false
    }
    get().applyProfiles(res.data)
    return true
  },

  async selectProfile(id) {
    const res = await service.selectProfile(id)
    if (!res.ok) {
      get().notify({ tone: 'error', error: res.error })
      return false
    }
    get().applyProfiles(res.data)
    return true
  },

  async profileTemplate(kind) {
    const res = await service.profileTemplate(kind)
    if (!res.ok) {
      get().notify({ tone: 'error', error: res.error })
      return null
    }
    return res.data
  }
})

/** Which view shows, transient notices, the recovered-files banner, the sidebar and the shortcut overlay. */
import { service } from '../api'
import type { Slice, UiSlice } from './types'

export const createUiSlice: Slice<UiSlice> = (set, get) => {
  let nextId = 1
  return {
    view: 'chat',
    notice: null,
    showRecovered: false,
    setView(view) {
      set({ view })
    },
    settingsTarget: null,
    openProfileSettings(profileId, focus = []) {
      get().closeDoctor()
      set({ view: 'settings', settingsTarget: { profileId, focus } })
    },
    clearSettingsTarget() {
      set({ settingsTarget: null })
    },
    notify(notice) {
      set({ notice: { ...notice, id: nextId++ } })
    },
    dismissNotice() {
      set({ notice: null })
    },
    dismissRecovered() {
      set({ showRecovered: false })
    },
    openExternal(url) {
      void service.app.openExternal({ url })
    },
    narrow: false,
    sidebarOpen: null,
    shortcutsOpen: false,
    setNarrow(narrow) {
      // Crossing 900 px returns to the automatic choice: wide shows the sidebar, narrow folds it.
      if (narrow !== get().narrow) set({ narrow, sidebarOpen: null })
    },
    toggleSidebar() {
      set((s) => ({ sidebarOpen: !(s.sidebarOpen ?? !s.narrow) }))
    },
    setSidebarOpen(open) {
      set({ sidebarOpen: open })
    },
    setShortcutsOpen(open) {
      set({ shortcutsOpen: open })
    }
  }
}

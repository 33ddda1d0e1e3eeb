/** Which view shows, transient notices, and the recovered-files banner. */
import { service } from '../api'
import type { Slice, UiSlice } from './types'

export const createUiSlice: Slice<UiSlice> = (set) => {
  let nextId = 1
  return {
    view: 'chat',
    notice: null,
    showRecovered: false,
    setView(view) {
      set({ view })
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
      void service.openExternal(url)
    }
  }
}

/**
 * The connection check ("doctor"): which profile it is for, whether it runs, and its last report.
 * One dialog shows it (features/connection/DoctorDialog); it is opened from Settings, the
 * connection indicator and every connection error.
 *
 * SCOPE: the check cannot be cancelled in main; closing the dialog only drops a late answer.
 */
import { service } from '../api'
import type { DoctorSlice, DoctorState, Slice } from './types'

const closed: DoctorState = {
  open: false,
  profileId: null,
  running: false,
  report: null,
  error: null
}

export const createDoctorSlice: Slice<DoctorSlice> = (set, get) => {
  // Each run gets a number: an answer for a run that was replaced or closed is ignored.
  let runId = 0
  return {
    doctor: closed,

    openDoctor(profileId) {
      set({ doctor: { ...closed, open: true, profileId: profileId ?? null } })
      void get().runDoctor()
    },

    async runDoctor() {
      const { open, profileId } = get().doctor
      if (!open) return
      const id = ++runId
      set((s) => ({ doctor: { ...s.doctor, running: true, report: null, error: null } }))
      const res = await service.connection.doctor(profileId ? { profileId } : {})
      if (id !== runId || !get().doctor.open) return
      set((s) => ({
        doctor: res.ok
          ? { ...s.doctor, running: false, report: res.data, error: null }
          : { ...s.doctor, running: false, report: null, error: res.error }
      }))
    },

    closeDoctor() {
      runId++
      set({ doctor: closed })
    },

    diagnostics: () => service.app.diagnostics()
  }
}

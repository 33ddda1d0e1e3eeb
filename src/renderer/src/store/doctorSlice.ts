/**
 * The connection check ("doctor"): which profile it is for, whether it runs, its steps so far
 * (each as it finishes, from `doctor:step`) and its last report. One dialog shows it
 * (features/connection/DoctorDialog); it is opened from Settings, the connection indicator and
 * every connection error. Stop asks main to stop the run (`connection:doctorStop`); the report
 * then comes back as usual, the stopped step failed as stopped. A profile form's check of its
 * draft (profilesSlice `checkDraft`) takes its steps here too, in `draftCheck`.
 */
import { service } from '../api'
import type { DoctorSlice, DoctorState, DraftCheckState, Slice } from './types'

const closed: DoctorState = {
  open: false,
  profileId: null,
  running: false,
  runId: null,
  steps: [],
  report: null,
  error: null
}

export const noDraftCheck: DraftCheckState = { runId: null, steps: [] }

/** Unique within this window; with the time, unlikely to meet another window's. */
let counter = 0
export const newRunId = () => `doctor-${Date.now().toString(36)}-${++counter}`

export const createDoctorSlice: Slice<DoctorSlice> = (set, get) => ({
  doctor: closed,
  draftCheck: noDraftCheck,

  openDoctor(profileId) {
    set({ doctor: { ...closed, open: true, profileId: profileId ?? null } })
    void get().runDoctor()
  },

  async runDoctor() {
    const { open, profileId } = get().doctor
    if (!open) return
    // An answer for a run that was replaced or closed is ignored: it no longer has this id.
    const runId = newRunId()
    set((s) => ({
      doctor: { ...s.doctor, running: true, runId, steps: [], report: null, error: null }
    }))
    const res = await service.connection.doctor(profileId ? { profileId, runId } : { runId })
    if (get().doctor.runId !== runId || !get().doctor.open) return
    set((s) => ({
      doctor: res.ok
        ? { ...s.doctor, running: false, report: res.data, error: null }
        : { ...s.doctor, running: false, report: null, error: res.error }
    }))
  },

  async stopDoctor() {
    const { running, runId } = get().doctor
    if (!running || !runId) return
    await service.connection.doctorStop({ runId })
  },

  async stopDraftCheck() {
    const { runId } = get().draftCheck
    if (runId) await service.connection.doctorStop({ runId })
  },

  applyDoctorStep({ runId, step }) {
    const { doctor, draftCheck } = get()
    if (doctor.running && doctor.runId === runId)
      set({ doctor: { ...doctor, steps: [...doctor.steps, step] } })
    else if (draftCheck.runId === runId)
      set({ draftCheck: { runId, steps: [...draftCheck.steps, step] } })
  },

  closeDoctor() {
    // A check nobody watches any more is stopped, not left to run to its timeouts.
    void get().stopDoctor()
    set({ doctor: closed })
  },

  diagnostics: () => service.app.diagnostics()
})

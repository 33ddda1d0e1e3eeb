/**
 * The connection profiles: the list, the selected one, which ones have secrets stored in main, and
 * every action that changes them. Components call these actions, never `service` directly, so
 * the state a component reads is the state main last reported (an action's answer, or the
 * `profiles:changed` event that follows every change, whichever comes first).
 *
 * SCOPE: secrets themselves never reach the renderer; only the ids of profiles that have one.
 */
import type { IpcResult } from '@shared/errors'
import { service } from '../api'
import { newRunId, noDraftCheck } from './doctorSlice'
import { saveExported } from './saveExported'
import { savesCredentials } from './secretRetrySlice'
import type { ProfilesSlice, Slice } from './types'

export const createProfilesSlice: Slice<ProfilesSlice> = (set, get) => {
  /** Report a failed call as a toast and hand back whether it worked. */
  const toastOnError = <T>(res: IpcResult<T>): res is { ok: true; data: T } => {
    if (!res.ok) get().notify({ tone: 'error', error: res.error })
    return res.ok
  }

  return {
    profiles: [],
    activeProfileId: null,
    profilesWithApiKey: [],
    profilesWithProxyPassword: [],
    unusableProfiles: [],
    profilesHeaderSecrets: {},
    savingProfileId: null,

    applyProfiles({
      profiles,
      activeId,
      withApiKey,
      withProxyPassword,
      withHeaderSecrets,
      unusable
    }) {
      set({
        profiles,
        unusableProfiles: unusable ?? [],
        activeProfileId: activeId,
        profilesWithApiKey: withApiKey ?? [],
        profilesWithProxyPassword: withProxyPassword ?? [],
        profilesHeaderSecrets: withHeaderSecrets ?? {}
      })
    },

    async loadProfiles() {
      const res = await service.profiles.list()
      if (res.ok) get().applyProfiles(res.data)
      return res.ok
    },

    async saveProfile(draft, expected) {
      const before = get().profiles.find((p) => p.id === draft.id)
      set({ savingProfileId: typeof draft.id === 'string' && draft.id ? draft.id : null })
      const res = await service.profiles
        .save({ draft, ...(expected ? { expected } : {}) })
        .finally(() => set({ savingProfileId: null }))
      if (!res.ok) return res
      // The answer carries the new list, so it is right before the form closes.
      get().applyProfiles(res.data)
      if (savesCredentials(before, draft)) get().noteSecretEntered(res.data.saved.id)
      return { ok: true, data: res.data.saved }
    },

    async setApiKey(id, value) {
      const res = await service.profiles.setApiKey({ id, value })
      if (toastOnError(res)) get().applyProfiles(res.data)
      if (res.ok && value) get().noteSecretEntered(id)
      return res.ok
    },

    async setProxyPassword(id, value) {
      const res = await service.profiles.setProxyPassword({ id, value })
      if (toastOnError(res)) get().applyProfiles(res.data)
      if (res.ok && value) get().noteSecretEntered(id)
      return res.ok
    },

    async removeProfile(id) {
      const res = await service.profiles.remove({ id })
      if (toastOnError(res)) get().applyProfiles(res.data)
      return res.ok
    },

    async selectProfile(id) {
      const res = await service.profiles.select({ id })
      if (toastOnError(res)) get().applyProfiles(res.data)
      return res.ok
    },

    async profileTemplate(kind) {
      const res = await service.profiles.template({ kind })
      return toastOnError(res) ? res.data : null
    },

    async checkDraft(draft, { apiKey, sshPassword, detect }) {
      const runId = newRunId()
      set({ draftCheck: { runId, steps: [] } })
      const res = await service.profiles.detect({
        draft,
        detect,
        runId,
        ...(apiKey ? { apiKey } : {}),
        ...(sshPassword ? { sshPassword } : {})
      })
      // A later check replaced this one: its steps stay.
      if (get().draftCheck.runId === runId) set({ draftCheck: noDraftCheck })
      return res
    },

    async exportProfiles() {
      const res = await service.profiles.export()
      if (!toastOnError(res)) return
      await saveExported(get, res.data, 'profileFile.exported')
    },

    async importProfiles(content) {
      const res = await service.profiles.import({ content })
      if (!toastOnError(res)) return false
      get().applyProfiles(res.data)
      const names = [...res.data.added, ...res.data.updated].join(', ')
      get().notify({
        tone: 'info',
        key: 'profileFile.imported',
        params: { count: res.data.added.length + res.data.updated.length, names }
      })
      return true
    },

    importSshConfig: () => service.profiles.importSshConfig(),

    listModels: (target) => service.backend.models(target),

    async setModel(profileId, model) {
      const profile = get().profiles.find((p) => p.id === profileId)
      if (!profile) return false
      const res = await service.profiles.save({
        draft: { ...profile, contract: { ...profile.contract, model } } as unknown as Record<
          string,
          unknown
        >
      })
      if (!toastOnError(res)) return false
      get().applyProfiles(res.data)
      return true
    }
  }
}

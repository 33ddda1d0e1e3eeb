/** The connection indicator's state and the host-key / secret prompts. (The check is doctorSlice.) */
import { service } from '../api'
import type { ConnectionSlice, Slice } from './types'

export const createConnectionSlice: Slice<ConnectionSlice> = (set, get) => ({
  connection: { profileId: null, mode: null, status: 'idle' },
  dismissedPrompt: null,
  secretError: null,

  queuedPassword: null,

  queuePassword(value) {
    set({ queuedPassword: value })
  },

  applyConnection(connection) {
    const prev = get().connection
    const queued = get().queuedPassword
    // A first ask takes the password typed at first start (its dialog stays closed); a rejected
    // one is the user's to retype.
    const autoAnswer =
      queued !== null &&
      connection.secretPrompt?.kind === 'password' &&
      !connection.secretPrompt.retry
    if (queued !== null && connection.secretPrompt?.kind === 'password')
      set({ queuedPassword: null })
    // Back after an outage nobody had to act on: say so (a state the user answered, like a
    // password, or a first connect, is not a "reconnect").
    if (
      connection.status === 'connected' &&
      (prev.status === 'failed' || prev.status === 'reconnecting') &&
      prev.profileId === connection.profileId &&
      !prev.secretPrompt &&
      !prev.hostKeyPrompt
    ) {
      get().notify({ tone: 'info', key: 'connection.reconnected' })
    }
    // A new prompt (another key, another secret request) must show even if an older one was closed.
    const samePrompt = promptKey(prev) === promptKey(connection)
    set({
      connection,
      dismissedPrompt: autoAnswer
        ? promptKey(connection)
        : samePrompt
          ? get().dismissedPrompt
          : null,
      // A state that no longer asks for a secret means the last one was accepted (or moot).
      secretError: connection.secretPrompt ? get().secretError : null
    })
    if (autoAnswer && queued) void get().provideSecret(queued, true)
  },

  async reconnect() {
    const res = await service.connection.reconnect()
    if (res.ok) get().applyConnection(res.data)
    else get().notify({ tone: 'error', error: res.error })
  },

  async trustHostKey(fingerprint) {
    const res = await service.connection.trustHostKey({ fingerprint })
    if (res.ok) get().applyConnection(res.data)
    else get().notify({ tone: 'error', error: res.error })
  },

  async provideSecret(value, remember) {
    set({ secretError: null })
    const res = await service.connection.provideSecret({ value, remember })
    if (!res.ok) {
      set({ secretError: res.error })
      return false
    }
    get().applyConnection(res.data)
    get().noteSecretEntered(res.data.profileId)
    return true
  },

  async trustCertificate(fingerprint) {
    const res = await service.connection.trustCertificate({ fingerprint })
    if (!res.ok) {
      get().notify({ tone: 'error', error: res.error })
      return false
    }
    get().applyConnection(res.data)
    return true
  },

  dismissPrompt(key) {
    set({ dismissedPrompt: key })
  },

  authPrompts: [],
  applyAuthPrompts(pending) {
    set({ authPrompts: pending })
  },
  async answerAuthPrompt(id, answers) {
    // Gone from the screen at once; main's next event confirms (or shows the next question).
    set({ authPrompts: get().authPrompts.filter((p) => p.id !== id) })
    const res = await service.connection.answerAuthPrompt({ id: id, answers: answers })
    if (!res.ok) {
      get().notify({ tone: 'error', error: res.error })
      return false
    }
    return res.data.accepted
  },

  reopenPrompt() {
    if (get().dismissedPrompt !== null && get().dismissedPrompt === promptKey(get().connection))
      set({ dismissedPrompt: null })
  },

  async checkConnection() {
    if (!get().activeProfileId) return
    // The answer also arrives as connection:state; a failure to ask is not worth a toast on focus.
    await service.connection.check()
  }
})

/** Identifies the prompt a state asks for, so that closing it hides that one prompt only. */
export function promptKey(state: {
  hostKeyPrompt?: { fingerprint: string } | undefined
  secretPrompt?: { kind: string; host: string; retry: boolean } | undefined
}): string | null {
  if (state.hostKeyPrompt) return `hostkey:${state.hostKeyPrompt.fingerprint}`
  if (state.secretPrompt)
    return `secret:${state.secretPrompt.kind}:${state.secretPrompt.host}:${state.secretPrompt.retry}`
  return null
}

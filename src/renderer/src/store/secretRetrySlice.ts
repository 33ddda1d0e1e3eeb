/**
 * The one retry a reply gets by itself. A reply that failed for want of a secret (the error
 * table's `enterSecret`: an SSH password or passphrase, an API key the server refused, a proxy
 * password, a credential header's value) is asked again once the person has entered a secret for
 * the profile it failed with, is back in the chat on that conversation, and that failed reply is
 * still its last message. Chat's own `retry` runs it, as the Retry button would.
 *
 * Once per entry, never a loop: the entry is consumed when the retry starts; if that retry fails
 * for want of a secret again (a wrong password), it is armed afresh and waits for the next entry.
 * Sending, retrying or editing anything by hand drops it: the person has moved on.
 *
 * The state is data and `selectDueSecretRetry` a pure selector; `useSecretRetry` (hooks/) runs it.
 */
import type { Message } from '@shared/conversation'
import { errorInfo, type AppError } from '@shared/errors'
import type { Profile } from '@shared/profile'
import type { SecretRetry, SecretRetrySlice, Slice, Store } from './types'

/** A failed reply that the person can mend by entering a secret (the error table says so). */
export function wantsSecret(error: AppError | undefined): boolean {
  return error !== undefined && errorInfo(error.code).action === 'enterSecret'
}

/**
 * The pending retry when it should run now, else null (the same object while nothing changes, so
 * a component can select it). Due when: a secret was entered for that profile since the failure,
 * the chat shows that conversation on that profile with nothing in flight, and the failed reply
 * (after its question) is still the last message.
 */
export function selectDueSecretRetry(s: Store): SecretRetry | null {
  const r = s.secretRetry
  if (!r || !r.secretEntered) return null
  if (s.view !== 'chat' || s.activeId !== r.conversationId) return null
  if (s.activeProfileId !== r.profileId || s.pending[r.conversationId]) return null
  const messages = s.threads[r.conversationId]?.messages ?? []
  const reply = messages.at(-1)
  if (reply?.id !== r.replyId || reply.status !== 'failed') return null
  return messages.at(-2)?.role === 'user' ? r : null
}

/**
 * A profile save that gives the server another credential or another way to it: the
 * authentication, the headers (a credential header's value travels in the draft), the connection
 * or the proxy changed. Other edits (the model, the history setting) are not an entered secret.
 */
export function savesCredentials(
  before: Profile | undefined,
  draft: Record<string, unknown>
): boolean {
  if (!before) return false
  const contract = (draft.contract ?? {}) as Partial<Profile['contract']>
  const same = (a: unknown, b: unknown) => comparable(a) === comparable(b)
  return !(
    same(contract.auth, before.contract.auth) &&
    same(contract.headers, before.contract.headers) &&
    same(draft.connection, before.connection) &&
    same(draft.proxy, before.proxy)
  )
}

/**
 * A value's JSON with numbers as text and keys in order: the form's draft types numbers as text
 * (an SSH port of "22" where the stored profile has 22), which alone is no change.
 */
function comparable(value: unknown): string {
  return JSON.stringify(value ?? null, (_key, v: unknown) => {
    if (typeof v === 'number') return String(v)
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return v
    return Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
  })
}

export const createSecretRetrySlice: Slice<SecretRetrySlice> = (set, get) => ({
  secretRetry: null,

  armSecretRetry(conversationId: string, reply: Message) {
    if (!wantsSecret(reply.error)) return
    set({
      secretRetry: {
        conversationId,
        replyId: reply.id,
        profileId: get().activeProfileId,
        secretEntered: false
      }
    })
  },

  noteSecretEntered(profileId) {
    const r = get().secretRetry
    if (r && !r.secretEntered && r.profileId === profileId)
      set({ secretRetry: { ...r, secretEntered: true } })
  },

  dropSecretRetry() {
    if (get().secretRetry) set({ secretRetry: null })
  },

  async runSecretRetry() {
    const due = selectDueSecretRetry(get())
    if (!due) return false
    // Consumed before the call: whatever it answers, this entry never runs twice.
    set({ secretRetry: null })
    const question = get().threads[due.conversationId]!.messages.at(-2)!
    return get().retry(due.conversationId, question.id)
  }
})

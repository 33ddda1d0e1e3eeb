/**
 * The SSH server's keyboard-interactive questions (two-factor codes), waiting for the person. The
 * tunnel and the doctor ask through `ask`; the shell shows every pending question (the app's
 * dialog from the `connection:authPrompts` event; the CLI reads its terminal) and answers with
 * `answer`. A question is withdrawn when its asker gives up (the signal: a closed tunnel, a stopped
 * check), so no dialog outlives the login it belongs to.
 */
import { randomUUID } from 'node:crypto'
import type { AskUser, AuthPromptRequest } from '@shared/connection'

export interface AuthPromptBroker {
  ask: AskUser
  /** Answers (null = cancelled) for a pending question; false when it is no longer pending. */
  answer(id: string, answers: string[] | null): boolean
  pending(): AuthPromptRequest[]
}

export function createAuthPromptBroker(
  onChange: (pending: AuthPromptRequest[]) => void
): AuthPromptBroker {
  const waiting = new Map<
    string,
    { request: AuthPromptRequest; settle(answers: string[] | undefined): void }
  >()
  const pending = () => [...waiting.values()].map((w) => w.request)
  return {
    ask(question, signal) {
      return new Promise((resolve) => {
        if (signal?.aborted) return resolve(undefined)
        const id = randomUUID()
        const onAbort = () => settle(undefined)
        const settle = (answers: string[] | undefined) => {
          if (!waiting.delete(id)) return
          signal?.removeEventListener('abort', onAbort)
          onChange(pending())
          resolve(answers)
        }
        waiting.set(id, { request: { ...question, id }, settle })
        signal?.addEventListener('abort', onAbort, { once: true })
        onChange(pending())
      })
    },
    answer(id, answers) {
      const w = waiting.get(id)
      if (!w) return false
      w.settle(answers ?? undefined)
      return true
    },
    pending
  }
}

/**
 * An SSH server's keyboard-interactive questions (two-factor codes) during a CLI command, the way
 * every shell gets them: the core's `connection:authPrompts` event, answered with
 * `connection:answerAuthPrompt`. Read on the terminal, or declined when there is none (the login
 * then fails with `ssh.prompt_unanswered`). Used by `chat` and `doctor`.
 */
import type { AuthPromptRequest } from '@shared/connection'
import type { Core } from '../core'
import type { CliContext } from './context'
import { terminalAskUser } from './secrets'

/** A listener for `connection:authPrompts`: each new question asked once, answered once. */
export function answerAuthPrompts(
  core: Pick<Core, 'dispatch'>,
  ctx: CliContext
): (pending: AuthPromptRequest[]) => void {
  const askUser = terminalAskUser(ctx)
  const seen = new Set<string>()
  return (pending) => {
    for (const request of pending) {
      if (seen.has(request.id)) continue
      seen.add(request.id)
      const asked = askUser ? askUser(request) : Promise.resolve(undefined)
      void asked.then(
        (answers) =>
          core.dispatch('connection:answerAuthPrompt', {
            id: request.id,
            answers: answers ?? null
          }),
        () => core.dispatch('connection:answerAuthPrompt', { id: request.id, answers: null })
      )
    }
  }
}

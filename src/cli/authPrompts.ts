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

/**
 * Answer `connection:authPrompts` until the returned function is called: each new question asked
 * once, answered once.
 */
export function answerAuthPrompts(
  core: Pick<Core, 'dispatch' | 'onEvent'>,
  ctx: CliContext
): () => void {
  const askUser = terminalAskUser(ctx)
  const seen = new Set<string>()
  return core.onEvent((event, payload) => {
    if (event !== 'connection:authPrompts') return
    for (const request of (payload as { pending: AuthPromptRequest[] }).pending) {
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
  })
}

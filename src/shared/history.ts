/**
 * Whether a profile's contract sends the conversation so far with each message (issue 17 item 3):
 * without it a follow-up question ("and in Busan?") reaches the server with no context, and
 * nothing used to say so.
 */
import type { BackendContract } from './profile'

/** The number of earlier turns a contract gets when the user turns history on from the chat. */
export const DEFAULT_HISTORY_TURNS: number = 10

/**
 * - `sends`: earlier turns go with every message (last N or all).
 * - `off`: the contract could carry them (a POST with a JSON body) but is set not to.
 * - `unsupported`: a GET with the message as a query parameter, as the original kha front end
 *   called `/api_chat`: that route takes one message and nothing else.
 */
export type HistorySupport = 'sends' | 'off' | 'unsupported'

export function historySupport(
  contract: Pick<BackendContract, 'method' | 'history'>
): HistorySupport {
  if (contract.history.mode !== 'none') return 'sends'
  return contract.method === 'GET' ? 'unsupported' : 'off'
}

/** The contract with the last N turns turned on (the list field named `history` unless one is set). */
export function withHistoryOn<C extends Pick<BackendContract, 'history'>>(
  contract: C,
  turns = DEFAULT_HISTORY_TURNS
): C {
  return {
    ...contract,
    history: {
      ...contract.history,
      mode: 'lastN',
      turns,
      field: contract.history.field || 'history'
    }
  }
}

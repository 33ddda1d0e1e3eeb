import type { Attachment } from './attachments'
import type { AppError } from './errors'

export type Role = 'user' | 'assistant'

/**
 * `streaming` while a reply arrives; `stopped` when the user stopped it (the partial text stays);
 * `failed` when it broke (the error says why; the user's message before it stays and can be
 * retried).
 */
export type MessageStatus = 'done' | 'streaming' | 'stopped' | 'failed'

export interface Message {
  id: string
  /**
   * The message this one answers or follows (null for the first). Regenerated replies share their
   * user message as parent; an edited message shares the original's parent.
   */
  parentId?: string | null
  role: Role
  text: string
  status: MessageStatus
  createdAt: number
  error?: AppError
  /** Files attached to a user message: kept with it, so retry, regenerate, export and search see them. */
  attachments?: Attachment[]
  /** Present when the message has siblings (other versions): its 1-based position among them. */
  versions?: { index: number; count: number }
}

export interface ConversationSummary {
  id: string
  title: string
  createdAt: number
  updatedAt: number
  /** Messages on the selected path. */
  messageCount: number
  /** Grows with every change to the conversation (in any process): reload when it moved. */
  revision?: number
  /** Kept at the top of the sidebar (issue 17 item 8). */
  pinned?: boolean
}

export interface Conversation extends ConversationSummary {
  messages: Message[]
}

export interface SearchHit {
  conversationId: string
  title: string
  /** The matching message (absent when only the title matched) and a snippet around the match. */
  messageId?: string
  snippet: string
}

/**
 * The 0.1 history's import, run once at the first start after an upgrade (docs/STORAGE.md): the
 * start-up screen and the CLI show it. `conversations`: their rows are being written, `done` of
 * `total` so far; `search`: all are in, the search index is being built for them. `idle`: nothing
 * to import at this start (or the import was stopped, by the core's dispose, before it finished:
 * nothing was written).
 */
export interface LegacyImportProgress {
  state: 'idle' | 'conversations' | 'search' | 'done' | 'failed'
  done: number
  total: number
}

/** A title from the first message: its first line, trimmed to a length a sidebar can show. */
export function titleFromMessage(text: string, max = 48): string {
  const line = text.trim().split('\n')[0]?.trim() ?? ''
  if (line.length <= max) return line
  return `${Array.from(line)
    .slice(0, max - 1)
    .join('')}…`
}

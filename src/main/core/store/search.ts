/**
 * Search over titles and message text. Case-insensitive substring match (Korean has no word
 * boundaries a tokenizer could rely on cheaply). Titles are matched first, from the index in
 * memory; message text is read conversation by conversation, newest first, until `limit` hits.
 */
import type { Conversation, ConversationSummary, SearchHit } from '@shared/conversation'

export async function searchConversations(
  query: string,
  summaries: ConversationSummary[],
  load: (id: string) => Promise<Conversation>,
  limit: number
): Promise<SearchHit[]> {
  const needle = query.trim().toLocaleLowerCase()
  if (!needle) return []
  const ordered = [...summaries].sort((a, b) => b.updatedAt - a.updatedAt)
  const hits: SearchHit[] = []
  const seen = new Set<string>()
  for (const s of ordered) {
    if (hits.length >= limit) return hits
    if (s.title.toLocaleLowerCase().includes(needle)) {
      hits.push({ conversationId: s.id, title: s.title, snippet: s.title })
      seen.add(s.id)
    }
  }
  for (const s of ordered) {
    if (hits.length >= limit) break
    if (seen.has(s.id)) continue
    const conversation = await load(s.id)
    const message = conversation.messages.find((m) => m.text.toLocaleLowerCase().includes(needle))
    if (message) hits.push({ conversationId: s.id, title: s.title, messageId: message.id, snippet: snippet(message.text, needle) })
  }
  return hits
}

export function snippet(text: string, needle: string, radius = 40): string {
  const at = text.toLocaleLowerCase().indexOf(needle)
  if (at < 0) return text.slice(0, radius * 2)
  const start = Math.max(0, at - radius)
  const end = Math.min(text.length, at + needle.length + radius)
  return `${start > 0 ? '…' : ''}${text.slice(start, end).replace(/\s+/g, ' ')}${end < text.length ? '…' : ''}`
}

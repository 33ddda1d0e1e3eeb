/**
 * Search over titles and message text, kept in memory so it stays instant with 10,000
 * conversations and 200,000 messages: a case-folded copy of every text, built once in the
 * background from the conversation files and updated on each save. Case-insensitive substring
 * match, because Korean has no word boundaries a cheap tokenizer could rely on.
 */
import type { Conversation, ConversationSummary, SearchHit } from '@shared/conversation'

interface Entry {
  title: string
  messages: Array<{ id: string; folded: string; text: string }>
}

export function createSearchIndex(load: (id: string) => Promise<Conversation | undefined>) {
  const entries = new Map<string, Entry>()
  let building: Promise<void> | undefined

  const put = (c: Conversation) =>
    entries.set(c.id, {
      title: c.title.toLocaleLowerCase(),
      messages: c.messages.map((m) => {
        // Attached files are found by their name and their text, like the message itself.
        const text = [m.text, ...(m.attachments ?? []).map((a) => `${a.name}\n${a.text}`)].join('\n')
        return { id: m.id, folded: text.toLocaleLowerCase(), text }
      })
    })

  return {
    put,
    /** Read every conversation not indexed yet; concurrent callers share one pass. */
    build(ids: string[]): Promise<void> {
      building ??= (async () => {
        for (const id of ids) {
          if (entries.has(id)) continue
          const c = await load(id).catch(() => undefined)
          if (c && !entries.has(id)) put(c)
        }
      })()
      return building
    },
    async search(query: string, summaries: ConversationSummary[], limit: number): Promise<SearchHit[]> {
      const needle = query.trim().toLocaleLowerCase()
      if (!needle) return []
      await this.build(summaries.map((s) => s.id))
      const ordered = [...summaries].sort((a, b) => b.updatedAt - a.updatedAt)
      const hits: SearchHit[] = []
      const byTitle = new Set<string>()
      for (const s of ordered) {
        if (hits.length >= limit) return hits
        if (s.title.toLocaleLowerCase().includes(needle)) {
          hits.push({ conversationId: s.id, title: s.title, snippet: s.title })
          byTitle.add(s.id)
        }
      }
      for (const s of ordered) {
        if (hits.length >= limit) break
        if (byTitle.has(s.id)) continue
        const message = entries.get(s.id)?.messages.find((m) => m.folded.includes(needle))
        if (message) hits.push({ conversationId: s.id, title: s.title, messageId: message.id, snippet: snippet(message.text, message.folded, needle) })
      }
      return hits
    }
  }
}

export function snippet(text: string, folded: string, needle: string, radius = 40): string {
  const at = folded.indexOf(needle)
  if (at < 0) return text.slice(0, radius * 2)
  const start = Math.max(0, at - radius)
  const end = Math.min(text.length, at + needle.length + radius)
  return `${start > 0 ? '…' : ''}${text.slice(start, end).replace(/\s+/g, ' ')}${end < text.length ? '…' : ''}`
}

/**
 * Search over titles and message text in the history database, newest first, one hit per
 * conversation, deleted conversations never shown.
 *
 * - Three characters or more: the FTS5 `trigram` index (case-insensitive substrings, so Korean,
 *   which has no spaces between all words, and English both match inside words). It is read in
 *   rowid order (newest first) and left as soon as `limit` conversations are found.
 * - One or two letters or digits (회의, 결재, "AI"): trigrams cannot answer them, so a second index
 *   holds each message's character pairs (shortGrams.ts); it is read the same way. Anything else
 *   that short (a letter and a dot) is a scan of the newest SHORT_SCAN_ROWS messages with `instr`,
 *   stopping at `limit` conversations: bounded, so an old hit for such a query can be missed.
 * - Titles: a scan of the conversations table (one short row per conversation).
 *
 * Nothing is built at start: the index is kept by triggers as rows are written.
 */
import type { DatabaseSync } from 'node:sqlite'
import type { SearchHit } from '@shared/conversation'
import { shortQueryFor } from './shortGrams'

/** How many of the newest messages a short query that is not letters or digits looks at. */
export const SHORT_SCAN_ROWS = 20_000
/** How many index rows a trigram query reads at most while collecting distinct conversations. */
const FTS_SCAN_ROWS = 20_000

interface HitRow {
  id: string
  conversation_id: string
  text: string
  /** Names and text of attached files: found like the message itself. */
  attachments_text: string | null
  title: string
}

const statements = new WeakMap<DatabaseSync, ReturnType<typeof prepare>>()

function prepare(db: DatabaseSync) {
  return {
    titles: db.prepare(
      `SELECT id, title FROM conversations
       WHERE deleted_at IS NULL AND instr(lower(title), lower(?)) > 0 ORDER BY updated_at DESC LIMIT ?`
    ),
    trigram: db.prepare(
      `SELECT m.id, m.conversation_id, m.text, m.attachments_text, c.title FROM messages_fts f
       JOIN messages m ON m.seq = f.rowid
       JOIN conversations c ON c.id = m.conversation_id
       WHERE messages_fts MATCH ? AND c.deleted_at IS NULL
       ORDER BY f.rowid DESC LIMIT ${FTS_SCAN_ROWS}`
    ),
    pairs: db.prepare(
      `SELECT m.id, m.conversation_id, m.text, m.attachments_text, c.title FROM messages_short s
       JOIN messages m ON m.seq = s.rowid
       JOIN conversations c ON c.id = m.conversation_id
       WHERE messages_short MATCH ? AND c.deleted_at IS NULL
       ORDER BY s.rowid DESC LIMIT ${FTS_SCAN_ROWS}`
    ),
    // `lower()` folds ASCII only, which is all the case Korean text has.
    short: db.prepare(
      `SELECT m.id, m.conversation_id, m.text, m.attachments_text, c.title FROM
         (SELECT seq, id, conversation_id, text, attachments_text FROM messages ORDER BY seq DESC LIMIT ${SHORT_SCAN_ROWS}) m
       JOIN conversations c ON c.id = m.conversation_id
       WHERE (instr(lower(m.text), lower($q)) > 0 OR instr(lower(coalesce(m.attachments_text, '')), lower($q)) > 0) AND c.deleted_at IS NULL
       ORDER BY m.seq DESC`
    )
  }
}

/** A phrase query for FTS5: the whole needle, quotes doubled, no operators. */
function phrase(needle: string): string {
  return `"${needle.replace(/"/g, '""')}"`
}

export function searchHistory(db: DatabaseSync, query: string, limit: number): SearchHit[] {
  const needle = query.trim()
  if (!needle) return []
  let q = statements.get(db)
  if (!q) statements.set(db, (q = prepare(db)))
  const hits: SearchHit[] = []
  const seen = new Set<string>()
  for (const t of q.titles.all(needle, limit) as Array<{ id: string; title: string }>) {
    hits.push({ conversationId: t.id, title: t.title, snippet: t.title })
    seen.add(t.id)
  }
  if (hits.length >= limit) return hits
  const folded = needle.toLocaleLowerCase()
  const pairs = shortQueryFor(needle)
  const rows =
    [...needle].length >= 3
      ? q.trigram.iterate(phrase(needle))
      : pairs
        ? q.pairs.iterate(pairs)
        : q.short.iterate({ q: needle })
  for (const r of rows as Iterable<HitRow>) {
    if (seen.has(r.conversation_id)) continue
    seen.add(r.conversation_id)
    const inText = r.text.toLocaleLowerCase().includes(folded)
    const source = inText || !r.attachments_text ? r.text : r.attachments_text
    hits.push({
      conversationId: r.conversation_id,
      title: r.title,
      messageId: r.id,
      snippet: snippet(source, source.toLocaleLowerCase(), folded)
    })
    if (hits.length >= limit) break
  }
  return hits
}

export function snippet(text: string, folded: string, needle: string, radius = 40): string {
  const at = folded.indexOf(needle)
  if (at < 0) return text.slice(0, radius * 2)
  const start = Math.max(0, at - radius)
  const end = Math.min(text.length, at + needle.length + radius)
  return `${start > 0 ? '…' : ''}${text.slice(start, end).replace(/\s+/g, ' ')}${end < text.length ? '…' : ''}`
}

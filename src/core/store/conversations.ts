/**
 * Conversations, owned by the main process. One file per conversation
 * (`conversations/<id>.json`) plus an index of summaries, each written atomically, so a crash
 * mid-write loses at most the reply that was streaming, never history. The user's message is
 * written before any network call is made.
 */
import { randomUUID } from 'node:crypto'
import { promises as fs } from 'node:fs'
import { join } from 'node:path'
import { fail } from '@shared/errors'
import { titleFromMessage, type Conversation, type ConversationSummary, type Message, type SearchHit } from '@shared/conversation'
import type { Logger } from '../logger'
import { createWriteQueue, jsonText, readJsonFile, writeJsonFile, writeJsonText } from './jsonFile'
import { createSearchIndex } from './search'

interface IndexFile {
  version: 1
  conversations: ConversationSummary[]
}

export interface ConversationStore {
  /** Newest first; deleted ones are hidden. */
  list(): ConversationSummary[]
  get(id: string): Promise<Conversation>
  create(): Promise<Conversation>
  rename(id: string, title: string): Promise<ConversationSummary>
  /** Hide a conversation; `restore` brings it back until the app restarts, when it is purged. */
  remove(id: string): Promise<void>
  restore(id: string): Promise<void>
  /** Write the conversation as it is now (after the caller changed its messages). */
  save(conversation: Conversation): Promise<ConversationSummary>
  search(query: string, limit: number): Promise<SearchHit[]>
  /** Files that failed to parse on load and were moved aside. */
  recovered(): string[]
}

function isConversation(raw: unknown): Conversation {
  const c = raw as Conversation
  if (!c || typeof c.id !== 'string' || !Array.isArray(c.messages)) throw new Error('not a conversation')
  return c
}

export async function openConversationStore(dataDir: string, logger: Logger, now: () => number = Date.now): Promise<ConversationStore> {
  const dir = join(dataDir, 'conversations')
  const indexFile = join(dataDir, 'conversations.json')
  await fs.mkdir(dir, { recursive: true, mode: 0o700 })
  const enqueueIndex = createWriteQueue()
  const queues = new Map<string, ReturnType<typeof createWriteQueue>>()
  const queueFor = (id: string) => {
    let q = queues.get(id)
    if (!q) queues.set(id, (q = createWriteQueue()))
    return q
  }
  const cache = new Map<string, Conversation>()
  const deleted = new Map<string, ConversationSummary>()
  const recovered: string[] = []
  const fileOf = (id: string) => join(dir, `${id}.json`)

  const loaded = await readJsonFile(indexFile, (raw): IndexFile => {
    const obj = raw as IndexFile
    if (!obj || !Array.isArray(obj.conversations)) throw new Error('not a conversation index')
    return obj
  })
  if (loaded.kind === 'corrupt') {
    recovered.push(loaded.movedTo)
    logger.error('conversation index could not be read; moved aside and rebuilt', { movedTo: loaded.movedTo })
  }
  let summaries: ConversationSummary[] = loaded.kind === 'ok' ? loaded.value.conversations : []
  // The index is a cache of the files: rebuild it when it is missing, corrupt, or out of step.
  const files = (await fs.readdir(dir)).filter((f) => f.endsWith('.json'))
  if (loaded.kind !== 'ok' || files.length !== summaries.length) {
    summaries = []
    for (const f of files) {
      const read = await readJsonFile(join(dir, f), isConversation)
      if (read.kind === 'ok') summaries.push(summaryOf(read.value))
      if (read.kind === 'corrupt') {
        recovered.push(read.movedTo)
        logger.error('a conversation file could not be read; moved aside', { movedTo: read.movedTo })
      }
    }
    await writeJsonFile(indexFile, { version: 1, conversations: summaries })
  }
  const byId = new Map(summaries.map((s) => [s.id, s]))
  // The index reads files without filling the live cache: 10,000 conversations must not all stay
  // in memory twice. A file that fails to parse here is left for get() to move aside and report.
  const index = createSearchIndex(async (id) => {
    const cached = cache.get(id)
    if (cached) return cached
    try {
      return isConversation(JSON.parse(await fs.readFile(fileOf(id), 'utf8')))
    } catch {
      return undefined
    }
  })
  // Messages are indexed in the background shortly after start, so the first search is instant too.
  setTimeout(() => void index.build([...byId.keys()]), 2000).unref()

  const writeIndex = () =>
    enqueueIndex(() => writeJsonFile(indexFile, { version: 1, conversations: [...byId.values()] } satisfies IndexFile))

  async function get(id: string): Promise<Conversation> {
    const cached = cache.get(id)
    if (cached) return cached
    if (!byId.has(id)) fail('conversation.not_found', `No conversation with id ${id}`)
    const read = await readJsonFile(fileOf(id), isConversation)
    if (read.kind !== 'ok') {
      byId.delete(id)
      await writeIndex()
      if (read.kind === 'corrupt') {
        recovered.push(read.movedTo)
        logger.error('a conversation file could not be read; moved aside', { movedTo: read.movedTo })
        fail('store.corrupt', 'This conversation could not be read; its file was moved aside.', { params: { path: read.movedTo } })
      }
      fail('conversation.not_found', `No conversation with id ${id}`)
    }
    // A reply that was streaming when the app stopped is not coming back: say so.
    for (const m of read.value.messages) {
      if (m.status === 'streaming') m.status = m.text ? 'stopped' : 'failed'
    }
    cache.set(id, read.value)
    return read.value
  }

  async function save(conversation: Conversation): Promise<ConversationSummary> {
    const first = conversation.messages.find((m) => m.role === 'user')
    if (!conversation.title && first) conversation.title = titleFromMessage(first.text.trim() ? first.text : (first.attachments?.[0]?.name ?? ''))
    conversation.updatedAt = now()
    conversation.messageCount = conversation.messages.length
    cache.set(conversation.id, conversation)
    index.put(conversation)
    const summary = summaryOf(conversation)
    byId.set(conversation.id, summary)
    // Persist a snapshot: the caller keeps mutating the live object while the write is queued.
    // Serialized once, now (not cloned and serialized later: a 10,000-message conversation is
    // megabytes, and every message sent saves it).
    const snapshot = jsonText(conversation)
    // The file and the index are independent writes (each serialized in its own queue): run them
    // side by side, so a save costs one fsync'd write of latency, not two. Both are on disk when
    // save resolves.
    await Promise.all([queueFor(conversation.id)(() => writeJsonText(fileOf(conversation.id), snapshot)), writeIndex()])
    return summary
  }

  return {
    list: () => [...byId.values()].filter((s) => !deleted.has(s.id)).sort((a, b) => b.updatedAt - a.updatedAt),
    get,
    async create() {
      const t = now()
      const conversation: Conversation = { id: randomUUID(), title: '', createdAt: t, updatedAt: t, messageCount: 0, messages: [] }
      await save(conversation)
      return conversation
    },
    async rename(id, title) {
      const conversation = await get(id)
      conversation.title = title.trim()
      return save(conversation)
    },
    async remove(id) {
      const summary = byId.get(id)
      if (!summary) fail('conversation.not_found', `No conversation with id ${id}`)
      deleted.set(id, summary)
      // The file goes on restart (see purge below); until then Undo can bring it back.
      await fs.writeFile(join(dir, `${id}.deleted`), '')
    },
    async restore(id) {
      if (!deleted.delete(id)) fail('conversation.not_found', `No deleted conversation with id ${id}`)
      await fs.rm(join(dir, `${id}.deleted`), { force: true })
    },
    save,
    async search(query, limit) {
      const live = [...byId.values()].filter((s) => !deleted.has(s.id))
      return index.search(query, live, limit)
    },
    recovered: () => [...recovered]
  }
}

/** Remove conversations deleted in an earlier session (their Undo window has closed). */
export async function purgeDeleted(dataDir: string): Promise<void> {
  const dir = join(dataDir, 'conversations')
  let entries: string[]
  try {
    entries = await fs.readdir(dir)
  } catch {
    return
  }
  for (const f of entries.filter((e) => e.endsWith('.deleted'))) {
    const id = f.slice(0, -'.deleted'.length)
    await fs.rm(join(dir, `${id}.json`), { force: true })
    await fs.rm(join(dir, f), { force: true })
  }
}

function summaryOf(c: Conversation): ConversationSummary {
  return { id: c.id, title: c.title, createdAt: c.createdAt, updatedAt: c.updatedAt, messageCount: c.messages.length }
}

export function newMessage(role: Message['role'], text: string, status: Message['status'], at: number): Message {
  return { id: randomUUID(), role, text, status, createdAt: at }
}

/**
 * Conversations in the history database (db.ts). Messages form a tree: a regenerated reply is a
 * sibling of the earlier replies to the same user message, an edited message a sibling of the
 * original, and the conversation keeps the leaf of the path the user selected. A turn appends two
 * rows and updates one, in one transaction committed before any network call; its cost does not
 * grow with the conversation.
 *
 * Several processes may open the same folder: nothing here is cached across calls, every write is
 * a BEGIN IMMEDIATE transaction, and `watch` notices other processes' commits.
 */
import { randomUUID } from 'node:crypto'
import { hostname } from 'node:os'
import type { DatabaseSync } from 'node:sqlite'
import { fail, type AppError } from '@shared/errors'
import {
  titleFromMessage,
  type Conversation,
  type ConversationSummary,
  type Message,
  type MessageStatus,
  type Role,
  type SearchHit
} from '@shared/conversation'
import type { Attachment } from '@shared/attachments'
import type { Logger } from '../logger'
import { immediate, keepWal, openDatabase, type OpenedDb } from './db'
import { importLegacyInBackground, type BackgroundImportOptions } from './importLegacy'
import { searchHistory } from './search'

/** A streaming reply whose writer has not written for this long is taken as abandoned. */
export const STREAM_STALE_MS = 30_000
/** Deleted conversations stay restorable this long (other sessions may still offer Undo). */
const PURGE_AFTER_MS = 10 * 60_000

export type TurnRequest =
  | { kind: 'send'; conversationId: string; text: string; attachments?: Attachment[] }
  | { kind: 'retry'; conversationId: string; messageId: string }
  | { kind: 'edit'; conversationId: string; messageId: string; text: string }

export interface Turn {
  conversation: ConversationSummary
  user: Message
  assistant: Message
}

export interface ConversationStore {
  /** Newest first; deleted ones are hidden. */
  list(): ConversationSummary[]
  /** The selected path, each message with its version position when it has siblings. */
  get(id: string): Promise<Conversation>
  /** Every message of every branch, in the order they were written. */
  getAll(id: string): Promise<Conversation>
  create(): Promise<Conversation>
  rename(id: string, title: string): Promise<ConversationSummary>
  /** Hide a conversation; `restore` brings it back until a later session purges it. */
  remove(id: string): Promise<void>
  restore(id: string): Promise<void>
  /** Pin or unpin; the conversation keeps its place in time (updatedAt does not move). */
  setPinned(id: string, pinned: boolean): Promise<ConversationSummary>
  /**
   * Add conversations from a backup, every version kept, in one transaction. A conversation whose
   * id is already here (even deleted, within its Undo window) is a duplicate: skipped, never
   * overwritten. `leafId` names the version path that was selected.
   */
  importConversations(list: Array<Conversation & { leafId?: string | null }>): {
    imported: number
    duplicates: number
  }
  search(query: string, limit: number): Promise<SearchHit[]>
  /**
   * Make the path through `messageId` the selected one (down to its newest leaf); with `version`,
   * through that sibling of `messageId` instead (1-based, as in Message.versions).
   */
  selectVersion(conversationId: string, messageId: string, version?: number): Promise<Conversation>
  /**
   * Append a turn: the user's message (new, or the one being retried, or an edited copy) and a
   * streaming reply, committed together. Refused with `chat.busy` while another reply in the
   * conversation streams, in this process or any other.
   */
  beginTurn(request: TurnRequest): Turn
  /** One message, or undefined. */
  message(id: string): Message | undefined
  /** The messages before `messageId` on its path, oldest first; at most `limit` when given. */
  pathBefore(messageId: string, limit?: number): Message[]
  /** Write a streaming reply's text so far (and that its writer is alive). */
  writeStream(messageId: string, text: string): void
  /**
   * The reply's final state, and its conversation's summary right after (its new revision; absent
   * when the conversation was deleted meanwhile).
   */
  finish(
    messageId: string,
    outcome: { status: Exclude<MessageStatus, 'streaming'>; text: string; error?: AppError }
  ): { message: Message; conversation?: ConversationSummary }
  /** Files that could not be read at open and were moved aside. */
  recovered(): string[]
  /** Call `listener` when another process (or connection) committed a change. Polls `data_version`. */
  watch(listener: () => void, intervalMs?: number): () => void
  close(): void
}

interface MessageRow {
  seq: number
  id: string
  conversation_id: string
  parent_id: string | null
  depth: number
  role: Role
  text: string
  status: MessageStatus
  error: string | null
  created_at: number
  attachments: string | null
}

interface ConversationRow {
  id: string
  title: string
  created_at: number
  updated_at: number
  deleted_at: number | null
  leaf_id: string | null
  path_length: number
  revision: number
  pinned: number
}

/** What a Message is made of (not the search and streaming bookkeeping). */
const MESSAGE_COLUMNS =
  'm.seq, m.id, m.conversation_id, m.parent_id, m.depth, m.role, m.text, m.status, m.error, m.created_at, m.attachments'

const INTERRUPTED = JSON.stringify({
  code: 'chat.interrupted',
  message: 'The app stopped before this reply arrived.'
})

const ownerToken = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`

/** What search finds in attached files: their names and extracted text. */
function attachmentsText(json: string | null): string | null {
  if (!json) return null
  return (JSON.parse(json) as Attachment[]).map((a) => `${a.name}\n${a.text}`).join('\n')
}

function summaryOf(r: ConversationRow): ConversationSummary {
  return {
    id: r.id,
    title: r.title,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    messageCount: r.path_length,
    revision: r.revision,
    ...(r.pinned ? { pinned: true } : {})
  }
}

function messageOf(r: MessageRow): Message {
  const m: Message = {
    id: r.id,
    parentId: r.parent_id,
    role: r.role,
    text: r.text,
    status: r.status,
    createdAt: r.created_at
  }
  if (r.error) m.error = JSON.parse(r.error) as AppError
  if (r.attachments) m.attachments = JSON.parse(r.attachments) as Attachment[]
  return m
}

/** Is the process that owns a streaming reply still running (same machine only)? */
function ownerAlive(owner: string | null): boolean {
  if (!owner) return false
  if (owner === ownerToken) return true
  const [host, pid] = owner.split(':')
  if (host !== hostname()) return true // another machine's process: trust its heartbeat instead
  try {
    process.kill(Number(pid), 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * Open the store; on the first start after an upgrade from 0.1 this includes the import of its
 * history (`legacyImport`: its progress, and a signal that stops it and closes the database).
 */
export async function openConversationStore(
  dataDir: string,
  logger: Logger,
  now: () => number = Date.now,
  legacyImport: BackgroundImportOptions = {}
): Promise<ConversationStore> {
  return conversationStoreOn(openDatabase(dataDir, logger, now), dataDir, logger, now, legacyImport)
}

/**
 * The same, on a database the caller opened (createCore opens it at once, so a database it cannot
 * open still fails the start, and leaves only the import to run in the background).
 */
export async function conversationStoreOn(
  opened: OpenedDb,
  dataDir: string,
  logger: Logger,
  now: () => number,
  legacyImport: BackgroundImportOptions = {}
): Promise<ConversationStore> {
  const db: DatabaseSync = opened.db
  const recovered: string[] = opened.movedAside ? [opened.movedAside] : []
  // A large 0.1 history is a long import: off this thread, so the main process stays responsive.
  try {
    recovered.push(
      ...(await importLegacyInBackground(db, dataDir, logger, now, legacyImport)).unreadable
    )
  } catch (error) {
    db.close()
    throw error
  }
  const wal = keepWal(db, logger)
  /** A write transaction; the WAL is looked after later, never inside it (db.ts, keepWal). */
  const write = <T>(work: () => T): T => {
    const result = immediate(db, work)
    wal.wrote()
    return result
  }

  const q = {
    list: db.prepare(
      'SELECT * FROM conversations WHERE deleted_at IS NULL ORDER BY updated_at DESC, rowid DESC'
    ),
    conversation: db.prepare('SELECT * FROM conversations WHERE id = ?'),
    message: db.prepare('SELECT * FROM messages WHERE id = ?'),
    // What a new child needs of its parent: not the parent's text (a long reply, attached files).
    node: db.prepare('SELECT id, depth FROM messages WHERE id = ?'),
    insertConversation: db.prepare(
      'INSERT INTO conversations (id, title, created_at, updated_at) VALUES (?, ?, ?, ?)'
    ),
    insertMessage: db.prepare(
      `INSERT INTO messages (id, conversation_id, parent_id, depth, role, text, status, created_at, attachments, attachments_text, stream_owner, stream_beat)
       VALUES ($id, $conversationId, $parentId, $depth, $role, $text, $status, $createdAt, $attachments, $attachmentsText, $owner, $beat)`
    ),
    setLeaf: db.prepare(
      'UPDATE conversations SET leaf_id = ?, path_length = ?, updated_at = ?, revision = revision + 1 WHERE id = ?'
    ),
    setTitle: db.prepare(
      "UPDATE conversations SET title = ?, revision = revision + 1 WHERE id = ? AND title = ''"
    ),
    rename: db.prepare(
      'UPDATE conversations SET title = ?, updated_at = ?, revision = revision + 1 WHERE id = ?'
    ),
    // The revision moves (other processes reload their list); updated_at does not (a pin is not news).
    pin: db.prepare('UPDATE conversations SET pinned = ?, revision = revision + 1 WHERE id = ?'),
    touch: db.prepare('UPDATE conversations SET revision = revision + 1 WHERE id = ?'),
    streaming: db.prepare(
      "SELECT id, stream_owner, stream_beat FROM messages WHERE conversation_id = ? AND status = 'streaming'"
    ),
    allStreaming: db.prepare(
      "SELECT id, conversation_id, stream_owner, stream_beat FROM messages WHERE status = 'streaming'"
    ),
    writeStream: db.prepare(
      "UPDATE messages SET text = ?, stream_beat = ? WHERE id = ? AND status = 'streaming'"
    ),
    // Keeps the text that arrived; a reply with none failed rather than stopped.
    abandon: db.prepare(
      `UPDATE messages SET status = CASE WHEN text = '' THEN 'failed' ELSE 'stopped' END,
         error = CASE WHEN text = '' THEN $error ELSE NULL END, stream_owner = NULL, stream_beat = NULL WHERE id = $id`
    ),
    finish: db.prepare(
      'UPDATE messages SET text = ?, status = ?, error = ?, stream_owner = NULL, stream_beat = NULL WHERE id = ?'
    ),
    children: db.prepare(
      'SELECT id FROM messages WHERE conversation_id = ? AND parent_id IS ? ORDER BY seq'
    ),
    newestChild: db.prepare(
      'SELECT id, depth FROM messages WHERE parent_id = ? ORDER BY seq DESC LIMIT 1'
    ),
    // Up from the leaf by parent id, each step one index lookup that also yields the next parent.
    path: db.prepare(
      `WITH RECURSIVE up(seq, parent_id, n) AS (
         SELECT seq, parent_id, 0 FROM messages WHERE id = ?
         UNION ALL SELECT m.seq, m.parent_id, up.n + 1 FROM up JOIN messages m ON m.id = up.parent_id WHERE up.n < ?
       )
       SELECT ${MESSAGE_COLUMNS} FROM up JOIN messages m ON m.seq = up.seq ORDER BY up.n DESC`
    ),
    all: db.prepare(
      `SELECT ${MESSAGE_COLUMNS} FROM messages m WHERE conversation_id = ? ORDER BY seq`
    ),
    siblingGroups: db.prepare(
      `SELECT parent_id, id FROM messages
       WHERE conversation_id = $c AND coalesce(parent_id, '') IN (
         SELECT coalesce(parent_id, '') FROM messages WHERE conversation_id = $c GROUP BY coalesce(parent_id, '') HAVING count(*) > 1)
       ORDER BY seq`
    ),
    remove: db.prepare(
      'UPDATE conversations SET deleted_at = ?, revision = revision + 1 WHERE id = ? AND deleted_at IS NULL'
    ),
    restore: db.prepare(
      'UPDATE conversations SET deleted_at = NULL, revision = revision + 1 WHERE id = ? AND deleted_at IS NOT NULL'
    ),
    purge: db.prepare('DELETE FROM conversations WHERE deleted_at IS NOT NULL AND deleted_at < ?'),
    dataVersion: db.prepare('PRAGMA data_version'),
    fingerprint: db.prepare(
      'SELECT total(revision) AS revisions, count(deleted_at IS NULL OR NULL) AS live, count(*) AS total FROM conversations'
    )
  }

  // Replies whose writer died (a crash, a kill, a power cut) are not coming back: keep the text,
  // marked stopped (failed when nothing arrived). A live writer in another process is left alone.
  write(() => {
    for (const r of q.allStreaming.all() as Array<{
      id: string
      conversation_id: string
      stream_owner: string | null
      stream_beat: number | null
    }>) {
      if (ownerAlive(r.stream_owner) && now() - (r.stream_beat ?? 0) < STREAM_STALE_MS) continue
      q.abandon.run({ id: r.id, error: INTERRUPTED })
      q.touch.run(r.conversation_id)
    }
    q.purge.run(now() - PURGE_AFTER_MS)
  })

  function row(id: string, includeDeleted = false): ConversationRow {
    const r = q.conversation.get(id) as ConversationRow | undefined
    if (!r || (r.deleted_at !== null && !includeDeleted))
      fail('conversation.not_found', `No conversation with id ${id}`)
    return r
  }

  function messageRow(id: string): MessageRow | undefined {
    return q.message.get(id) as MessageRow | undefined
  }

  function node(id: string): { id: string; depth: number } | undefined {
    return q.node.get(id) as { id: string; depth: number } | undefined
  }

  /** Version positions for messages that have siblings: one pass over the conversation's index. */
  function versionsOf(conversationId: string): Map<string, { index: number; count: number }> {
    const groups = new Map<string, string[]>()
    for (const r of q.siblingGroups.all({ c: conversationId }) as Array<{
      parent_id: string | null
      id: string
    }>) {
      const key = r.parent_id ?? ''
      const list = groups.get(key) ?? []
      list.push(r.id)
      groups.set(key, list)
    }
    const out = new Map<string, { index: number; count: number }>()
    for (const ids of groups.values())
      ids.forEach((id, i) => out.set(id, { index: i + 1, count: ids.length }))
    return out
  }

  function withVersions(conversationId: string, messages: Message[]): Message[] {
    const versions = versionsOf(conversationId)
    for (const m of messages) {
      const v = versions.get(m.id)
      if (v) m.versions = v
    }
    return messages
  }

  function pathTo(leafId: string | null, limit = Number.MAX_SAFE_INTEGER): MessageRow[] {
    if (!leafId) return []
    return q.path.all(leafId, limit) as unknown as MessageRow[]
  }

  function conversation(id: string): Conversation {
    const r = row(id)
    return { ...summaryOf(r), messages: withVersions(id, pathTo(r.leaf_id).map(messageOf)) }
  }

  function versionOf(conversationId: string, m: Message): Message {
    const siblings = (
      q.children.all(conversationId, m.parentId ?? null) as Array<{ id: string }>
    ).map((s) => s.id)
    if (siblings.length > 1)
      m.versions = { index: siblings.indexOf(m.id) + 1, count: siblings.length }
    return m
  }

  function insert(
    conversationId: string,
    parent: { id: string; depth: number } | undefined,
    role: Role,
    text: string,
    status: MessageStatus,
    at: number,
    attachments?: string | null
  ): MessageRow {
    const r: MessageRow = {
      seq: 0,
      id: randomUUID(),
      conversation_id: conversationId,
      parent_id: parent?.id ?? null,
      depth: (parent?.depth ?? 0) + 1,
      role,
      text,
      status,
      error: null,
      created_at: at,
      attachments: attachments ?? null
    }
    q.insertMessage.run({
      id: r.id,
      conversationId,
      parentId: r.parent_id,
      depth: r.depth,
      role,
      text,
      status,
      createdAt: at,
      attachments: r.attachments,
      attachmentsText: attachmentsText(r.attachments),
      owner: status === 'streaming' ? ownerToken : null,
      beat: status === 'streaming' ? at : null
    })
    return r
  }

  function ensureIdle(conversationId: string) {
    for (const s of q.streaming.all(conversationId) as Array<{
      id: string
      stream_owner: string | null
      stream_beat: number | null
    }>) {
      if (ownerAlive(s.stream_owner) && now() - (s.stream_beat ?? 0) < STREAM_STALE_MS) {
        fail('chat.busy', 'A reply is still streaming in this conversation. Stop it first.')
      }
      // Abandoned by a writer that died: it will not finish, so it does not block.
      q.abandon.run({ id: s.id, error: INTERRUPTED })
    }
  }

  return {
    list: () => (q.list.all() as unknown as ConversationRow[]).map(summaryOf),
    get: async (id) => conversation(id),
    async getAll(id) {
      const r = row(id)
      return {
        ...summaryOf(r),
        messages: withVersions(id, (q.all.all(id) as unknown as MessageRow[]).map(messageOf))
      }
    },
    async create() {
      const t = now()
      const id = randomUUID()
      write(() => q.insertConversation.run(id, '', t, t))
      return {
        id,
        title: '',
        createdAt: t,
        updatedAt: t,
        messageCount: 0,
        revision: 0,
        messages: []
      }
    },
    async rename(id, title) {
      return write(() => {
        row(id)
        q.rename.run(title.trim(), now(), id)
        return summaryOf(row(id))
      })
    },
    async remove(id) {
      write(() => {
        row(id)
        q.remove.run(now(), id)
      })
    },
    async restore(id) {
      write(() => {
        if (q.restore.run(id).changes === 0)
          fail('conversation.not_found', `No deleted conversation with id ${id}`)
      })
    },
    importConversations(list) {
      return write(() => {
        let imported = 0
        let duplicates = 0
        const insertRow = db.prepare(
          'INSERT INTO conversations (id, title, created_at, updated_at, leaf_id, path_length, pinned) VALUES (?, ?, ?, ?, ?, ?, ?)'
        )
        for (const c of list) {
          if (q.conversation.get(c.id)) {
            duplicates++
            continue
          }
          // Message ids are unique across the database: one taken by another conversation gets a new one.
          const ids = new Map<string, string>()
          for (const m of c.messages) ids.set(m.id, q.message.get(m.id) ? randomUUID() : m.id)
          const depth = new Map<string, number>()
          const rows: Parameters<typeof q.insertMessage.run>[0][] = []
          for (const m of c.messages) {
            const parentId = m.parentId ? (ids.get(m.parentId) ?? null) : null
            const d = (parentId ? (depth.get(parentId) ?? 0) : 0) + 1
            const id = ids.get(m.id)!
            depth.set(id, d)
            const attachments = m.attachments?.length ? JSON.stringify(m.attachments) : null
            const status = m.status === 'streaming' ? (m.text ? 'stopped' : 'failed') : m.status
            rows.push({
              id,
              conversationId: c.id,
              parentId,
              depth: d,
              role: m.role,
              text: m.text,
              status,
              createdAt: m.createdAt,
              attachments,
              attachmentsText: attachmentsText(attachments),
              owner: null,
              beat: null
            })
          }
          const leaf = c.leafId
            ? ids.get(c.leafId)
            : c.messages.length
              ? ids.get(c.messages[c.messages.length - 1]!.id)
              : undefined
          insertRow.run(
            c.id,
            c.title ?? '',
            c.createdAt,
            c.updatedAt,
            leaf ?? null,
            leaf ? (depth.get(leaf) ?? 0) : 0,
            c.pinned ? 1 : 0
          )
          for (const r of rows) q.insertMessage.run(r)
          for (const m of c.messages)
            if (m.error)
              db.prepare('UPDATE messages SET error = ? WHERE id = ?').run(
                JSON.stringify(m.error),
                ids.get(m.id)!
              )
          imported++
        }
        return { imported, duplicates }
      })
    },
    async setPinned(id, pinned) {
      return write(() => {
        row(id)
        q.pin.run(pinned ? 1 : 0, id)
        return summaryOf(row(id))
      })
    },
    search: async (query, limit) => searchHistory(db, query, limit),

    async selectVersion(conversationId, messageId, version) {
      write(() => {
        const r = row(conversationId)
        const shown = messageRow(messageId)
        if (!shown || shown.conversation_id !== conversationId)
          fail('message.not_found', 'That message is not in this conversation')
        let m = shown
        if (version !== undefined) {
          const siblings = q.children.all(conversationId, shown.parent_id) as Array<{ id: string }>
          const target = siblings[version - 1]
          if (!target) fail('message.not_found', `That message has no version ${version}`)
          m = messageRow(target.id)!
        }
        // Down to the newest leaf under it: the branch as it was last written.
        let leaf = { id: m.id, depth: m.depth }
        for (
          let next = q.newestChild.get(leaf.id) as typeof leaf | undefined;
          next;
          next = q.newestChild.get(leaf.id) as typeof leaf | undefined
        )
          leaf = next
        q.setLeaf.run(leaf.id, leaf.depth, r.updated_at, conversationId)
      })
      return conversation(conversationId)
    },

    beginTurn(request) {
      const t = now()
      const turn = write(() => {
        const c = row(request.conversationId)
        ensureIdle(c.id)
        let user: MessageRow
        if (request.kind === 'send') {
          const attached = request.attachments?.length ? JSON.stringify(request.attachments) : null
          user = insert(
            c.id,
            c.leaf_id ? node(c.leaf_id) : undefined,
            'user',
            request.text,
            'done',
            t,
            attached
          )
        } else {
          const target = messageRow(request.messageId)
          if (!target || target.conversation_id !== c.id || target.role !== 'user')
            fail('message.not_found', 'That message is not in this conversation')
          // An edited copy keeps the original's attached files.
          user =
            request.kind === 'retry'
              ? target
              : insert(
                  c.id,
                  target.parent_id ? node(target.parent_id) : undefined,
                  'user',
                  request.text,
                  'done',
                  t,
                  target.attachments
                )
        }
        const assistant = insert(c.id, user, 'assistant', '', 'streaming', t)
        q.setLeaf.run(assistant.id, assistant.depth, t, c.id)
        if (!c.title && user.depth === 1)
          q.setTitle.run(
            titleFromMessage(
              user.text.trim() ? user.text : (messageOf(user).attachments?.[0]?.name ?? '')
            ),
            c.id
          )
        return {
          conversation: summaryOf(row(c.id)),
          user: messageOf(user),
          assistant: messageOf(assistant)
        }
      })
      versionOf(request.conversationId, turn.user)
      // A new user message's reply is its first child: only a retry's reply has siblings.
      if (request.kind === 'retry') versionOf(request.conversationId, turn.assistant)
      return turn
    },

    message(id) {
      const m = messageRow(id)
      return m ? messageOf(m) : undefined
    },

    pathBefore(messageId, limit) {
      const m = messageRow(messageId)
      if (!m?.parent_id) return []
      return pathTo(m.parent_id, limit === undefined ? undefined : Math.max(0, limit - 1)).map(
        messageOf
      )
    },

    writeStream(messageId, text) {
      q.writeStream.run(text, now(), messageId)
      wal.wrote()
    },

    finish(messageId, outcome) {
      return write(() => {
        q.finish.run(
          outcome.text,
          outcome.status,
          outcome.error ? JSON.stringify(outcome.error) : null,
          messageId
        )
        const m = messageRow(messageId)
        if (!m) fail('message.not_found', 'That message is not in this conversation')
        q.touch.run(m.conversation_id)
        const c = row(m.conversation_id, true)
        return {
          message: versionOf(m.conversation_id, messageOf(m)),
          ...(c.deleted_at === null ? { conversation: summaryOf(c) } : {})
        }
      })
    },

    recovered: () => [...recovered],

    watch(listener, intervalMs = 500) {
      // data_version moves on every commit of another connection, twice a second while another
      // process streams a reply; the listener (which sends the whole sidebar) runs only when a
      // conversation itself changed: every such write bumps its revision.
      const fingerprint = () => {
        const r = q.fingerprint.get() as { revisions: number; live: number; total: number }
        return `${r.revisions}:${r.live}:${r.total}`
      }
      let seen = (q.dataVersion.get() as { data_version: number }).data_version
      let seenPrint = fingerprint()
      const timer = setInterval(() => {
        const v = (q.dataVersion.get() as { data_version: number }).data_version
        if (v === seen) return
        seen = v
        // Another process wrote: the WAL may need a checkpoint that process will not live to run.
        wal.wrote()
        const print = fingerprint()
        if (print === seenPrint) return
        seenPrint = print
        listener()
      }, intervalMs)
      timer.unref()
      return () => clearInterval(timer)
    },

    close() {
      wal.close()
      if (db.isOpen) db.close()
    }
  }
}

/**
 * One file with every conversation, every version of every reply, to keep or to move to another
 * computer (issue 17 item 9); importing it adds what is missing and never overwrites: a
 * conversation whose id is already here is recognised as a duplicate and skipped.
 */
import type { Conversation } from '@shared/conversation'
import { fail } from '@shared/errors'
import type { ExportedFile } from '@shared/ipc/contract'
import type { ConversationStore } from '../store/conversations'

export const BACKUP_FORMAT = 'kha-desktop-backup'

type BackupConversation = Conversation & { leafId: string | null }

export interface BackupFile {
  format: typeof BACKUP_FORMAT
  version: 1
  exportedAt: string
  conversations: BackupConversation[]
}

export async function makeBackup(
  store: ConversationStore,
  now: number = Date.now()
): Promise<ExportedFile> {
  const conversations: BackupConversation[] = []
  for (const summary of store.list()) {
    const all = await store.getAll(summary.id)
    const path = (await store.get(summary.id)).messages
    // Version counters are computed on read: the file keeps the tree (parent ids) only.
    const messages = all.messages.map(({ versions: _versions, ...m }) => m)
    conversations.push({ ...all, messages, leafId: path.at(-1)?.id ?? null })
  }
  const file: BackupFile = {
    format: BACKUP_FORMAT,
    version: 1,
    exportedAt: new Date(now).toISOString(),
    conversations
  }
  const day = new Date(now).toISOString().slice(0, 10)
  return {
    fileName: `kha-desktop-backup-${day}.json`,
    mimeType: 'application/json',
    content: `${JSON.stringify(file, null, 1)}\n`
  }
}

const bad = (reason: string): never =>
  fail('store.bad_backup', `Not a kha-desktop backup: ${reason}`, { params: { reason } })

/** Parse and check a backup file's shape before anything is written. */
export function readBackup(content: string): BackupConversation[] {
  let raw: unknown
  try {
    raw = JSON.parse(content)
  } catch {
    return bad('not JSON')
  }
  const file = raw as Partial<BackupFile>
  if (!file || typeof file !== 'object' || file.format !== BACKUP_FORMAT) return bad('format')
  if (file.version !== 1) return bad(`version ${String(file.version)}`)
  if (!Array.isArray(file.conversations)) return bad('conversations')
  for (const c of file.conversations) {
    if (
      !c ||
      typeof c.id !== 'string' ||
      !Array.isArray(c.messages) ||
      typeof c.createdAt !== 'number' ||
      typeof c.updatedAt !== 'number'
    )
      return bad('conversation')
    for (const m of c.messages) {
      if (
        !m ||
        typeof m.id !== 'string' ||
        (m.role !== 'user' && m.role !== 'assistant') ||
        typeof m.text !== 'string' ||
        typeof m.createdAt !== 'number'
      )
        return bad('message')
      if (!['done', 'stopped', 'failed', 'streaming'].includes(m.status))
        return bad('message status')
    }
  }
  return file.conversations
}

export function importBackup(
  store: ConversationStore,
  content: string
): { imported: number; duplicates: number } {
  return store.importConversations(readBackup(content))
}

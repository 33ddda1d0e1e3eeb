/** A conversation as a file the user keeps: Markdown to read, JSON to process. */
import { formatBytes } from '@shared/attachments'
import type { Conversation, Message } from '@shared/conversation'
import { en } from '@shared/i18n/en'
import { ko } from '@shared/i18n/ko'
import type { ExportedFile } from '@shared/ipc/contract'

function safeFileName(title: string): string {
  const cleaned = title
    // eslint-disable-next-line no-control-regex -- control characters are exactly what file names must not hold
    .replace(/[\\/:*?"<>|\u0000-\u001f]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 80)
  return cleaned || 'conversation'
}

/** Attached files under their message: name, type, size, and the extracted text in a fence no line of it can close. */
function attachmentLines(m: Message): string[] {
  const lines: string[] = []
  for (const a of m.attachments ?? []) {
    lines.push(
      `> 📎 ${a.name} (${a.type}, ${formatBytes(a.size)}${a.kind === 'text' ? `, ${a.text.length} chars` : ''})`,
      ''
    )
    if (a.kind !== 'text') continue
    const longest = Math.max(2, ...(a.text.match(/~{3,}/g) ?? []).map((run) => run.length))
    const fence = '~'.repeat(longest + 1)
    lines.push(`${fence}text`, a.text, fence, '')
  }
  return lines
}

/**
 * Markdown headings and dates are in the user's language (the renderer passes the UI's); each
 * message heading carries when it was written, as a document someone files or forwards needs.
 */
export function exportConversation(
  conversation: Conversation,
  format: 'markdown' | 'json',
  language: 'ko' | 'en' = 'en',
  now: number = Date.now()
): ExportedFile {
  const base = safeFileName(conversation.title)
  if (format === 'json') {
    return {
      fileName: `${base}.json`,
      mimeType: 'application/json',
      content: `${JSON.stringify(conversation, null, 2)}\n`
    }
  }
  const s = (language === 'ko' ? ko : en).export
  const date = new Intl.DateTimeFormat(language === 'ko' ? 'ko-KR' : 'en-US', {
    dateStyle: 'medium',
    timeStyle: 'short'
  })
  const lines = [
    `# ${conversation.title || s.untitled}`,
    '',
    `${s.created}: ${date.format(conversation.createdAt)} · ${s.exported}: ${date.format(now)}`,
    ''
  ]
  for (const m of conversation.messages) {
    const who = m.role === 'user' ? s.user : s.assistant
    const state =
      m.status === 'stopped' ? ` (${s.stopped})` : m.status === 'failed' ? ` (${s.failed})` : ''
    lines.push(
      `## ${who}${state} · ${date.format(m.createdAt)}`,
      '',
      m.text,
      '',
      ...attachmentLines(m)
    )
  }
  return { fileName: `${base}.md`, mimeType: 'text/markdown', content: lines.join('\n') }
}

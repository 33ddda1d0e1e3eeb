/** A conversation as a file the user keeps: Markdown to read, JSON to process. */
import type { Conversation } from '@shared/conversation'
import type { ExportedFile } from '@shared/ipc/contract'

function safeFileName(title: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what file names must not hold
  const cleaned = title.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 80)
  return cleaned || 'conversation'
}

export function exportConversation(conversation: Conversation, format: 'markdown' | 'json'): ExportedFile {
  const base = safeFileName(conversation.title)
  if (format === 'json') {
    return { fileName: `${base}.json`, mimeType: 'application/json', content: `${JSON.stringify(conversation, null, 2)}\n` }
  }
  const lines = [`# ${conversation.title || 'Conversation'}`, '']
  for (const m of conversation.messages) {
    lines.push(`## ${m.role === 'user' ? 'User' : 'Assistant'}${m.status === 'stopped' ? ' (stopped)' : m.status === 'failed' ? ' (failed)' : ''}`, '', m.text, '')
  }
  return { fileName: `${base}.md`, mimeType: 'text/markdown', content: lines.join('\n') }
}

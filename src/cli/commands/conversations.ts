/**
 * `kha-desktop conversations list | show ID [--all] | search QUERY | export ID --format md|json
 * [--out FILE] | remove ID`: the app's history from a terminal, through the same core and handler
 * table (`dispatch`) the app uses, on the same database (safe while the app runs). With --json
 * each prints exactly one document, in the shapes docs/CLI.md lists (they are an interface).
 */
import { writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import type { Command } from 'commander'
import type { Conversation, ConversationSummary, SearchHit } from '@shared/conversation'
import type { ExportedFile } from '@shared/ipc/contract'
import { callCore, type CliContext } from '../context'
import { usageError } from '../output'

type ContextOf = (cmd: Command) => CliContext

const iso = (ms: number) => new Date(ms).toISOString()

function listShape(list: ConversationSummary[]) {
  return {
    conversations: list.map((c) => ({
      id: c.id,
      title: c.title,
      updatedAt: c.updatedAt,
      messageCount: c.messageCount
    }))
  }
}

function showShape(c: Conversation) {
  return {
    id: c.id,
    title: c.title,
    messages: c.messages.map((m) => ({
      id: m.id,
      parentId: m.parentId ?? null,
      role: m.role,
      text: m.text,
      status: m.status,
      createdAt: m.createdAt,
      ...(m.error ? { error: m.error } : {}),
      // Attached files with their extracted text (an image's data URL is left out: it is bytes, not reading).
      ...(m.attachments?.length
        ? {
            attachments: m.attachments.map((a) => ({
              name: a.name,
              type: a.type,
              size: a.size,
              kind: a.kind,
              text: a.text
            }))
          }
        : {})
    }))
  }
}

function searchShape(hits: SearchHit[]) {
  return {
    hits: hits.map((h) => ({
      conversationId: h.conversationId,
      messageId: h.messageId ?? null,
      title: h.title,
      snippet: h.snippet
    }))
  }
}

export function registerConversationCommands(program: Command, contextOf: ContextOf): void {
  const group = program
    .command('conversations')
    .description('the conversation history: list, show, search, export, remove')

  group
    .command('list')
    .description('every conversation, newest first')
    .action(async (_opts: unknown, cmd: Command) => {
      const ctx = contextOf(cmd)
      const { summaries: list } = await callCore(ctx, 'conversations:list')
      ctx.out.result(listShape(list), () =>
        list.map(
          (c) =>
            `${c.id}  ${iso(c.updatedAt)}  ${String(c.messageCount).padStart(4)}  ${c.title || '(untitled)'}`
        )
      )
    })

  group
    .command('show')
    .description(
      'the messages of the selected path (with --all, every version and branch, each with its parentId)'
    )
    .argument('<id>', 'conversation id (see `conversations list`)')
    .option('--all', 'every message of every branch, in the order written')
    .action(async (id: string, opts: { all?: boolean }, cmd: Command) => {
      const ctx = contextOf(cmd)
      const c = await callCore(ctx, 'conversations:get', { id, ...(opts.all ? { all: true } : {}) })
      ctx.out.result(showShape(c), () => [
        `# ${c.title || '(untitled)'}`,
        ...c.messages.flatMap((m) => [
          '',
          `## ${m.role}${m.status === 'done' ? '' : ` (${m.status})`}${m.versions ? ` [${m.versions.index}/${m.versions.count}]` : ''}${opts.all ? `  ${m.id} ← ${m.parentId ?? '-'}` : ''}`,
          ...(m.attachments ?? []).map((a) => `[attached: ${a.name}, ${a.size} bytes]`),
          m.text
        ])
      ])
    })

  group
    .command('search')
    .description('titles and message text (any language; two-letter words too), newest first')
    .argument('<query>', 'words to find')
    .option('--limit <n>', 'at most this many conversations', '50')
    .action(async (query: string, opts: { limit: string }, cmd: Command) => {
      const ctx = contextOf(cmd)
      const limit = Number(opts.limit)
      if (!Number.isInteger(limit) || limit < 1 || limit > 500)
        throw usageError('--limit must be a whole number from 1 to 500')
      const hits = await callCore(ctx, 'conversations:search', { query, limit })
      ctx.out.result(searchShape(hits), () =>
        hits.length
          ? hits.map((h) => `${h.conversationId}  ${h.title}\n    ${h.snippet}`)
          : ['(nothing found)']
      )
    })

  group
    .command('export')
    .description('the selected path as Markdown or JSON, to stdout or a file')
    .argument('<id>', 'conversation id')
    .requiredOption('--format <format>', 'md or json')
    .option('--out <file>', 'write to this file instead of stdout')
    .action(async (id: string, opts: { format: string; out?: string }, cmd: Command) => {
      const ctx = contextOf(cmd)
      if (opts.format !== 'md' && opts.format !== 'json')
        throw usageError('--format must be md or json')
      const file: ExportedFile = await callCore(ctx, 'conversations:export', {
        id,
        format: opts.format === 'md' ? 'markdown' : 'json'
      })
      if (opts.out) {
        const path = resolve(ctx.io.cwd, opts.out)
        writeFileSync(path, file.content, { mode: 0o600 })
        ctx.out.result({ path, bytes: Buffer.byteLength(file.content) }, () => [])
        ctx.out.note(`written: ${path}`)
        return
      }
      // The document itself on stdout; with --json a Markdown export is wrapped so stdout stays JSON.
      if (ctx.out.json && opts.format === 'md')
        ctx.out.result({ fileName: file.fileName, content: file.content }, () => [])
      else ctx.io.stdout.write(file.content)
    })

  group
    .command('remove')
    .description('delete a conversation (the app can still undo it for a few minutes)')
    .argument('<id>', 'conversation id')
    .action(async (id: string, _opts: unknown, cmd: Command) => {
      const ctx = contextOf(cmd)
      await callCore(ctx, 'conversations:remove', { id })
      ctx.out.result({ removed: id }, () => `removed: ${id}`)
    })
}

/**
 * `kha-desktop chat [--profile NAME] [--conversation ID] [--attach FILE]… MESSAGE|-`: one chat turn through the
 * app's own chat service, so the conversation is stored exactly as the app stores it (user message
 * first, then the reply with its status) and shows up in the app's sidebar. The reply streams to
 * stdout as it arrives: exactly the text the app shows, followed by one newline.
 *
 * `--attach` (repeatable) reads files as the app's composer does: text extracted in a worker thread,
 * refused by name (encrypted, a scan, too large for the profile…) before anything is sent.
 *
 * It does not change which profile the app has selected: the chat service is given a view of the
 * profile store whose "active" profile is the one named here.
 */
import { readFile } from 'node:fs/promises'
import { basename } from 'node:path'
import type { Command } from 'commander'
import type { Attachment } from '@shared/attachments'
import type { Profile } from '@shared/profile'
import { createExtractor } from '../../core/attachments/extractor'
import { extractAttachment } from '../../core/attachments/service'
import type { Logger } from '../../core/logger'
import type { EventPayloads } from '@shared/ipc/contract'
import type { Message } from '@shared/conversation'
import type { AppError } from '@shared/errors'
import { createChatService } from '../../core/chat/service'
import { createConnectionManager } from '../../core/connection/manager'
import { registerSecret } from '../../core/logger'
import { secretKey } from '../../core/secrets'
import { openConversationStore } from '../../core/store/conversations'
import type { ProfileStore } from '../../core/store/profiles'
import { cliErrorOf, findProfile, openProfiles, type CliContext } from '../context'
import { exitCodeForError, exitCodes } from '../exitCodes'
import { usageError } from '../output'
import { hintFor, provideHeaderSecrets, provideSshSecrets, terminalAskUser } from '../secrets'

type ContextOf = (cmd: Command) => CliContext

async function readStdin(stdin: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)))
  return Buffer.concat(chunks).toString('utf8')
}

/** The files of --attach as attachments, in order; the first one refused stops everything. */
async function readAttachments(paths: string[], profile: Profile, logger: Logger): Promise<Attachment[]> {
  if (paths.length === 0) return []
  const extractor = createExtractor({ logger })
  try {
    const out: Attachment[] = []
    for (const path of paths) {
      let bytes: Uint8Array
      try {
        bytes = new Uint8Array(await readFile(path))
      } catch (error) {
        throw usageError(`--attach ${path}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`)
      }
      try {
        out.push(await extractAttachment(extractor, { name: basename(path), bytes }, profile.contract))
      } catch (error) {
        throw cliErrorOf(error) ?? error
      }
    }
    return out
  } finally {
    await extractor.dispose()
  }
}

export function registerChatCommand(program: Command, contextOf: ContextOf, setExit: (code: number) => void): void {
  program
    .command('chat')
    .description('send one message and stream the reply to stdout; the conversation is saved like the app\'s')
    .argument('<message>', 'the message, or - to read it from stdin')
    .option('--profile <name>', 'profile name or id (default: the one selected in the app)')
    .option('--conversation <id>', 'continue this conversation (its id is printed after each reply)')
    .option('--attach <file>', 'attach a file (repeatable): .txt .md .csv .pdf .docx .xlsx .hwpx, or an image for a profile whose model takes images', (value: string, all: string[]) => [...all, value], [] as string[])
    .action(async (message: string, opts: { profile?: string; conversation?: string; attach: string[] }, cmd: Command) => {
      const ctx = contextOf(cmd)
      // From stdin, the line end that `echo` or a heredoc adds is not part of the message.
      const text = message === '-' ? (await readStdin(ctx.io.stdin)).replace(/\r?\n$/, '') : message
      if (!text.trim() && opts.attach.length === 0) throw usageError('the message is empty')
      const profiles = await openProfiles(ctx)
      const profile = findProfile(profiles, opts.profile)
      const attachments = await readAttachments(opts.attach, profile, ctx.logger)
      await provideSshSecrets(ctx, profile)
      await provideHeaderSecrets(ctx, profile)
      const apiKey = ctx.env.KHA_API_KEY
      if (apiKey) {
        registerSecret(apiKey)
        await ctx.secrets.set(secretKey(profile, 'apiKey') as string, apiKey, false)
      }

      const conversations = await openConversationStore(ctx.dataDir, ctx.logger)
      const view: ProfileStore = { ...profiles, recovered: profiles.recovered, active: () => profile }
      const askUser = terminalAskUser(ctx)
      const connections = createConnectionManager({ secrets: ctx.secrets, logger: ctx.logger, dataDir: ctx.dataDir, homeDir: ctx.homeDir, env: ctx.env, onState: () => undefined, ...(askUser ? { askUser } : {}) })
      let assistantId: string | undefined
      let settle: (outcome: { message: Message; error?: AppError }) => void = () => undefined
      const outcome = new Promise<{ message: Message; error?: AppError }>((resolve) => (settle = resolve))
      const early: Array<{ message: Message; error?: AppError }> = []
      const emit = <E extends keyof EventPayloads>(event: E, payload: EventPayloads[E]) => {
        if (event === 'chat:delta') {
          const p = payload as EventPayloads['chat:delta']
          if (p.messageId === assistantId) ctx.out.text(p.text)
        } else if (event === 'chat:done' || event === 'chat:failed') {
          const p = payload as EventPayloads['chat:done'] & { error?: AppError }
          const result = { message: p.message, ...(p.error ? { error: p.error } : {}) }
          if (assistantId === undefined) early.push(result)
          else if (p.message.id === assistantId) settle(result)
        }
      }
      const chat = createChatService({ profiles: view, conversations, connections, logger: ctx.logger, secrets: ctx.secrets, emit, now: Date.now })
      let conversationId: string | undefined
      const onSigint = () => void (conversationId && chat.stop(conversationId))
      process.once('SIGINT', onSigint)
      try {
        await connections.use(profile)
        ctx.logger.info('chat (cli)', { profile: profile.name })
        let sent
        try {
          sent = await chat.send({ text, ...(opts.conversation ? { conversationId: opts.conversation } : {}), ...(attachments.length ? { attachments } : {}) })
        } catch (error) {
          throw cliErrorOf(error) ?? error
        }
        conversationId = sent.conversation.id
        assistantId = sent.assistantMessage.id
        const already = early.find((r) => r.message.id === assistantId)
        if (already) settle(already)
        const { message: reply, error } = await outcome
        // The reply ends its line on a terminal; nothing else is added to the text.
        if (reply.text) ctx.out.text('\n')
        const result = { conversationId: sent.conversation.id, messageId: reply.id, status: reply.status, text: reply.text, ...(error ? { error } : {}) }
        if (error) {
          const hint = hintFor(error)
          if (ctx.out.json) ctx.out.result({ ok: false, ...result, ...(hint ? { hint } : {}) }, () => '')
          else {
            ctx.out.error({ ...error, ...(hint ? { hint } : {}) })
            ctx.out.note(`conversation: ${sent.conversation.id}`)
          }
          setExit(exitCodeForError(error.code))
          return
        }
        ctx.out.result(result, () => [])
        ctx.out.note(`conversation: ${sent.conversation.id}`)
        setExit(reply.status === 'stopped' ? exitCodes.interrupted : exitCodes.ok)
      } finally {
        process.removeListener('SIGINT', onSigint)
        await chat.dispose()
        conversations.close()
        await connections.close()
      }
    })
}

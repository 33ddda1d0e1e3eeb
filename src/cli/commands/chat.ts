/**
 * `kha-desktop chat [--profile NAME] [--conversation ID] [--attach FILE]… MESSAGE|-`: one chat turn through the
 * app's own core (startCore, `chat:send` and its events), so the conversation is stored exactly as the app stores it (user message
 * first, then the reply with its status) and shows up in the app's sidebar. The reply streams to
 * stdout as it arrives: exactly the text the app shows, followed by one newline.
 *
 * `--attach` (repeatable) reads files as the app's composer does: text extracted in a worker thread,
 * refused by name (encrypted, a scan, too large for the profile…) before anything is sent.
 *
 * One core does it all. It does not change which profile the app has selected: the core works on
 * the profile named here (the terminal's `session:use`), and opens its connection only once the
 * files are read and the secrets are in place (`session:connect`). An SSH server's two-factor
 * question (`connection:authPrompts`) is read on the terminal and answered with
 * `connection:answerAuthPrompt`; without a terminal it is declined, and the login fails with
 * `ssh.prompt_unanswered`.
 */
import { readFile } from 'node:fs/promises'
import { basename } from 'node:path'
import type { Command } from 'commander'
import { MAX_FILE_BYTES, type Attachment } from '@shared/attachments'
import type { Message } from '@shared/conversation'
import type { AppError } from '@shared/errors'
import { registerSecret, secretKey, type TerminalCore } from '../../core'
import { answerAuthPrompts } from '../authPrompts'
import { dispatchOn, dispatchTerminal, findProfile, openCore, type CliContext } from '../context'
import { exitCodeForError, exitCodes } from '../exitCodes'
import { CliError, usageError } from '../output'
import { hintFor, provideHeaderSecrets, provideSshSecrets } from '../secrets'

type ContextOf = (cmd: Command) => CliContext

async function readStdin(stdin: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of stdin)
    chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)))
  return Buffer.concat(chunks).toString('utf8')
}

interface AttachedFile {
  name: string
  bytes: Buffer
}

/** The files of --attach, read before anything else happens: a missing or too large one stops the command. */
async function readFiles(paths: string[]): Promise<AttachedFile[]> {
  const out: AttachedFile[] = []
  for (const path of paths) {
    let bytes: Buffer
    try {
      bytes = await readFile(path)
    } catch (error) {
      throw usageError(
        `--attach ${path}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`
      )
    }
    const name = basename(path)
    // The same refusal the core gives, without encoding the bytes for the call first.
    if (bytes.byteLength > MAX_FILE_BYTES) {
      const limitMb = MAX_FILE_BYTES / 1024 / 1024
      throw new CliError(
        {
          code: 'attachment.file_too_large',
          message: `${name}: the file is larger than ${limitMb} MB`,
          params: { name, limitMb }
        },
        exitCodeForError('attachment.file_too_large')
      )
    }
    out.push({ name, bytes })
  }
  return out
}

/**
 * The files as attachments, extracted by the core as the composer's are, before any connection
 * is open: the first one refused stops everything before the server hears of it.
 */
async function extractAll(core: TerminalCore, files: AttachedFile[]): Promise<Attachment[]> {
  const out: Attachment[] = []
  for (const file of files)
    out.push(
      await dispatchOn(core, 'attachments:extract', {
        name: file.name,
        data: file.bytes.toString('base64')
      })
    )
  return out
}

export function registerChatCommand(
  program: Command,
  contextOf: ContextOf,
  setExit: (code: number) => void
): void {
  program
    .command('chat')
    .description(
      "send one message and stream the reply to stdout; the conversation is saved like the app's"
    )
    .argument('<message>', 'the message, or - to read it from stdin')
    .option('--profile <name>', 'profile name or id (default: the one selected in the app)')
    .option(
      '--conversation <id>',
      'continue this conversation (its id is printed after each reply)'
    )
    .option(
      '--attach <file>',
      'attach a file (repeatable): .txt .md .csv .pdf .docx .xlsx .hwpx, or an image for a profile whose model takes images',
      (value: string, all: string[]) => [...all, value],
      [] as string[]
    )
    .action(
      async (
        message: string,
        opts: { profile?: string; conversation?: string; attach: string[] },
        cmd: Command
      ) => {
        const ctx = contextOf(cmd)
        // From stdin, the line end that `echo` or a heredoc adds is not part of the message.
        const text =
          message === '-' ? (await readStdin(ctx.io.stdin)).replace(/\r?\n$/, '') : message
        if (!text.trim() && opts.attach.length === 0) throw usageError('the message is empty')
        const core = await openCore(ctx)
        try {
          await chatOn(core, ctx, text, opts, setExit)
        } finally {
          await core.dispose()
        }
      }
    )
}

/** One turn on one core: the profile, the files, the secrets, the connection, then `chat:send`. */
async function chatOn(
  core: TerminalCore,
  ctx: CliContext,
  text: string,
  opts: { profile?: string; conversation?: string; attach: string[] },
  setExit: (code: number) => void
): Promise<void> {
  const profile = findProfile(await dispatchOn(core, 'profiles:list'), opts.profile)
  // The core works on the named profile for this run; the app's selection stays as it is.
  await dispatchTerminal(core, 'session:use', { profileId: profile.id })
  const attachments = await extractAll(core, await readFiles(opts.attach))
  await provideSshSecrets(ctx, profile)
  await provideHeaderSecrets(ctx, profile)
  const apiKey = ctx.env.KHA_API_KEY
  if (apiKey) {
    registerSecret(apiKey)
    await ctx.secrets.set(secretKey(profile, 'apiKey') as string, apiKey, false)
  }
  await dispatchTerminal(core, 'session:connect')
  let assistantId: string | undefined
  let settle: (outcome: { message: Message; error?: AppError }) => void = () => undefined
  const outcome = new Promise<{ message: Message; error?: AppError }>(
    (resolve) => (settle = resolve)
  )
  // What arrives before chat:send answers (which message is the reply) waits here.
  const early: Array<{ message: Message; error?: AppError }> = []
  const earlyText = new Map<string, string[]>()
  const stopAnswering = answerAuthPrompts(core, ctx)
  const unlisten = core.onEvent((event, payload) => {
    if (event === 'chat:delta') {
      const p = payload as { messageId: string; text: string }
      if (assistantId === undefined)
        earlyText.set(p.messageId, [...(earlyText.get(p.messageId) ?? []), p.text])
      else if (p.messageId === assistantId) ctx.out.text(p.text)
    } else if (event === 'chat:done' || event === 'chat:failed') {
      const p = payload as { message: Message; error?: AppError }
      const result = { message: p.message, ...(p.error ? { error: p.error } : {}) }
      if (assistantId === undefined) early.push(result)
      else if (p.message.id === assistantId) settle(result)
    }
  })
  let conversationId: string | undefined
  const onSigint = () => void (conversationId && core.dispatch('chat:stop', { conversationId }))
  process.once('SIGINT', onSigint)
  try {
    ctx.logger.info('chat (cli)', { profile: profile.name })
    const sent = await dispatchOn(core, 'chat:send', {
      text,
      ...(opts.conversation ? { conversationId: opts.conversation } : {}),
      ...(attachments.length ? { attachments } : {})
    })
    conversationId = sent.conversation.id
    assistantId = sent.assistantMessage.id
    for (const chunk of earlyText.get(assistantId) ?? []) ctx.out.text(chunk)
    const already = early.find((r) => r.message.id === assistantId)
    if (already) settle(already)
    const { message: reply, error } = await outcome
    // The reply ends its line on a terminal; nothing else is added to the text.
    if (reply.text) ctx.out.text('\n')
    const result = {
      conversationId: sent.conversation.id,
      messageId: reply.id,
      status: reply.status,
      text: reply.text,
      ...(error ? { error } : {})
    }
    if (error) {
      const hint = hintFor(error)
      if (ctx.out.json)
        ctx.out.result({ ok: false, ...result, ...(hint ? { hint } : {}) }, () => '')
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
    unlisten()
    stopAnswering()
  }
}

/**
 * Everything the CLI prints goes through here, so `--json` is honoured in one place: with it,
 * stdout carries exactly one JSON document per command (the result, or `{ ok: false, error }`),
 * and nothing else; without it, results go to stdout as text and notes and errors to stderr.
 * On a terminal, text is shown with its control characters made visible (terminalText.ts) unless
 * `--raw` asks for the bytes; JSON escapes them anyway.
 */
import type { AppError, FieldError } from '@shared/errors'
import { fieldErrorTextWith } from '@shared/i18n/errorText'
import { errorTextWith, translatorFor } from './i18n'
import { createVisibleControls, visibleControls } from './terminalText'

export interface Stream {
  write(chunk: string): unknown
  isTTY?: boolean
}

export interface Io {
  stdout: Stream
  stderr: Stream
  stdin: NodeJS.ReadableStream & { isTTY?: boolean; setRawMode?: (mode: boolean) => unknown }
  env: Record<string, string | undefined>
  cwd: string
}

/** What a failed command reports: an app error, or a CLI-level one (`cli.usage`). */
export interface CliErrorBody {
  code: string
  message: string
  params?: Record<string, string | number>
  fields?: Array<FieldError & { flag?: string }>
  serverText?: string
  /** What to do about it, when the CLI knows (an env var to set). */
  hint?: string
}

/** Thrown by commands; `run` prints it and exits with `exitCode`. */
export class CliError extends Error {
  constructor(
    readonly body: CliErrorBody,
    readonly exitCode: number
  ) {
    super(body.message)
    this.name = 'CliError'
  }
}

export function usageError(message: string, extra: Partial<CliErrorBody> = {}): CliError {
  return new CliError({ code: 'cli.usage', message, ...extra }, 1)
}

export interface Output {
  readonly json: boolean
  /** The command's result: `value` as JSON, or `human()` as text. */
  result(value: unknown, human: () => string | string[]): void
  /** Raw text to stdout (streamed chat deltas); ignored with --json. */
  text(chunk: string): void
  /** A line for the person at the terminal (stderr); ignored with --json. */
  note(line: string): void
  error(body: CliErrorBody | AppError): void
}

export function createOutput(io: Io, json: boolean, raw = false): Output {
  const safe = (stream: Stream) => (text: string) =>
    raw || !stream.isTTY ? text : visibleControls(text)
  const safeOut = safe(io.stdout)
  const safeErr = safe(io.stderr)
  const line = (stream: Stream, text: string) => {
    const shown =
      stream === io.stderr ? safeErr(text) : stream === io.stdout && !json ? safeOut(text) : text
    stream.write(shown.endsWith('\n') ? shown : `${shown}\n`)
  }
  const deltas = raw || !io.stdout.isTTY ? undefined : createVisibleControls()
  const tr = translatorFor(io.env)
  return {
    json,
    result(value, human) {
      if (json) line(io.stdout, JSON.stringify(value))
      else {
        const text = human()
        const lines = Array.isArray(text) ? text : [text]
        if (lines.length > 0) line(io.stdout, lines.join('\n'))
      }
    },
    text(chunk) {
      if (json) return
      // A streamed reply: a CRLF may be split between two deltas (a lone \r waits for the next;
      // chat ends every non-empty reply with a newline, which settles it).
      const shown = deltas ? deltas.push(chunk) : chunk
      if (shown) io.stdout.write(shown)
    },
    note(text) {
      if (!json) line(io.stderr, text)
    },
    error(body) {
      if (json) {
        line(io.stdout, JSON.stringify({ ok: false, error: body }))
        return
      }
      const b = body as CliErrorBody
      // In Korean, the app's own sentence for the code (it already includes the server's words).
      const appCode = b.code && !b.code.startsWith('cli.')
      const message = tr && appCode ? errorTextWith(tr, b as AppError) : b.message
      const parts = [`error: ${message}${appCode ? ` [${b.code}]` : ''}`]
      for (const f of b.fields ?? []) {
        const why = tr ? fieldErrorTextWith(tr, f) : fieldMessage(f.code)
        parts.push(
          `  ${f.flag ?? f.field}: ${why}${f.flag && f.flag !== f.field ? ` (${f.field})` : ''}`
        )
      }
      if (b.serverText && !message.includes(b.serverText))
        parts.push(`  the server said: ${b.serverText}`)
      if (b.hint) parts.push(`  hint: ${b.hint}`)
      line(io.stderr, parts.join('\n'))
    }
  }
}

/** English text for the profile schema's field codes (the renderer has its own, translated). */
export function fieldMessage(code: string): string {
  const messages: Record<string, string> = {
    required: 'is required',
    too_long: 'is too long',
    invalid_host: 'is not a valid host name or address',
    invalid_port: 'is not a port number (1-65535)',
    invalid_url: 'is not a valid http:// or https:// URL',
    url_has_credentials:
      'must not contain a user name or password (use KHA_API_KEY / the API key, or a header set in the app: both are kept in the secret store)',
    header_is_secret:
      "carries a credential: its value is kept in the app's secret store, not in profiles.json; set it in the app (or KHA_HEADER_<NAME> for one run)",
    invalid_path: 'must be a path starting with /',
    invalid_header: 'is not a valid HTTP header name',
    invalid_number: 'is not a number',
    too_small: 'is too small',
    too_large: 'is too large',
    invalid: 'is not valid'
  }
  return messages[code] ?? `is not valid (${code})`
}

/**
 * Logging for the core. Every line passes through `redact` first: secret values the secret store
 * has seen, and anything shaped like a credential, never reach a log file or an error message.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error'

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void
  info(message: string, fields?: Record<string, unknown>): void
  warn(message: string, fields?: Record<string, unknown>): void
  error(message: string, fields?: Record<string, unknown>): void
}

const knownSecrets = new Set<string>()

/** Remember a secret value so that it is masked wherever it might appear in a log line. */
export function registerSecret(value: string): void {
  if (value.length >= 3) knownSecrets.add(value)
}

const credentialPatterns: RegExp[] = [
  // `Authorization: Bearer x` in text, and `"authorization":"Bearer x"` in logged JSON.
  /(authorization["']?\s*[:=]\s*["']?)(bearer\s+)?[^\s,"'}]+/gi,
  /((?:password|passphrase|api[_-]?key|token|secret)\s*["']?\s*[:=]\s*["']?)[^\s,"'}]+/gi,
  /(-----BEGIN [A-Z ]*PRIVATE KEY-----)[\s\S]*?(-----END [A-Z ]*PRIVATE KEY-----)/g,
  /(\/\/[^/\s:@]+:)[^@\s/]+(@)/g
]

export function redact(text: string): string {
  let out = text
  for (const secret of knownSecrets) out = out.split(secret).join('***')
  for (const pattern of credentialPatterns) {
    // With one capture group, replace() passes the match offset (a number) where `b` would be.
    out = out.replace(pattern, (_match, a: string, group2?: unknown) => {
      const b = typeof group2 === 'string' ? group2 : undefined
      return b && b.startsWith('-----END')
        ? `${a}***${b}`
        : b && b.startsWith('@')
          ? `${a}***${b}`
          : `${a}${b && /bearer/i.test(b) ? b : ''}***`
    })
  }
  return out
}

export function formatLine(
  level: LogLevel,
  message: string,
  fields?: Record<string, unknown>,
  now = new Date()
): string {
  const extra = fields && Object.keys(fields).length > 0 ? ` ${safeJson(fields)}` : ''
  return redact(`${now.toISOString()} ${level.toUpperCase()} ${message}${extra}`)
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value, (_key, v: unknown) =>
      v instanceof Error
        ? { name: v.name, message: v.message, code: (v as NodeJS.ErrnoException).code }
        : v
    )
  } catch {
    return '[unserializable]'
  }
}

/** A logger that keeps the last lines in memory (for "copy diagnostics") and forwards each line. */
export function createLogger(
  sink: (line: string, level: LogLevel) => void,
  keep = 200
): Logger & { recent(): string[] } {
  const lines: string[] = []
  const write = (level: LogLevel) => (message: string, fields?: Record<string, unknown>) => {
    const line = formatLine(level, message, fields)
    lines.push(line)
    if (lines.length > keep) lines.shift()
    sink(line, level)
  }
  return {
    debug: write('debug'),
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
    recent: () => [...lines]
  }
}

export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} }

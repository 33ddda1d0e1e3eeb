/**
 * The translated reason for an AppError, with the server's own words when it sent some. Shared by
 * the renderer and the CLI, each with its own i18next instance over the same resources.
 */
import { errorCategory, errorInfo, type AppError, type FieldError } from '../errors'

/** The part of an i18next instance these helpers use. */
export interface Translator {
  exists(key: string): boolean
  t(key: string, params?: Record<string, unknown>): string
}

export function errorTextWith(i18n: Translator, error: AppError): string {
  // A code whose params name a `reason` may have a sentence per reason (`errors.profile.bad_file_version`).
  const variant =
    typeof error.params?.reason === 'string' ? `errors.${error.code}_${error.params.reason}` : ''
  const key = variant && i18n.exists(variant) ? variant : `errors.${error.code}`
  const params = { ...(error.params ?? {}), code: error.code }
  const base = i18n.exists(key)
    ? i18n.t(key, params)
    : i18n.t('errors.unknown', { code: error.code })
  return error.serverText
    ? `${base} ${i18n.t('chat.serverSaid', { text: error.serverText })}`
    : base
}

export function fieldErrorTextWith(i18n: Translator, error: FieldError): string {
  const key = `field.${error.code}`
  return i18n.exists(key) ? i18n.t(key, error.params ?? {}) : i18n.t('field.invalid')
}

/**
 * The UI language for a setting and the OS or browser languages, most preferred first (`ko-KR`,
 * `ko_KR.UTF-8`, `en-US`…): the user's choice in Settings wins; otherwise the first language of
 * the list that the app speaks; English when none is.
 */
export function pickLanguage(
  setting: 'system' | 'ko' | 'en' | undefined,
  locales: string | readonly string[] | undefined
): 'en' | 'ko' {
  if (setting === 'ko' || setting === 'en') return setting
  for (const locale of typeof locales === 'string' ? [locales] : (locales ?? [])) {
    const tag = locale.toLowerCase()
    if (tag.startsWith('ko')) return 'ko'
    if (tag.startsWith('en')) return 'en'
  }
  return 'en'
}

/**
 * The plain sentence an error leads with (issue 17 item 5): what happened to the person, in
 * their words, and what they can do; the engineer's reason (host, port, status, the server's
 * own words) goes under "Details". null = the error's own text is already plain enough.
 */
export function errorSummaryKey(error: AppError): string | null {
  const code = error.code
  const category = errorCategory(code)
  if (code === 'backend.http_status') {
    const status = Number(error.params?.status)
    if (status === 502 || status === 503 || status === 504) return `plain.http${status}`
    if (status >= 500) return 'plain.http5xx'
    return 'plain.http4xx'
  }
  if (code === 'backend.unauthorized') return 'plain.unauthorized'
  if (
    code === 'backend.idle_timeout' ||
    code === 'backend.stream_dropped' ||
    code === 'backend.reset'
  )
    return 'plain.dropped'
  if (code === 'backend.bad_reply') return 'plain.badReply'
  if (category === 'backend' && code !== 'backend.aborted') return 'plain.unreachable'
  if (category === 'proxy') return 'plain.unreachable'
  if (
    code === 'ssh.dns' ||
    code === 'ssh.refused' ||
    code === 'ssh.timeout' ||
    code === 'ssh.disconnected' ||
    code === 'ssh.target_closed' ||
    code === 'ssh.forward_refused'
  )
    return 'plain.unreachable'
  if (
    code === 'ssh.auth_failed' ||
    code === 'ssh.bad_passphrase' ||
    code === 'ssh.key_unreadable' ||
    code === 'ssh.agent_unavailable'
  )
    return 'plain.sshLogin'
  if (category === 'tls') return 'plain.tls'
  return null
}

/** The facts under "Details": the technical reason first, then host, port, status, code. */
export function errorDetails(
  i18n: Translator,
  error: AppError
): Array<{ label: string; value: string }> {
  const out: Array<{ label: string; value: string }> = [
    { label: i18n.t('plain.reason'), value: errorTextWith(i18n, error) }
  ]
  const p = error.params ?? {}
  if (p.host !== undefined) out.push({ label: i18n.t('plain.host'), value: String(p.host) })
  if (p.port !== undefined) out.push({ label: i18n.t('plain.port'), value: String(p.port) })
  if (p.status !== undefined) out.push({ label: i18n.t('plain.status'), value: `HTTP ${p.status}` })
  out.push({ label: i18n.t('plain.code'), value: error.code })
  return out
}

/** The i18n key of what the person can do about an error (the error table's action); null = nothing to add. */
export function errorActionKey(code: AppError['code']): string | null {
  const { action } = errorInfo(code)
  return action === 'none' ? null : `errorAction.${action}`
}

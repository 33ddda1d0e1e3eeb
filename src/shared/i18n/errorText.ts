/**
 * The translated reason for an AppError, with the server's own words when it sent some. Shared by
 * the renderer and the CLI, each with its own i18next instance over the same resources.
 */
import type { AppError, FieldError } from '../errors'

/** The part of an i18next instance these helpers use. */
export interface Translator {
  exists(key: string): boolean
  t(key: string, params?: Record<string, unknown>): string
}

export function errorTextWith(i18n: Translator, error: AppError): string {
  // A code whose params name a `reason` may have a sentence per reason (`errors.profile.bad_file_version`).
  const variant = typeof error.params?.reason === 'string' ? `errors.${error.code}_${error.params.reason}` : ''
  const key = variant && i18n.exists(variant) ? variant : `errors.${error.code}`
  const params = { ...(error.params ?? {}), code: error.code }
  const base = i18n.exists(key) ? i18n.t(key, params) : i18n.t('errors.unknown', { code: error.code })
  return error.serverText ? `${base} ${i18n.t('chat.serverSaid', { text: error.serverText })}` : base
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
export function pickLanguage(setting: 'system' | 'ko' | 'en' | undefined, locales: string | readonly string[] | undefined): 'en' | 'ko' {
  if (setting === 'ko' || setting === 'en') return setting
  for (const locale of typeof locales === 'string' ? [locales] : (locales ?? [])) {
    const tag = locale.toLowerCase()
    if (tag.startsWith('ko')) return 'ko'
    if (tag.startsWith('en')) return 'en'
  }
  return 'en'
}

/**
 * The CLI speaks the user's language for what goes wrong: with a Korean locale (LC_ALL,
 * LC_MESSAGES or LANG), errors use the app's own Korean strings; otherwise the core's English
 * messages, which name the same things.
 */
import i18next from 'i18next'
import { errorTextWith, pickLanguage, type Translator } from '@shared/i18n/errorText'
import { ko } from '@shared/i18n/ko'
import { localeFromEnv } from '@shared/i18n/locale'

/** The user's locale, read the one way every shell reads it. */
export const localeOf = localeFromEnv

/** A translator for the user's locale, or undefined when English (the core's messages) will do. */
export function translatorFor(env: Record<string, string | undefined>): Translator | undefined {
  if (pickLanguage('system', localeOf(env)) !== 'ko') return undefined
  const instance = i18next.createInstance()
  void instance.init({
    resources: { ko: { translation: ko } },
    lng: 'ko',
    interpolation: { escapeValue: false },
    initAsync: false,
    showSupportNotice: false
  })
  return instance as unknown as Translator
}

export { errorTextWith }

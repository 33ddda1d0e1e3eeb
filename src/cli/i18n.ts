/**
 * The CLI speaks the user's language for what goes wrong: with a Korean locale (LC_ALL,
 * LC_MESSAGES or LANG), errors use the app's own Korean strings; otherwise the core's English
 * messages, which name the same things.
 */
import { errorTextWith, pickLanguage, type Translator } from '@shared/i18n/errorText'
import { localeFromEnv } from '@shared/i18n/locale'
import { appTranslator } from '@shared/i18n/translator'

/** The user's locale, read the one way every shell reads it. */
export const localeOf = localeFromEnv

/** A translator for the user's locale, or undefined when English (the core's messages) will do. */
export function translatorFor(env: Record<string, string | undefined>): Translator | undefined {
  if (pickLanguage('system', localeOf(env)) !== 'ko') return undefined
  return appTranslator('ko')
}

export { errorTextWith }

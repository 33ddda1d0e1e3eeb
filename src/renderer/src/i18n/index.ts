/**
 * i18next setup. The UI language follows the OS in the desktop app and the browser's languages in
 * the web harness, unless the user picked one in Settings; `pickLanguage` and `systemLanguages`
 * are the one place that rule lives.
 */
import i18next from 'i18next'
import { initReactI18next } from 'react-i18next'
import type { AppError, FieldError } from '@shared/errors'
import {
  errorDetails,
  errorSummaryKey,
  errorTextWith,
  fieldErrorTextWith,
  pickLanguage as pickSharedLanguage,
  type Translator
} from '@shared/i18n/errorText'
import type { Settings } from '@shared/ipc/contract'
import { en } from '@shared/i18n/en'
import { ko } from '@shared/i18n/ko'

export const languages = ['en', 'ko'] as const
export type Language = (typeof languages)[number]

export const resources = { en: { translation: en }, ko: { translation: ko } } as const

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation'
    resources: { translation: typeof en }
  }
}

export function pickLanguage(
  setting: Settings['language'] | undefined,
  locales: string | readonly string[] | undefined
): Language {
  return pickSharedLanguage(setting, locales)
}

/**
 * The languages "system" means, most preferred first: in the desktop app the OS's (main reports
 * them in app.info), in a browser the browser's own list (`navigator.languages`), never the
 * language of the machine the harness runs on.
 */
export function systemLanguages(
  info: { shell: 'electron' | 'web'; locale: string; languages?: string[] } | null | undefined,
  nav: { languages?: readonly string[]; language?: string } | undefined
): readonly string[] {
  const browser = nav?.languages?.length ? nav.languages : nav?.language ? [nav.language] : []
  if (!info) return browser
  if (info.shell === 'web') return browser.length ? browser : [info.locale]
  return info.languages?.length ? info.languages : [info.locale]
}

export const i18n = i18next.createInstance()

void i18n.use(initReactI18next).init({
  resources,
  // Until app.info() answers, the browser's language is the best guess of the OS language.
  lng: pickLanguage(
    'system',
    systemLanguages(null, typeof navigator !== 'undefined' ? navigator : undefined)
  ),
  fallbackLng: 'en',
  // React escapes text itself; escaping here would show &amp; in the UI.
  interpolation: { escapeValue: false },
  returnNull: false,
  initAsync: false,
  // Keep the console for the app's own messages.
  showSupportNotice: false
})

export async function applyLanguage(lang: Language): Promise<void> {
  if (i18n.language !== lang) await i18n.changeLanguage(lang)
  if (typeof document !== 'undefined') document.documentElement.lang = lang
}

// The typed keys of the app's instance are narrower than the shared helpers' string keys.
const translator = i18n as unknown as Translator

/** The translated reason for an AppError, with the server's own words when it sent some. */
export function errorText(error: AppError): string {
  return errorTextWith(translator, error)
}

export function fieldErrorText(error: FieldError): string {
  return fieldErrorTextWith(translator, error)
}

/** The plain sentence an error leads with (or its own text when that is plain already). */
export function errorSummary(error: AppError): string {
  const key = errorSummaryKey(error)
  return key ? translator.t(key) : errorText(error)
}

/** The facts under "Details" (reason, host, port, status, code); empty when the summary is the reason. */
export function errorFacts(error: AppError): Array<{ label: string; value: string }> {
  return errorSummaryKey(error) ? errorDetails(translator, error) : []
}

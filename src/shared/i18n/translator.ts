/**
 * The app's own English and Korean strings as a Translator outside the window, where there is no
 * React (the CLI's messages and progress line, and tests that check the sentence a person reads).
 * The window has its own instance (src/renderer/src/i18n).
 */
import i18next from 'i18next'
import type { Translator } from './errorText'
import { en } from './en'
import { ko } from './ko'

export function appTranslator(lng: 'en' | 'ko'): Translator {
  const instance = i18next.createInstance()
  void instance.init({
    resources: { en: { translation: en }, ko: { translation: ko } },
    lng,
    interpolation: { escapeValue: false },
    initAsync: false,
    showSupportNotice: false
  })
  return instance as unknown as Translator
}

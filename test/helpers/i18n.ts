/**
 * The app's own English and Korean strings as a translator, for tests that check the sentence a
 * person would read for an error (errorTextWith), in both languages.
 */
import i18next from 'i18next'
import type { Translator } from '../../src/shared/i18n/errorText'
import { en } from '../../src/shared/i18n/en'
import { ko } from '../../src/shared/i18n/ko'

export function translator(lng: 'en' | 'ko'): Translator {
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

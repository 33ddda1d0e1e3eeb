import { describe, expect, it } from 'vitest'
import { errorCodes } from '@shared/errors'
import { en } from '@shared/i18n/en'
import { errorText, i18n, pickLanguage, systemLanguages } from './index'
import { ko } from '@shared/i18n/ko'

function keys(obj: object, prefix = ''): string[] {
  return Object.entries(obj).flatMap(([k, v]) =>
    typeof v === 'string' ? [`${prefix}${k}`] : keys(v as object, `${prefix}${k}.`)
  )
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/{{\s*(\w+)\s*}}/g)].map((m) => m[1]!).sort()
}

function lookup(obj: object, key: string): string {
  return key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], obj) as string
}

describe('i18n resources', () => {
  it('Korean and English have the same keys', () => {
    expect(keys(ko).sort()).toEqual(keys(en).sort())
  })

  it('every translation uses the same placeholders in both languages', () => {
    for (const key of keys(en))
      expect(placeholders(lookup(ko, key)), key).toEqual(placeholders(lookup(en, key)))
  })

  it('no string is left empty', () => {
    for (const key of keys(en)) {
      expect(lookup(en, key).trim(), key).not.toBe('')
      expect(lookup(ko, key).trim(), key).not.toBe('')
    }
  })

  it('every error code of the contract has a translation in both languages', () => {
    for (const code of errorCodes) {
      expect(typeof lookup(en.errors, code), `en ${code}`).toBe('string')
      expect(typeof lookup(ko.errors, code), `ko ${code}`).toBe('string')
    }
  })

  it('every field error code of the profile schema has a translation', () => {
    const codes = [
      'required',
      'invalid_url',
      'invalid_port',
      'invalid_path',
      'invalid_host',
      'invalid_header',
      'too_long',
      'too_small',
      'too_large',
      'invalid_number',
      'invalid',
      'invalid_fingerprint',
      'invalid_proxy_url'
    ]
    for (const code of codes) {
      expect(en.field[code as keyof typeof en.field], code).toBeTruthy()
      expect(ko.field[code as keyof typeof ko.field], code).toBeTruthy()
    }
  })

  it('translates errors with their params, and the server text', async () => {
    await i18n.changeLanguage('ko')
    expect(
      errorText({ code: 'backend.refused', message: '', params: { host: '127.0.0.1', port: 8030 } })
    ).toBe('127.0.0.1:8030에서 응답이 없습니다. 백엔드가 실행 중인가요?')
    await i18n.changeLanguage('en')
    expect(
      errorText({
        code: 'backend.http_status',
        message: '',
        params: { status: 422 },
        serverText: 'message: field required'
      })
    ).toBe('The backend answered with an error (HTTP 422). Server said: message: field required')
  })

  it('follows the OS language unless the settings pick one', () => {
    expect(pickLanguage('system', 'ko-KR')).toBe('ko')
    expect(pickLanguage('system', 'en-US')).toBe('en')
    expect(pickLanguage('system', 'de-DE')).toBe('en')
    expect(pickLanguage('en', 'ko-KR')).toBe('en')
    expect(pickLanguage('ko', 'en-US')).toBe('ko')
    // A list: the first language the app speaks wins.
    expect(pickLanguage('system', ['fr-FR', 'ko-KR', 'en-US'])).toBe('ko')
    expect(pickLanguage('system', ['en-GB', 'ko'])).toBe('en')
    expect(pickLanguage('system', ['de', 'fr'])).toBe('en')
    expect(pickLanguage('en', ['ko-KR'])).toBe('en')
  })

  it('"system" means the browser in the web harness and the OS in the desktop app', () => {
    const koBrowser = { languages: ['ko-KR', 'ko', 'en-US'], language: 'ko-KR' }
    // The harness runs on an English server: the browser's list decides, not the server's LANG.
    expect(
      pickLanguage('system', systemLanguages({ shell: 'web', locale: 'en-US' }, koBrowser))
    ).toBe('ko')
    expect(
      pickLanguage(
        'system',
        systemLanguages(
          { shell: 'electron', locale: 'en-US', languages: ['ko-KR', 'en-US'] },
          { languages: ['en-US'] }
        )
      )
    ).toBe('ko')
    expect(
      pickLanguage(
        'system',
        systemLanguages({ shell: 'electron', locale: 'ko-KR' }, { languages: ['en-US'] })
      )
    ).toBe('ko')
    expect(pickLanguage('en', systemLanguages({ shell: 'web', locale: 'ko-KR' }, koBrowser))).toBe(
      'en'
    )
  })
})

import { describe, expect, it } from 'vitest'
import { errorCodes, errorInfo, isConnectionError } from './errors'
import { en } from './i18n/en'
import { errorActionKey } from './i18n/errorText'
import { ko } from './i18n/ko'

const lookup = (tree: unknown, key: string): unknown =>
  key
    .split('.')
    .reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], tree)

describe('the error table', () => {
  it('tells, for every code, what to do in Korean and English', () => {
    for (const code of errorCodes) {
      const key = errorActionKey(code)
      if (key === null) continue
      expect(lookup(en, key), `${code} → ${key} (en)`).toEqual(expect.stringMatching(/\S/))
      expect(lookup(ko, key), `${code} → ${key} (ko)`).toEqual(expect.stringMatching(/\S/))
    }
  })

  it('offers "Check connection" for failures on the way to the server, never for a stop or bad input', () => {
    expect(isConnectionError('backend.refused')).toBe(true)
    expect(isConnectionError('ssh.hostkey_unknown')).toBe(true)
    expect(isConnectionError('tls.self_signed')).toBe(true)
    expect(isConnectionError('proxy.auth_required')).toBe(true)
    expect(isConnectionError('doctor.empty_reply')).toBe(true)
    expect(isConnectionError('backend.aborted')).toBe(false)
    expect(isConnectionError('attachment.hwp')).toBe(false)
    expect(isConnectionError('profile.invalid')).toBe(false)
  })

  it('says whether sending again can help', () => {
    expect(errorInfo('backend.stream_dropped')).toMatchObject({
      retryable: true,
      category: 'backend'
    })
    expect(errorInfo('ssh.auth_failed')).toMatchObject({
      retryable: false,
      action: 'enterSecret',
      category: 'ssh'
    })
  })
})

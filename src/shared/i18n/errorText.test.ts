import { describe, expect, it } from 'vitest'
import { appError } from '../errors'
import { en } from './en'
import { errorDetails, errorSummaryKey, type Translator } from './errorText'

const t: Translator = {
  exists: (key) => lookup(key) !== undefined,
  t: (key, params) =>
    (lookup(key) ?? key).replace(/{{(\w+)}}/g, (_, k: string) => String(params?.[k] ?? ''))
}
function lookup(key: string): string | undefined {
  const v = key
    .split('.')
    .reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], en)
  return typeof v === 'string' ? v : undefined
}

describe('plain error sentences', () => {
  it('leads with what happened to the person; 502, 503 and 504 each have their own', () => {
    expect(
      errorSummaryKey(
        appError('backend.refused', 'x', { params: { host: '192.168.0.20', port: '8000' } })
      )
    ).toBe('plain.unreachable')
    expect(errorSummaryKey(appError('ssh.timeout', 'x'))).toBe('plain.unreachable')
    for (const status of [502, 503, 504])
      expect(errorSummaryKey(appError('backend.http_status', 'x', { params: { status } }))).toBe(
        `plain.http${status}`
      )
    expect(errorSummaryKey(appError('backend.http_status', 'x', { params: { status: 500 } }))).toBe(
      'plain.http5xx'
    )
    expect(errorSummaryKey(appError('backend.http_status', 'x', { params: { status: 422 } }))).toBe(
      'plain.http4xx'
    )
    expect(errorSummaryKey(appError('backend.aborted', 'x'))).toBeNull()
    expect(errorSummaryKey(appError('profile.none_selected', 'x'))).toBeNull()
  })

  it('puts the reason, host, port, status and code under Details', () => {
    const facts = errorDetails(
      t,
      appError('backend.refused', 'x', { params: { host: '192.168.0.20', port: '8000' } })
    )
    expect(facts).toEqual([
      { label: 'Reason', value: expect.stringContaining('192.168.0.20:8000') },
      { label: 'Server', value: '192.168.0.20' },
      { label: 'Port', value: '8000' },
      { label: 'Error code', value: 'backend.refused' }
    ])
    expect(
      errorDetails(t, appError('backend.http_status', 'x', { params: { status: 503 } }))
    ).toContainEqual({ label: 'Status', value: 'HTTP 503' })
  })
})

import { describe, expect, it } from 'vitest'
import type { DoctorReport } from '@shared/doctor'
import { ProfileSchema } from '@shared/profile'
import { buildDiagnostics, formatDoctorReport, maskUrl, sanitizeProfile } from './diagnostics'
import { registerSecret } from './logger'

const parsed = ProfileSchema.parse({
  id: 'p1',
  name: 'Server B',
  connection: { kind: 'direct', url: 'http://192.168.0.20:8000/' },
  contract: {
    headers: [
      { name: 'Authorization', value: 'Bearer very-secret-token' },
      { name: 'Cookie', value: 'session=abcdef' },
      { name: 'X-Api-Key', value: 'key-123456' },
      { name: 'X-Client', value: 'kha-desktop' }
    ],
    extraParams: [
      { name: 'api_key', value: 'param-secret-1' },
      { name: 'format', value: 'sse' }
    ]
  }
})

// User info in the URL is refused since issue 16 item 9; diagnostics still mask one if it appears.
const profile = {
  ...parsed,
  connection: { kind: 'direct' as const, url: 'http://alice:pa55word@192.168.0.20:8000/' }
}

const report: DoctorReport = {
  profileId: 'p1',
  profileName: 'Server B',
  startedAt: '2025-01-01T00:00:00.000Z',
  ms: 12.4,
  ok: false,
  steps: [
    { id: 'resolve', status: 'ok', ms: 0.4, detail: { addresses: '192.168.0.20' } },
    {
      id: 'tcp',
      status: 'failed',
      ms: 10,
      error: {
        code: 'backend.refused',
        message: 'Nothing accepts connections at 192.168.0.20:8000'
      }
    },
    { id: 'health', status: 'skipped', ms: 0 },
    { id: 'chat', status: 'skipped', ms: 0 }
  ]
}

describe('diagnostics', () => {
  it('masks credential-like headers, parameters and URL user info, keeping the rest', () => {
    const clean = sanitizeProfile(profile)
    expect(clean.connection).toMatchObject({ url: 'http://***@192.168.0.20:8000/' })
    expect(clean.contract.headers.map((h) => h.value)).toEqual(['***', '***', '***', 'kha-desktop'])
    expect(clean.contract.extraParams.map((p) => p.value)).toEqual(['***', 'sse'])
    // The stored profile itself is untouched.
    expect(profile.contract.headers[0]?.value).toBe('Bearer very-secret-token')
    expect(maskUrl('not a url')).toBe('not a url')
  })

  it('builds one text block with versions, the profile, the last check and the log, without secrets', () => {
    registerSecret('registered-secret-xyz')
    const text = buildDiagnostics({
      app: { name: 'kha-desktop', version: '1.2.3', shell: 'electron', locale: 'ko-KR' },
      profile,
      doctor: report,
      logLines: ['2025-01-01T00:00:00.000Z INFO started', 'leaked registered-secret-xyz here'],
      versions: { ...process.versions, electron: '41.0.0' }
    })
    expect(text).toContain('kha-desktop 1.2.3 (electron)')
    expect(text).toMatch(/OS: .+\(.+, .+\)/)
    expect(text).toContain(`Node: ${process.versions.node}  Electron: 41.0.0`)
    expect(text).toContain('"name": "Server B"')
    expect(text).toMatch(/\[FAIL\] tcp .*backend\.refused: Nothing accepts connections/)
    expect(text).toContain('INFO started')
    for (const secret of [
      'pa55word',
      'very-secret-token',
      'abcdef',
      'key-123456',
      'param-secret-1',
      'registered-secret-xyz'
    ])
      expect(text).not.toContain(secret)
  })

  it('says when there is no profile and no check yet', () => {
    const text = buildDiagnostics({
      app: { name: 'kha-desktop', version: '1', shell: 'web' },
      profile: undefined,
      doctor: undefined,
      logLines: []
    })
    expect(text).toContain('(none selected)')
    expect(text).toContain('(not run since the app started)')
  })

  it('says how secrets are kept: by the OS keychain, or for this session only', () => {
    const base = {
      app: { name: 'kha-desktop', version: '1', shell: 'electron' },
      profile: undefined,
      doctor: undefined,
      logLines: []
    }
    expect(buildDiagnostics({ ...base, persistentSecrets: true })).toContain(
      '\nSecrets: encrypted by the OS keychain (safeStorage)\n'
    )
    expect(buildDiagnostics({ ...base, persistentSecrets: false })).toContain(
      '\nSecrets: kept for this session only (no OS encryption available)\n'
    )
  })

  it('formats a report one line per step', () => {
    const lines = formatDoctorReport(report)
    expect(lines).toHaveLength(5)
    expect(lines[1]).toMatch(/^ {2}\[ok {2}\] resolve .* addresses=192\.168\.0\.20$/)
    expect(lines[3]).toMatch(/^ {2}\[skip\] health$/)
  })
})

import { describe, expect, it } from 'vitest'
import { AppFailure } from '@shared/errors'
import { validateProfile, type Profile } from '@shared/profile'
import { presets } from '@shared/presets'
import { profileFileContent, readProfileFile } from './profileFile'

function profile(extra: Record<string, unknown> = {}): Profile {
  const r = validateProfile({
    id: 'p1',
    name: '회사 챗봇',
    connection: { kind: 'direct', url: 'http://192.168.0.20:8000' },
    contract: presets.kha_stream,
    ...extra
  })
  if (!r.ok) throw new Error(JSON.stringify(r.fields))
  return r.profile
}

const codeOf = (fn: () => unknown) => {
  try {
    fn()
  } catch (e) {
    return e instanceof AppFailure ? e.error.params?.reason : 'not an AppFailure'
  }
  return 'no error'
}

describe('the profile file', () => {
  it('round-trips profiles, versioned', () => {
    const text = profileFileContent([profile()])
    expect(JSON.parse(text)).toMatchObject({ format: 'kha-desktop-profiles', version: 1 })
    expect(readProfileFile(text)).toEqual([profile()])
  })

  it('never carries a credential: auth headers and URL passwords are left out', () => {
    const valid = profile({
      contract: {
        ...presets.openai,
        headers: [
          { name: 'Authorization', value: 'Bearer sk-live-1' },
          { name: 'X-Team', value: 'sales' },
          { name: 'X-Api-Key', value: 'k-2' }
        ]
      }
    })
    // A URL with user info is refused since issue 16 item 9; an old profile might still have one.
    const p = {
      ...valid,
      connection: { kind: 'direct' as const, url: 'http://bot:hunter2@192.168.0.20:8000' }
    }
    const text = profileFileContent([p])
    expect(text).not.toMatch(/hunter2|sk-live-1|k-2/)
    expect(readProfileFile(text)[0]?.contract.headers).toEqual([{ name: 'X-Team', value: 'sales' }])
  })

  it('refuses, naming why, what is not a profile file', () => {
    expect(codeOf(() => readProfileFile('hello'))).toBe('not_json')
    expect(codeOf(() => readProfileFile('{"profiles":[]}'))).toBe('format')
    expect(
      codeOf(() => readProfileFile('{"format":"kha-desktop-profiles","version":2,"profiles":[]}'))
    ).toBe('version')
    expect(
      codeOf(() => readProfileFile('{"format":"kha-desktop-profiles","version":1,"profiles":[]}'))
    ).toBe('empty')
    expect(
      codeOf(() =>
        readProfileFile(
          '{"format":"kha-desktop-profiles","version":1,"profiles":[{"name":"x","connection":{"kind":"direct","url":"nope"}}]}'
        )
      )
    ).toBe('invalid')
  })

  it('reads a file with a byte-order mark and parts it does not know yet (prompts, later)', () => {
    const text =
      '\uFEFF' +
      JSON.stringify({
        format: 'kha-desktop-profiles',
        version: 1,
        prompts: [{ title: 'x' }],
        profiles: [profile()]
      })
    expect(readProfileFile(text)).toHaveLength(1)
  })
})

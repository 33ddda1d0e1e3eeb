/**
 * `kha-desktop profiles remove` and `edit` go through the core's handlers like the app's Remove and
 * Save buttons, so the secrets the app stored for that profile (API key, passwords, in
 * secrets.json) go with it, or with the backend it no longer points at, and no other profile's;
 * and what the handler would refuse is refused by the flag that set it.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { cliInTempHome } from '../helpers/cli'

const { home, cli } = cliInTempHome('kha-cli-rm-')

describe('profiles remove', () => {
  it("forgets the app's stored secrets of the removed profile and keeps the others'", () => {
    const data = join(home, 'data')
    const a = JSON.parse(
      cli(data, ['--json', 'profiles', 'add', 'A', '--url', 'http://127.0.0.1:8001']).stdout
    ) as { id: string }
    const b = JSON.parse(
      cli(data, ['--json', 'profiles', 'add', 'B', '--url', 'http://127.0.0.1:8002']).stdout
    ) as { id: string }
    // What the app keeps: values encrypted with its OS keychain, keyed by profile id.
    const secrets = join(data, 'secrets.json')
    writeFileSync(
      secrets,
      JSON.stringify({
        [`${a.id}:apiKey:http://127.0.0.1:8001`]: 'ZW5j',
        [`${b.id}:apiKey:http://127.0.0.1:8002`]: 'ZW5j'
      })
    )

    const removed = cli(data, ['--json', 'profiles', 'remove', 'A'])
    expect(removed.code).toBe(0)
    expect(JSON.parse(removed.stdout)).toMatchObject({
      removed: a.id,
      profiles: [{ id: b.id }],
      activeId: b.id
    })
    expect(Object.keys(JSON.parse(readFileSync(secrets, 'utf8')) as object)).toEqual([
      `${b.id}:apiKey:http://127.0.0.1:8002`
    ])
  })
})

describe('profiles edit', () => {
  it("forgets the app's stored secrets bound to where the profile no longer points, as the app's Save does", () => {
    const data = join(home, 'edit')
    const a = cli(data, ['--json', 'profiles', 'add', 'A', '--url', 'http://127.0.0.1:8001']).json<{
      id: string
    }>()
    const secrets = join(data, 'secrets.json')
    const keyFor = (origin: string) => `${a.id}:apiKey@backend ${origin}`
    writeFileSync(
      secrets,
      JSON.stringify({
        [keyFor('http://127.0.0.1:8001')]: 'ZW5j',
        'other:apiKey@backend x': 'ZW5j'
      })
    )
    // A new name keeps the backend, and so its key.
    expect(cli(data, ['profiles', 'edit', 'A', '--name', 'A2']).code).toBe(0)
    expect(Object.keys(JSON.parse(readFileSync(secrets, 'utf8')) as object)).toEqual([
      keyFor('http://127.0.0.1:8001'),
      'other:apiKey@backend x'
    ])
    // Pointed elsewhere, the key for the old backend would never be used again: it goes.
    const edited = cli(data, ['profiles', 'edit', 'A2', '--url', 'http://127.0.0.1:8002'])
    expect(edited.code).toBe(0)
    expect(edited.stdout).toBe('Saved "A2": http://127.0.0.1:8002\n')
    expect(Object.keys(JSON.parse(readFileSync(secrets, 'utf8')) as object)).toEqual([
      'other:apiKey@backend x'
    ])
  })

  it('refuses a credential header value and a bad field by the flag that set them, and saves nothing', () => {
    const data = join(home, 'refuse')
    expect(cli(data, ['profiles', 'add', 'B', '--url', 'http://127.0.0.1:8001']).code).toBe(0)
    const before = readFileSync(join(data, 'profiles.json'), 'utf8')
    const secret = cli(data, ['--json', 'profiles', 'edit', 'B', '--header', 'X-Api-Key: s3cr3t'])
    expect(secret.code).toBe(1)
    expect(secret.json()).toMatchObject({
      ok: false,
      error: {
        code: 'profile.invalid',
        fields: [{ field: 'contract.headers.0.value', code: 'header_is_secret', flag: '--header' }]
      }
    })
    const badUrl = cli(data, ['--json', 'profiles', 'edit', 'B', '--url', 'ftp://x'])
    expect(badUrl.code).toBe(1)
    expect(badUrl.json()).toMatchObject({
      error: { code: 'profile.invalid', fields: [{ flag: '--url' }] }
    })
    expect(readFileSync(join(data, 'profiles.json'), 'utf8')).toBe(before)
    expect(secret.stdout + badUrl.stdout).not.toContain('s3cr3t')
  })
})

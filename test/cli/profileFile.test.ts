/**
 * `kha-desktop profiles export FILE` / `profiles import FILE`, run as a child process the way IT
 * would script them: one machine exports, another imports, secrets never in the file.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { cliInTempHome } from '../helpers/cli'

const { home, cli } = cliInTempHome('kha-cli-pf-')

describe('profiles export / import', () => {
  it('moves profiles between data folders, with --json results and a clear refusal of a wrong file', () => {
    const it1 = join(home, 'it')
    const staff = join(home, 'staff')
    // A credential header keeps only its name in profiles.json (its value is the app's secret store's).
    expect(
      cli(it1, [
        'profiles',
        'add',
        '회사 챗봇',
        '--url',
        'http://192.168.0.20:8000',
        '--header',
        'X-Team: sales',
        '--header',
        'Authorization:'
      ]).code
    ).toBe(0)
    const exported = cli(it1, ['--json', 'profiles', 'export', 'company.json'])
    expect(exported.code).toBe(0)
    expect(JSON.parse(exported.stdout)).toMatchObject({ profiles: ['회사 챗봇'] })
    const file = readFileSync(join(home, 'company.json'), 'utf8')
    expect(JSON.parse(file)).toMatchObject({ format: 'kha-desktop-profiles', version: 1 })
    expect(file).toContain('X-Team')
    expect(file).not.toContain('Authorization')

    const imported = cli(staff, ['--json', 'profiles', 'import', 'company.json'])
    expect(imported.code).toBe(0)
    expect(JSON.parse(imported.stdout)).toMatchObject({ added: ['회사 챗봇'], updated: [] })
    expect(cli(staff, ['profiles', 'import', 'company.json']).stdout).toContain(
      'Updated "회사 챗봇"'
    )
    expect(cli(staff, ['profiles', 'list']).stdout).toContain(
      '* 회사 챗봇  http://192.168.0.20:8000'
    )

    writeFileSync(join(home, 'other.json'), '{"hello":1}')
    const wrong = cli(staff, ['profiles', 'import', 'other.json'])
    expect(wrong.code).toBe(1)
    expect(wrong.stderr).toContain('not a kha-desktop profile file')
  })

  it('refuses a hand-made file with a credential value, naming the header and the profile, and adds nothing', () => {
    const it1 = join(home, 'it-credential')
    const staff = join(home, 'staff-credential')
    expect(cli(it1, ['profiles', 'add', 'base', '--url', 'http://127.0.0.1:9']).code).toBe(0)
    expect(cli(it1, ['profiles', 'export', 'base.json']).code).toBe(0)
    const file = JSON.parse(readFileSync(join(home, 'base.json'), 'utf8')) as {
      profiles: Array<{ id: string; name: string; contract: { headers: unknown[] } }>
    }
    const [profile] = file.profiles
    profile!.id = 'hand-made'
    profile!.name = '손으로 만든 프로필'
    profile!.contract.headers = [{ name: 'Authorization', value: 'Bearer s3cr3t-t0ken' }]
    writeFileSync(join(home, 'hand-made.json'), JSON.stringify(file))

    const refused = cli(staff, ['profiles', 'import', 'hand-made.json'])
    expect(refused.code).toBe(3)
    expect(refused.stderr).toContain('The Authorization header of "손으로 만든 프로필"')
    expect(refused.stderr).toContain("import it in the app's Settings")
    expect(refused.stderr).not.toContain('s3cr3t-t0ken')
    expect(cli(staff, ['profiles', 'list']).stdout).not.toContain('손으로 만든 프로필')
  })
})

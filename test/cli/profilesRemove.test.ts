/**
 * `kha-desktop profiles remove` goes through the core's handler like the app's Remove button, so
 * the secrets the app stored for that profile (API key, passwords, in secrets.json) go with it,
 * and no other profile's.
 */
import { spawnSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { tempDir } from '../helpers/tempDir'

const bin = join(resolve(__dirname, '../..'), 'bin', 'kha-desktop.cjs')
const home = tempDir('kha-cli-rm-')
afterAll(() => home.cleanup())

function cli(dataDir: string, args: string[]) {
  const r = spawnSync(process.execPath, [bin, '--data-dir', dataDir, ...args], {
    cwd: home.dir,
    env: { PATH: process.env.PATH ?? '', HOME: home.dir },
    encoding: 'utf8'
  })
  return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}

describe('profiles remove', () => {
  it("forgets the app's stored secrets of the removed profile and keeps the others'", () => {
    const data = join(home.dir, 'data')
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

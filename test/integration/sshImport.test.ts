import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, expect, it } from 'vitest'
import { startTestCore, type TestCore } from '../helpers/core'
import { tempDir } from '../helpers/tempDir'

let t: TestCore
let home: ReturnType<typeof tempDir>
afterEach(async () => {
  await t?.close()
  home?.cleanup()
})

it('imports hosts from ~/.ssh/config as tunnel profile drafts that save as they are', async () => {
  home = tempDir('kha-home-')
  mkdirSync(join(home.dir, '.ssh'))
  writeFileSync(
    join(home.dir, '.ssh', 'config'),
    [
      'Host serverA',
      '  HostName 192.168.0.10',
      '  User dev',
      '',
      'Host serverB',
      '  HostName 192.168.0.20',
      '  User dev',
      '  Port 2222',
      '  IdentityFile ~/.ssh/id_b',
      '  ProxyJump serverA',
      ''
    ].join('\n')
  )
  t = await startTestCore({ homeDir: home.dir, env: { USER: 'staff' } })
  const hosts = await t.ok('profiles:importSshConfig')
  const b = hosts.find((h) => h.alias === 'serverB')
  expect(b?.draft.connection).toMatchObject({
    kind: 'tunnel',
    ssh: { host: '192.168.0.20', port: 2222, username: 'dev', keyPath: '~/.ssh/id_b' },
    jump: { host: '192.168.0.10', username: 'dev' }
  })
  const { saved } = await t.ok('profiles:save', { draft: b?.draft as Record<string, unknown> })
  expect(saved.name).toBe('serverB')
})

import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { ParsedKey } from 'ssh2'
import { afterAll, describe, expect, it } from 'vitest'
import { MemorySecretStore } from '../../secrets'
import { prepareAuth } from './auth'
import { sha1SignatureRefused } from './session'

const dir = mkdtempSync(join(tmpdir(), 'kha-auth-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

async function rsaKeyOf(allowLegacy: boolean): Promise<ParsedKey> {
  const path = join(dir, `id_rsa_${allowLegacy}`)
  execFileSync('ssh-keygen', ['-q', '-t', 'rsa', '-b', '2048', '-N', '', '-f', path])
  const outcome = await prepareAuth({
    profileId: 'p',
    endpoint: { host: 'h', port: 22, username: 'u', auth: 'key', keyPath: path },
    role: 'ssh',
    secrets: new MemorySecretStore(),
    homeDir: dir,
    env: {},
    allowLegacy
  })
  if (!outcome.ok) throw new Error(outcome.error.message)
  const method = outcome.plan.authHandler(null, null, () => undefined)
  return (method as { key: ParsedKey }).key
}

describe('RSA user keys', () => {
  // ssh2 signs with SHA-1 when a server announces no rsa-sha2 (OpenSSH before 7.2): OpenSSH 9 refuses to.
  it('sign with SHA-2 only, unless the profile allows legacy algorithms', async () => {
    const strict = await rsaKeyOf(false)
    const data = Buffer.from('session')
    expect(strict.sign(data, 'sha256')).toBeInstanceOf(Buffer)
    expect(strict.sign(data, 'sha512')).toBeInstanceOf(Buffer)
    expect((strict.sign(data, 'sha1') as unknown as Error).message).toBe(sha1SignatureRefused)
    const legacy = await rsaKeyOf(true)
    expect(legacy.sign(data, 'sha1')).toBeInstanceOf(Buffer)
  })
})

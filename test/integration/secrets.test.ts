/**
 * Secrets never leave main (issue 7, docs/SECURITY.md "Stolen laptop", "Compromised renderer"):
 * the whole core, with its real rotating log file and a secret store that encrypts to disk (a
 * stand-in cipher for Electron's safeStorage), logs in through a real sshd with a wrong and then
 * the right SSH password, and with a wrong and then the right key passphrase, stores an API key
 * and chats through the tunnel. Afterwards no secret is in any log file, any other file of the
 * data folder, any IPC result or any event; secrets.json holds only ciphertext; every file is
 * readable by its owner only.
 *
 * (The connector's own in-memory log lines are checked in tunnel.auth.int.test.ts, the CLI's log in
 * cli.int.test.ts; this is the app's core end to end, as the renderer reaches it.)
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { EncryptedFileSecretStore, startCore, type Core } from '../../src/core'
import type { ConnectionState } from '../../src/shared/connection'
import type { IpcResult } from '../../src/shared/errors'
import type { EventName } from '../../src/shared/ipc/contract'
import { startBackend, type RunningBackend } from '../fixtures/backend'
import { startSshd, type RunningSshd } from '../fixtures/sshd'
import { tempDir } from '../helpers/tempDir'

const wrongPassword = 'Wr0ng-pw-Zq81x'
const wrongPassphrase = 'not the passphrase 93'
const apiKey = 'sk-test-Qm4rT7vY2pL9'

let sshd: RunningSshd
let backend: RunningBackend
let core: Core
const temp = tempDir('kha-secrets-')
const dataDir = join(temp.dir, 'data')
const events: Array<{ event: EventName; payload: unknown }> = []
const results: unknown[] = []
let drafts: Record<'password' | 'passphrase', Record<string, unknown>>
/** A reversible stand-in for safeStorage whose output never contains the plain text. */
const cipher = {
  encrypt: (plain: string) => Buffer.from(Buffer.from(plain, 'utf8').map((b) => b ^ 0x5a)),
  decrypt: (data: Buffer) => Buffer.from(data.map((b) => b ^ 0x5a)).toString('utf8')
}

async function call(channel: string, arg?: unknown): Promise<IpcResult<unknown>> {
  const result = await core.dispatch(channel, arg)
  results.push({ channel, result })
  return result
}
async function ok<T>(channel: string, arg?: unknown): Promise<T> {
  const result = await call(channel, arg)
  if (!result.ok) throw new Error(`${channel}: ${JSON.stringify(result.error)}`)
  return result.data as T
}

function nextState(
  where: (s: ConnectionState) => boolean,
  timeoutMs = 20_000
): Promise<ConnectionState> {
  const seen = events.length
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () =>
        reject(
          new Error(
            `no such connection state within ${timeoutMs} ms: ${JSON.stringify(events.slice(-3))}`
          )
        ),
      timeoutMs
    )
    const check = () => {
      const found = events
        .slice(seen)
        .find((e) => e.event === 'connection:state' && where(e.payload as ConnectionState))
      if (found) {
        clearTimeout(timer)
        resolve(found.payload as ConnectionState)
      } else setTimeout(check, 20)
    }
    check()
  })
}

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? files(path) : [path]
  })
}

beforeAll(async () => {
  ;[sshd, backend] = await Promise.all([startSshd({ password: true }), startBackend()])
  const knownHosts = join(temp.dir, 'known_hosts')
  writeFileSync(knownHosts, sshd.hostPublicKeyLine + '\n')
  ;({ core } = await startCore({
    dataDir,
    shell: 'electron',
    secrets: new EncryptedFileSecretStore(dataDir, cipher),
    locale: 'en-US',
    homeDir: temp.dir,
    env: {}
  }))
  core.onEvent((event, payload) => events.push({ event, payload }))
  const template = await ok<Record<string, unknown>>('profiles:template', { kind: 'tunnel' })
  const tunnel = (name: string, ssh: Record<string, unknown>) => ({
    ...template,
    name,
    connection: {
      ...(template.connection as object),
      ssh: { host: sshd.host, port: sshd.port, ...ssh },
      target: { host: '127.0.0.1', port: backend.port },
      knownHostsPath: knownHosts
    },
    contract: { ...(template.contract as object), auth: 'bearer' }
  })
  drafts = {
    password: tunnel('Password login', { username: sshd.passwordUser, auth: 'password' }),
    passphrase: tunnel('Passphrase key', {
      username: sshd.username,
      auth: 'key',
      keyPath: sshd.encryptedClientKeyPath
    })
  }
}, 60_000)

afterAll(async () => {
  await core?.dispose()
  await Promise.all([sshd?.stop(), backend?.stop()])
  temp.cleanup()
})

describe('secrets never leave main', () => {
  it('a wrong then right SSH password, a wrong then right passphrase, an API key: none in a log, a file, a result or an event', async () => {
    const password = sshd.password as string
    const passphrase = sshd.passphrase

    // Password login: asked, refused, asked again, accepted.
    // The first profile saved becomes the active one: the connection starts right away.
    const asked = nextState((s) => s.secretPrompt?.kind === 'password')
    const { saved: pw } = await ok<{ saved: { id: string } }>('profiles:save', {
      draft: drafts.password
    })
    await ok('profiles:setApiKey', { id: pw.id, value: apiKey })
    expect((await asked).secretPrompt).toMatchObject({ retry: false })
    const refused = nextState((s) => s.status === 'failed' && s.secretPrompt?.retry === true)
    await call('connection:provideSecret', { value: wrongPassword, remember: true })
    expect((await refused).error).toMatchObject({ code: 'ssh.auth_failed' })
    const connected = nextState((s) => s.status === 'connected')
    await call('connection:provideSecret', { value: password, remember: true })
    await connected
    const sent = await ok<{ assistantMessage: { id: string } }>('chat:send', {
      text: 'through the tunnel'
    })
    await expect
      .poll(
        () =>
          events.some(
            (e) =>
              e.event === 'chat:done' &&
              (e.payload as { message: { id: string } }).message.id === sent.assistantMessage.id
          ),
        { timeout: 15_000 }
      )
      .toBe(true)
    await call('connection:doctor', { profileId: pw.id })

    // Key with a passphrase: asked, refused, asked again, accepted.
    const { saved: key } = await ok<{ saved: { id: string } }>('profiles:save', {
      draft: drafts.passphrase
    })
    const askedPassphrase = nextState((s) => s.secretPrompt?.kind === 'passphrase')
    await ok('profiles:select', { id: key.id })
    await askedPassphrase
    const refusedPassphrase = nextState(
      (s) => s.secretPrompt?.kind === 'passphrase' && s.secretPrompt.retry
    )
    await call('connection:provideSecret', { value: wrongPassphrase, remember: false })
    await refusedPassphrase
    const connectedAgain = nextState((s) => s.status === 'connected')
    await call('connection:provideSecret', { value: passphrase, remember: true })
    await connectedAgain

    // Everything the renderer could ever see.
    for (const channel of [
      'profiles:list',
      'connection:state',
      'app:info',
      'app:diagnostics',
      'settings:get',
      'conversations:list'
    ])
      await call(channel)
    await core.dispose()

    const secrets = [password, wrongPassword, passphrase, wrongPassphrase, apiKey]
    const seen = JSON.stringify({ results, events })
    for (const secret of secrets) expect(seen, 'IPC results and events').not.toContain(secret)
    // profiles:list says *that* a key is stored, never the key.
    expect(
      JSON.stringify(results.filter((r) => (r as { channel: string }).channel === 'profiles:list'))
    ).toContain(pw.id)

    const all = files(dataDir)
    const logs = all.filter((f) => f.startsWith(join(dataDir, 'logs')) && f.endsWith('.log'))
    expect(logs.length).toBeGreaterThan(0)
    const logText = logs.map((f) => readFileSync(f, 'utf8')).join('\n')
    expect(logText).toContain('connect')
    for (const file of all) {
      const text = readFileSync(file, 'utf8')
      for (const secret of secrets)
        expect(text.includes(secret), `${relative(dataDir, file)} holds a secret`).toBe(false)
      if (process.platform !== 'win32')
        expect(statSync(file).mode & 0o777, relative(dataDir, file)).toBe(0o600)
    }
    // Remembered secrets are on disk only encrypted; the one not remembered is not there at all.
    const stored = JSON.parse(readFileSync(join(dataDir, 'secrets.json'), 'utf8')) as Record<
      string,
      string
    >
    const decrypted = Object.values(stored).map((v) => cipher.decrypt(Buffer.from(v, 'base64')))
    expect(decrypted.sort()).toEqual([apiKey, password, passphrase].sort())
  }, 120_000)
})

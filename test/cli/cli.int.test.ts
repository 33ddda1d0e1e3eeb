/**
 * The real CLI, run as a child process (the package's bin, and `npx tsx` once) against the real
 * reference backend and a real sshd, on a temp data folder: what a script would see on stdout,
 * stderr and in the exit code.
 */
import { spawn } from 'node:child_process'
import { execFileSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { Conversation } from '../../src/shared/conversation'
import type { DoctorReport } from '../../src/shared/doctor'
import type { Profile } from '../../src/shared/profile'
import { startBackend, type RunningBackend } from '../fixtures/backend'
import { freePort, startSilentServer } from '../fixtures/ports'
import { startSshd, type RunningSshd } from '../fixtures/sshd'
import {
  addTextProfile,
  cliBin,
  repoRoot,
  runCli,
  spawnCli,
  type CliOptions,
  type CliRun
} from '../helpers/cli'
import { tempDir } from '../helpers/tempDir'

/** The CLI on a pseudo-terminal (util-linux `script`), as a person at a terminal sees it: what reached the screen. */
function inTerminal(args: string[]): Promise<string> {
  const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`
  const command = [process.execPath, cliBin, ...args].map(quote).join(' ')
  return new Promise((resolvePromise, reject) => {
    const child = spawn('script', ['-q', '-e', '-c', command, '/dev/null'], {
      cwd: repoRoot,
      env: { PATH: process.env.PATH ?? '', HOME: home.dir, SHELL: '/bin/sh', TERM: 'xterm' },
      stdio: ['pipe', 'pipe', 'pipe']
    })
    let screen = ''
    child.stdout.on('data', (d: Buffer) => (screen += d.toString()))
    child.on('error', reject)
    child.on('close', (code) =>
      code === 0 ? resolvePromise(screen) : reject(new Error(`exit ${code}: ${screen}`))
    )
    child.stdin.end()
  })
}

let backend: RunningBackend
const home = tempDir('kha-cli-home-')
let data: { dir: string; cleanup(): void }
const run = (args: string[], opts: Omit<CliOptions, 'home' | 'dataDir'> = {}) =>
  runCli(args, { home: home.dir, dataDir: data.dir, ...opts })
const json = <T>(r: CliRun): T => r.json<T>()

beforeAll(async () => {
  backend = await startBackend()
})
afterAll(async () => {
  await backend?.stop()
  home.cleanup()
})
beforeEach(() => {
  data?.cleanup()
  data = tempDir('kha-cli-data-')
})

describe('kha-desktop profiles', () => {
  it('add / list / show / edit / remove round trip with --json', async () => {
    const added = await run([
      '--json',
      'profiles',
      'add',
      'Server B',
      '--url',
      'http://192.168.0.20:8000',
      '--reply',
      'json',
      '--header',
      'X-Team: kha'
    ])
    expect(added.code).toBe(0)
    const profile = json<Profile>(added)
    expect(profile).toMatchObject({
      name: 'Server B',
      connection: { kind: 'direct', url: 'http://192.168.0.20:8000' },
      contract: {
        replyFormat: 'json',
        replyField: 'reply',
        headers: [{ name: 'X-Team', value: 'kha' }]
      }
    })

    const tunnel = await run([
      '--json',
      'profiles',
      'add',
      'dev tunnel',
      '--ssh',
      'dev@serverb',
      '--target',
      'localhost:8030',
      '--keepalive-interval',
      '60',
      '--keepalive-count',
      '5'
    ])
    expect(tunnel.code).toBe(0)
    expect(json<Profile>(tunnel).connection).toMatchObject({
      kind: 'tunnel',
      ssh: { host: 'serverb', port: 22, username: 'dev' },
      target: { host: 'localhost', port: 8030 }
    })

    const list = json<{ profiles: Profile[]; activeId: string }>(
      await run(['--json', 'profiles', 'list'])
    )
    expect(list.profiles.map((p) => p.name)).toEqual(['Server B', 'dev tunnel'])
    expect(list.activeId).toBe(profile.id)

    const shown = json<Profile>(await run(['--json', 'profiles', 'show', 'Server B']))
    expect(shown).toEqual(profile)

    const edited = await run([
      '--json',
      'profiles',
      'edit',
      'Server B',
      '--method',
      'post',
      '--name',
      'Server B (POST)',
      '--idle-timeout',
      '120'
    ])
    expect(edited.code).toBe(0)
    expect(json<Profile>(edited)).toMatchObject({
      id: profile.id,
      name: 'Server B (POST)',
      contract: { method: 'POST', replyFormat: 'json', headers: [{ name: 'X-Team' }] },
      timeouts: { idleSec: 120 }
    })

    const human = await run(['profiles', 'show', 'Server B (POST)'])
    expect(human.stdout).toContain('connection.url: http://192.168.0.20:8000')
    expect(human.stdout).toContain('contract.method: POST')

    const removed = await run(['--json', 'profiles', 'remove', 'Server B (POST)'])
    expect(removed.code).toBe(0)
    const after = json<{ profiles: Profile[]; activeId: string }>(
      await run(['--json', 'profiles', 'list'])
    )
    expect(after.profiles.map((p) => p.name)).toEqual(['dev tunnel'])
    // The store is the app's own file.
    expect(JSON.parse(readFileSync(join(data.dir, 'profiles.json'), 'utf8')).profiles).toHaveLength(
      1
    )
  })

  it('a bad --url names the flag and exits 1, and nothing is saved', async () => {
    const bad = await run(['profiles', 'add', 'x', '--url', 'localhost:8030'])
    expect(bad.code).toBe(1)
    expect(bad.stderr).toMatch(/--url: is not a valid http:\/\/ or https:\/\/ URL/)
    const badJson = await run(['--json', 'profiles', 'add', 'x', '--url', 'ftp://host'])
    expect(badJson.code).toBe(1)
    expect(
      json<{
        ok: false
        error: { code: string; fields: Array<{ flag: string; field: string; code: string }> }
      }>(badJson).error
    ).toMatchObject({
      code: 'profile.invalid',
      fields: [{ flag: '--url', field: 'connection.url', code: 'invalid_url' }]
    })
    const choice = await run(['profiles', 'add', 'x', '--url', 'http://h', '--reply', 'xml'])
    expect(choice.code).toBe(1)
    expect(choice.stderr).toMatch(/--reply/)
    const list = json<{ profiles: Profile[] }>(await run(['--json', 'profiles', 'list']))
    expect(list.profiles).toEqual([])
  })

  it("speaks Korean to a Korean locale: the field and the reason in the app's own words", async () => {
    const bad = await run(['profiles', 'add', 'x', '--url', 'localhost:8030'], {
      env: { LANG: 'ko_KR.UTF-8' }
    })
    expect(bad.code).toBe(1)
    expect(bad.stderr).toContain('--url: http:// 또는 https://로 시작하는 전체 URL을 입력하세요.')
    const port = await freePort()
    await run(['profiles', 'add', 'down', '--url', `http://127.0.0.1:${port}`])
    const refused = await run(['chat', '--profile', 'down', '안녕?'], {
      env: { LC_ALL: 'ko_KR.UTF-8' }
    })
    expect(refused.code).toBe(11)
    expect(refused.stderr).toMatch(/^error: .*127\.0\.0\.1.*\[backend\.refused\]/m)
    expect(refused.stderr).toMatch(/[가-힣]/)
  })

  it('a profile that does not exist exits 2', async () => {
    const missing = await run(['profiles', 'show', 'nope'])
    expect(missing.code).toBe(2)
    expect(missing.stderr).toContain('No profile named "nope"')
    const doctor = await run(['--json', 'doctor', '--profile', 'nope'])
    expect(doctor.code).toBe(2)
    expect(json<{ error: { code: string } }>(doctor).error.code).toBe('profile.not_found')
  })

  it('profiles add --help lists every profile flag', async () => {
    const help = await run(['profiles', 'add', '--help'])
    expect(help.code).toBe(0)
    for (const flag of [
      '--url',
      '--ssh',
      '--target',
      '--jump',
      '--identity',
      '--auth',
      '--known-hosts',
      '--local-port',
      '--keepalive-interval',
      '--keepalive-count',
      '--method',
      '--path',
      '--message-field',
      '--reply',
      '--reply-field',
      '--param',
      '--header',
      '--health-path',
      '--connect-timeout',
      '--idle-timeout',
      '--scheme'
    ]) {
      expect(help.stdout).toContain(`${flag} `)
    }
  })

  it('imports hosts from an OpenSSH config file', async () => {
    const config = join(data.dir, 'ssh_config')
    // serverb's port comes from an Include, as ssh would read it (an absolute path here).
    const included = join(data.dir, 'serverb.conf')
    writeFileSync(included, '  Port 2222\n')
    writeFileSync(
      config,
      [
        'Host serverb',
        '  HostName 192.168.0.20',
        '  User dev',
        `  Include ${included}`,
        '  LocalForward 8030 localhost:8030',
        '',
        'Host other',
        '  HostName 10.1.1.1',
        ''
      ].join('\n')
    )
    const imported = await run([
      '--json',
      'profiles',
      'import-ssh-config',
      '--config',
      config,
      'serverb'
    ])
    expect(imported.code).toBe(0)
    const body = json<{ added: Profile[] }>(imported)
    expect(body.added).toHaveLength(1)
    expect(body.added[0]?.connection).toMatchObject({
      kind: 'tunnel',
      ssh: { host: '192.168.0.20', port: 2222, username: 'dev' },
      target: { host: 'localhost', port: 8030 }
    })
    const missing = await run(['profiles', 'import-ssh-config', '--config', config, 'nothere'])
    expect(missing.code).toBe(2)
  })
})

describe('kha-desktop chat', () => {
  it('streams the reply to stdout as it arrives and stores the conversation like the app', async () => {
    // Plain text: an SSE reply can hit a known core issue (a [DONE] read before the end of the body is reported as a dropped stream).
    await run(addTextProfile('ref', backend.url, '--header', 'X-Test-Delay-Ms: 120'))
    const chat = await run(['chat', '--profile', 'ref', '안녕하세요 서버 B'])
    expect(chat.code).toBe(0)
    expect(chat.stdout).toBe('Echo: 안녕하세요 서버 B\n')
    // Streamed: several writes, spread over the reply's duration, not one at the end.
    expect(chat.chunks.length).toBeGreaterThan(2)
    const first = chat.chunks[0]?.[0] ?? 0
    const last = chat.chunks.at(-1)?.[0] ?? 0
    expect(last - first).toBeGreaterThan(200)
    const id = /conversation: (\S+)/.exec(chat.stderr)?.[1] as string
    expect(id).toBeTruthy()
    const stored = json<Conversation>(await run(['--json', 'conversations', 'show', id]))
    expect(stored.messages.map((m) => [m.role, m.status, m.text])).toEqual([
      ['user', 'done', '안녕하세요 서버 B'],
      ['assistant', 'done', 'Echo: 안녕하세요 서버 B']
    ])

    // Continue it, with the message read from stdin.
    const again = await run(['--json', 'chat', '--conversation', id, '-'], {
      input: 'second message\n'
    })
    expect(again.code).toBe(0)
    expect(json<{ conversationId: string; text: string; status: string }>(again)).toMatchObject({
      conversationId: id,
      status: 'done',
      text: 'Echo: second message'
    })
    const continued = json<Conversation>(await run(['--json', 'conversations', 'show', id]))
    expect(continued.messages).toHaveLength(4)
  })

  it('--attach sends files the way the composer does, and refuses one it cannot read by name, sending nothing', async () => {
    const added = await run([
      'profiles',
      'add',
      'attach',
      '--url',
      backend.url,
      '--method',
      'post',
      '--reply',
      'text',
      '--param',
      'format=text'
    ])
    expect(added.stderr).toBe('')
    const notes = join(data.dir, '회의.md')
    const csv = join(data.dir, 'budget.csv')
    writeFileSync(notes, '# 회의록\n다음 회의는 금요일입니다.')
    writeFileSync(csv, '항목,금액\n장비,300')
    const log = join(data.dir, 'logs', 'cli.log')
    const coresStarted = () => readFileSync(log, 'utf8').match(/core started/g)?.length ?? 0
    const startedBefore = coresStarted()
    const chat = await run([
      '--json',
      'chat',
      '--profile',
      'attach',
      '--attach',
      notes,
      '--attach',
      csv,
      '정리해 주세요'
    ])
    expect(chat.code).toBe(0)
    // The files are read, and the reply comes, on one core.
    expect(coresStarted()).toBe(startedBefore + 1)
    const result = json<{ conversationId: string; text: string }>(chat)
    expect(result.text).toContain('<attachment name="회의.md" type="text/markdown">')
    expect(result.text).toContain('장비,300')
    const stored = json<Conversation>(
      await run(['--json', 'conversations', 'show', result.conversationId])
    )
    expect(stored.messages[0]?.attachments?.map((a) => a.name)).toEqual(['회의.md', 'budget.csv'])

    const fake = join(data.dir, 'scan.pdf')
    writeFileSync(fake, 'not a pdf')
    const before = (await backend.requests()).length
    const refused = await run(['chat', '--profile', 'attach', '--attach', fake, '읽어 주세요'], {
      env: { LC_ALL: 'ko_KR.UTF-8' }
    })
    expect(refused.code).toBe(1)
    expect(refused.stderr).toContain('“scan.pdf” 파일을 읽을 수 없습니다')
    expect((await backend.requests()).length).toBe(before)
    const missing = await run([
      'chat',
      '--profile',
      'attach',
      '--attach',
      join(data.dir, 'nope.txt'),
      'x'
    ])
    expect(missing.code).toBe(1)
    expect(missing.stderr).toContain('nope.txt: no such file')
  })

  it('on a terminal, a reply cannot set the title, write the clipboard or erase lines; --raw and pipes keep the bytes', async () => {
    const hostile =
      'Hi \u001b]52;c;ZXZpbA==\u0007 \u001b]0;pwned\u0007 \u001b[2K\u001b[1A\r\u009b2J end'
    const header = `X-Test-Reply: ${Buffer.from(hostile).toString('base64')}`
    await run(addTextProfile('hostile', backend.url, '--header', header))
    const shown = await inTerminal(['--data-dir', data.dir, 'chat', '--profile', 'hostile', 'hi'])
    expect(shown).toContain('Hi ␛]52;c;ZXZpbA==␇ ␛]0;pwned␇ ␛[2K␛[1A␍<9B>2J end')
    // Only the terminal's own line ends (\r\n from the pty) remain: no ESC, BEL, C1 or lone CR.
    expect(shown.replace(/\r\n/g, '\n')).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/) // eslint-disable-line no-control-regex
    const raw = await inTerminal([
      '--data-dir',
      data.dir,
      '--raw',
      'chat',
      '--profile',
      'hostile',
      'hi'
    ])
    expect(raw).toContain('\u001b]52;c;ZXZpbA==\u0007')
    const piped = await run(['chat', '--profile', 'hostile', 'hi'])
    expect(piped.stdout).toBe(`${hostile}\n`)
  })

  it('keeps credential headers out of profiles.json: refused as a flag, taken from KHA_HEADER_<NAME> for one run', async () => {
    const refused = await run([
      'profiles',
      'add',
      'cred',
      '--url',
      backend.url,
      '--header',
      'X-Api-Key: s3cr3t-hdr'
    ])
    expect(refused.code).toBe(1)
    expect(refused.stderr).toContain('KHA_HEADER_')
    expect(() => readFileSync(join(data.dir, 'profiles.json'), 'utf8')).toThrow()

    await run([
      'profiles',
      'add',
      'cred',
      '--url',
      backend.url,
      '--reply',
      'json',
      '--header',
      'X-Api-Key:',
      '--header',
      'X-Test-Echo: 1'
    ])
    const missing = await run(['chat', '--profile', 'cred', 'hi'])
    expect(missing.stderr).toContain('KHA_HEADER_X_API_KEY')
    const sent = await run(['chat', '--profile', 'cred', 'hi'], {
      env: { KHA_HEADER_X_API_KEY: 's3cr3t-hdr' }
    })
    expect(sent.code).toBe(0)
    expect(sent.stdout).toContain('"x-api-key":"s3cr3t-hdr"')
    expect(readFileSync(join(data.dir, 'profiles.json'), 'utf8')).not.toContain('s3cr3t-hdr')
  })

  it('runs through npx tsx too, and the exit code says why a chat failed', async () => {
    await run(['profiles', 'add', 'ref', '--url', backend.url, '--reply', 'json'])
    const ok = await run(['chat', 'via npx'], { npx: true })
    expect(ok.code).toBe(0)
    expect(ok.stdout).toBe('Echo: via npx\n')

    await backend.setKnobs({ fail_status: 500 })
    try {
      const failed = await run(['chat', 'fail please'])
      expect(failed.code).toBe(17)
      expect(failed.stderr).toMatch(/The backend answered 500.*\[backend\.http_status\]/)
    } finally {
      await backend.clearKnobs()
    }
    const port = await freePort()
    await run(['profiles', 'add', 'down', '--url', `http://127.0.0.1:${port}`])
    const refused = await run(['--json', 'chat', '--profile', 'down', 'hello?'])
    expect(refused.code).toBe(11)
    expect(json<{ ok: boolean; status: string; error: { code: string } }>(refused)).toMatchObject({
      ok: false,
      status: 'failed',
      error: { code: 'backend.refused' }
    })
  })
})

describe('kha-desktop doctor (direct)', () => {
  it('exits 0 when every step passes, printing each step', async () => {
    await run(['profiles', 'add', 'ref', '--url', backend.url])
    const ok = await run(['doctor', '--profile', 'ref'])
    expect(ok.code).toBe(0)
    expect(ok.stdout).toMatch(/\[ok {2}\] resolve/)
    expect(ok.stdout).toMatch(/\[ok {2}\] chat .*reply=Echo: ping/)
    expect(ok.stdout).toContain('ref: all steps passed')
  })

  it('prints each step as it finishes, and Ctrl+C stops the check there: exit 130, the step running marked stopped', async () => {
    // A server that accepts and never answers: the health step waits (60 s) until it is stopped.
    const silent = await startSilentServer()
    const port = silent.port
    try {
      await run([
        'profiles',
        'add',
        'silent',
        '--url',
        `http://127.0.0.1:${port}`,
        '--connect-timeout',
        '60'
      ])
      const doctor = spawnCli(['doctor', '--profile', 'silent'], {
        home: home.dir,
        dataDir: data.dir
      })
      // The tcp line is out while the check still runs: the steps are printed live.
      await new Promise<void>((resolve) => {
        let text = ''
        doctor.child.stdout?.on('data', (d: Buffer) => {
          text += d.toString()
          if (/\[ok {2}\] tcp/.test(text)) resolve()
        })
      })
      doctor.child.kill('SIGINT')
      const stopped = await doctor.done
      expect(stopped.code).toBe(130)
      expect(stopped.stdout).toMatch(
        /^Checking "silent"\n {2}\[ok {2}\] resolve .*\n {2}\[ok {2}\] tcp /
      )
      expect(stopped.stdout).toMatch(/\[FAIL\] health .* backend\.aborted: The check was stopped/)
      expect(stopped.stdout).toMatch(/\[skip\] chat/)
    } finally {
      await silent.close()
    }
  })

  it('exits with the code of the failing step: 10 resolve, 11 tcp, 16 health, 17 chat', async () => {
    const port = await freePort()
    const silent = await startSilentServer()
    const silentPort = silent.port
    try {
      await run(['profiles', 'add', 'dns', '--url', 'http://no-such-host.invalid:8000'])
      await run(['profiles', 'add', 'wrong port', '--url', `http://127.0.0.1:${port}`])
      await run([
        'profiles',
        'add',
        'silent',
        '--url',
        `http://127.0.0.1:${silentPort}`,
        '--connect-timeout',
        '1'
      ])
      await run([
        'profiles',
        'add',
        'bad field',
        '--url',
        backend.url,
        '--reply',
        'json',
        '--reply-field',
        'answer'
      ])
      const expectations: Array<[string, number, string, string]> = [
        ['dns', 10, 'resolve', 'backend.dns'],
        ['wrong port', 11, 'tcp', 'backend.refused'],
        ['silent', 16, 'health', 'backend.idle_timeout'],
        ['bad field', 17, 'chat', 'backend.bad_reply']
      ]
      for (const [name, code, step, error] of expectations) {
        const r = await run(['--json', 'doctor', '--profile', name])
        expect(r.code, name).toBe(code)
        const report = json<DoctorReport>(r)
        expect(
          report.steps.find((s) => s.status === 'failed'),
          name
        ).toMatchObject({ id: step, error: { code: error } })
      }
    } finally {
      await silent.close()
    }
  })
})

describe('kha-desktop doctor and chat (tunnel, real sshd)', () => {
  let sshd: RunningSshd
  let knownHosts: string
  beforeAll(async () => {
    sshd = await startSshd({ password: true })
    knownHosts = join(home.dir, 'known_hosts_cli')
    writeFileSync(knownHosts, sshd.hostPublicKeyLine + '\n')
  })
  afterAll(async () => {
    await sshd?.stop()
  })

  const addTunnel = (name: string, extra: string[]) =>
    run([
      'profiles',
      'add',
      name,
      '--ssh',
      `${sshd.username}@127.0.0.1:${sshd.port}`,
      '--target',
      `127.0.0.1:${backend.port}`,
      '--known-hosts',
      knownHosts,
      '--reply',
      'json',
      '--connect-timeout',
      '5',
      ...extra
    ])

  it('passes through the tunnel, and chat goes through it too', async () => {
    expect((await addTunnel('tunnel', ['--identity', sshd.clientKeyPath])).code).toBe(0)
    const doctor = await run(['doctor', '--profile', 'tunnel'])
    expect(doctor.code).toBe(0)
    expect(doctor.stdout).toContain(`fingerprint=${sshd.hostKeyFingerprint}`)
    const chat = await run(['chat', '--profile', 'tunnel', 'through ssh'])
    expect(chat.code).toBe(0)
    expect(chat.stdout).toBe('Echo: through ssh\n')
  })

  it('12 for an unknown host key, 13 for a rejected key, 15 for a closed target', async () => {
    const emptyKnown = join(home.dir, 'known_hosts_empty')
    writeFileSync(emptyKnown, '')
    const stranger = join(home.dir, 'id_stranger')
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', stranger])
    const closedPort = await freePort()
    await addTunnel('unknown key', ['--identity', sshd.clientKeyPath, '--known-hosts', emptyKnown])
    await addTunnel('stranger', ['--identity', stranger])
    await run([
      'profiles',
      'add',
      'closed target',
      '--ssh',
      `${sshd.username}@127.0.0.1:${sshd.port}`,
      '--target',
      `127.0.0.1:${closedPort}`,
      '--known-hosts',
      knownHosts,
      '--identity',
      sshd.clientKeyPath
    ])
    const unknown = await run(['--json', 'doctor', '--profile', 'unknown key'])
    expect(unknown.code).toBe(12)
    expect(json<DoctorReport>(unknown).steps.find((s) => s.status === 'failed')).toMatchObject({
      id: 'ssh_handshake',
      error: { code: 'ssh.hostkey_unknown' },
      detail: { fingerprint: sshd.hostKeyFingerprint }
    })
    expect((await run(['doctor', '--profile', 'stranger'])).code).toBe(13)
    expect((await run(['doctor', '--profile', 'closed target'])).code).toBe(15)
  })

  it('takes the SSH password from KHA_SSH_PASSWORD, never a flag; without it (no terminal) exits 13 with a hint', async () => {
    await run([
      'profiles',
      'add',
      'pw',
      '--ssh',
      `${sshd.passwordUser}@127.0.0.1:${sshd.port}`,
      '--auth',
      'password',
      '--target',
      `127.0.0.1:${backend.port}`,
      '--known-hosts',
      knownHosts,
      '--reply',
      'json'
    ])
    const withEnv = await run(['doctor', '--profile', 'pw'], {
      env: { KHA_SSH_PASSWORD: sshd.password as string }
    })
    expect(withEnv.code).toBe(0)
    const without = await run(['doctor', '--profile', 'pw'])
    expect(without.code).toBe(13)
    expect(without.stdout).toContain('ssh.secret_needed')
    expect(without.stdout).toContain('KHA_SSH_PASSWORD')
    const wrong = await run(['doctor', '--profile', 'pw'], {
      env: { KHA_SSH_PASSWORD: 'wrong-password-1' }
    })
    expect(wrong.code).toBe(13)
    // The password never reaches the log.
    const log = readFileSync(join(data.dir, 'logs', 'cli.log'), 'utf8')
    expect(log).not.toContain(sshd.password as string)
    expect(log).not.toContain('wrong-password-1')
    expect(log).toContain('connection check')
  })
})

describe('kha-desktop doctor (forwarding forbidden)', () => {
  it('exits 14 when the server refuses the forward', async () => {
    const strict = await startSshd({ allowTcpForwarding: false })
    try {
      const hosts = join(home.dir, 'known_hosts_strict')
      writeFileSync(hosts, strict.hostPublicKeyLine + '\n')
      await run([
        'profiles',
        'add',
        'strict',
        '--ssh',
        `${strict.username}@127.0.0.1:${strict.port}`,
        '--identity',
        strict.clientKeyPath,
        '--target',
        `127.0.0.1:${backend.port}`,
        '--known-hosts',
        hosts
      ])
      const r = await run(['--json', 'doctor', '--profile', 'strict'])
      expect(r.code).toBe(14)
      expect(json<DoctorReport>(r).steps.find((s) => s.status === 'failed')).toMatchObject({
        id: 'forward',
        error: { code: 'ssh.forward_refused' }
      })
    } finally {
      await strict.stop()
    }
  })
})

describe('kha-desktop hosts forget', () => {
  const key = (name: string) => {
    const path = join(home.dir, name)
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', '', '-f', path])
    const pub = readFileSync(`${path}.pub`, 'utf8').trim().split(' ').slice(0, 2).join(' ')
    const fingerprint = execFileSync('ssh-keygen', ['-l', '-E', 'sha256', '-f', `${path}.pub`], {
      encoding: 'utf8'
    }).split(' ')[1] as string
    return { pub, fingerprint }
  }

  it("removes every key of HOST:PORT from the app's known_hosts only, keeps the old file, and says what is left in ~/.ssh", async () => {
    const old = key('hk_old')
    const other = key('hk_other')
    const appFile = join(data.dir, 'known_hosts')
    writeFileSync(appFile, `[127.0.0.1]:2222 ${old.pub}\n127.0.0.1 ${other.pub}\n`)
    execFileSync('mkdir', ['-p', join(home.dir, '.ssh')])
    writeFileSync(join(home.dir, '.ssh', 'known_hosts'), `[127.0.0.1]:2222 ${other.pub}\n`)

    const r = await run(['--json', 'hosts', 'forget', '127.0.0.1:2222'])
    expect(r.code).toBe(0)
    expect(json(r)).toMatchObject({
      host: '127.0.0.1',
      port: 2222,
      name: '[127.0.0.1]:2222',
      file: appFile,
      backup: `${appFile}.old`,
      removed: [{ line: 1, keyType: 'ssh-ed25519', fingerprint: old.fingerprint }],
      elsewhere: [
        { file: join(home.dir, '.ssh', 'known_hosts'), line: 1, fingerprint: other.fingerprint }
      ]
    })
    // Port 22's entry of the same address is another host for known_hosts: kept.
    expect(readFileSync(appFile, 'utf8')).toBe(`127.0.0.1 ${other.pub}\n`)
    expect(readFileSync(`${appFile}.old`, 'utf8')).toContain(old.pub)
    // The user's own file is never edited.
    expect(readFileSync(join(home.dir, '.ssh', 'known_hosts'), 'utf8')).toBe(
      `[127.0.0.1]:2222 ${other.pub}\n`
    )

    const again = await run(['hosts', 'forget', '[127.0.0.1]:2222'])
    expect(again.code).toBe(2)
    expect(again.stderr).toContain("ssh-keygen -R '[127.0.0.1]:2222'")

    const human = await run(['hosts', 'forget', '127.0.0.1'])
    expect(human.code).toBe(0)
    expect(human.stdout).toContain(`Removed 1 key of 127.0.0.1 from ${appFile}`)
    expect(human.stdout).toContain(other.fingerprint)

    const bad = await run(['hosts', 'forget', 'host:99999'])
    expect(bad.code).toBe(1)
  })
})

import { describe, expect, it } from 'vitest'
import { Command } from 'commander'
import { ProfileSchema, validateProfile } from '@shared/profile'
import { addProfileFlags, buildDraft, flagForField, flagSpecs } from './profileFlags'
import { CliError } from './output'
import { exitCodeForError, exitCodeForReport, stepExitCodes } from './exitCodes'
import { doctorStepIds } from '@shared/doctor'

function parse(mode: 'add' | 'edit', args: string[]): Record<string, unknown> {
  const cmd = addProfileFlags(new Command('x').argument('<name>').exitOverride(), mode)
  cmd.parse(['NAME', ...args], { from: 'user' })
  return cmd.opts()
}

/** Every leaf path of a fully populated profile. */
function leafPaths(value: unknown, prefix = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => leafPaths(v, `${prefix}.${i}`))
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => leafPaths(v, prefix ? `${prefix}.${k}` : k))
  return [prefix]
}

describe('profile flags', () => {
  it('has a flag for every field of the profile schema', () => {
    const full = ProfileSchema.parse({
      id: 'x',
      name: 'n',
      connection: {
        kind: 'tunnel',
        ssh: { host: 'h', username: 'u' },
        jump: { host: 'j', username: 'u' },
        target: {},
        localPort: 1
      },
      contract: { headers: [{ name: 'a', value: 'b' }], extraParams: [{ name: 'a', value: 'b' }] }
    })
    const direct = ProfileSchema.parse({
      id: 'x',
      name: 'n',
      connection: { kind: 'direct', url: 'http://h' }
    })
    const paths = [...leafPaths(full), ...leafPaths(direct)].filter(
      (p) => p !== 'id' && p !== 'connection.kind'
    )
    const unmapped = paths.filter((p) => flagForField(p) === p)
    expect(unmapped).toEqual([])
  })

  it('builds a direct profile from the app template, with the flags applied', () => {
    const opts = parse('add', [
      '--url',
      'http://192.168.0.20:8000',
      '--method',
      'post',
      '--reply',
      'json',
      '--header',
      'X-Team: kha',
      '--header',
      'X-B: 2',
      '--param',
      'format=json',
      '--json-param',
      'stream=false',
      '--connect-timeout',
      '5'
    ])
    const draft = buildDraft('add', 'lan', opts)
    const result = validateProfile({ ...draft, id: 'id1' })
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.profile).toMatchObject({
      name: 'lan',
      connection: { kind: 'direct', url: 'http://192.168.0.20:8000' },
      contract: {
        method: 'POST',
        replyFormat: 'json',
        replyField: 'reply',
        headers: [
          { name: 'X-Team', value: 'kha' },
          { name: 'X-B', value: '2' }
        ],
        extraParams: [
          { name: 'format', value: 'json', json: false },
          { name: 'stream', value: 'false', json: true }
        ]
      },
      timeouts: { connectSec: 5, idleSec: 60 }
    })
  })

  it('builds a tunnel profile with jump host, identity, local port and keepalives', () => {
    const opts = parse('add', [
      '--ssh',
      'dev@serverb:2222',
      '--target',
      '127.0.0.1:8030',
      '--jump',
      'ops@servera',
      '--identity',
      '~/.ssh/id_kha',
      '--jump-auth',
      'agent',
      '--known-hosts',
      '/etc/kh',
      '--local-port',
      '8030',
      '--keepalive-interval',
      '30',
      '--keepalive-count',
      '3',
      '--scheme',
      'https',
      '--allow-legacy-ssh'
    ])
    const result = validateProfile({ ...buildDraft('add', 'tunnel', opts), id: 'id2' })
    expect(result.ok && result.profile.connection).toEqual({
      kind: 'tunnel',
      ssh: { host: 'serverb', port: 2222, username: 'dev', auth: 'key', keyPath: '~/.ssh/id_kha' },
      jump: { host: 'servera', port: 22, username: 'ops', auth: 'agent', keyPath: '' },
      target: { host: '127.0.0.1', port: 8030 },
      scheme: 'https',
      keepaliveIntervalSec: 30,
      keepaliveCountMax: 3,
      localPort: 8030,
      knownHostsPath: '/etc/kh',
      allowLegacyAlgorithms: true
    })
  })

  it('edits only what is given, can switch kind, and clears lists and the jump host', () => {
    const base = ProfileSchema.parse({
      id: 'p',
      name: 'old',
      connection: {
        kind: 'tunnel',
        ssh: { host: 'h', username: 'u' },
        jump: { host: 'j', username: 'u' },
        target: { host: 'localhost', port: 8000 },
        localPort: 9000
      },
      contract: { headers: [{ name: 'A', value: '1' }], extraParams: [{ name: 'p', value: '1' }] }
    })
    const edited = validateProfile({
      ...buildDraft(
        'edit',
        'old',
        parse('edit', [
          '--name',
          'new',
          '--no-jump',
          '--no-local-port',
          '--clear-headers',
          '--path',
          '/chat',
          '--no-allow-legacy-ssh'
        ]),
        { ...base, connection: { ...base.connection, allowLegacyAlgorithms: true } } as typeof base
      ),
      id: 'p'
    })
    expect(edited.ok && edited.profile).toMatchObject({
      name: 'new',
      connection: { jump: null, localPort: null, ssh: { host: 'h' }, allowLegacyAlgorithms: false },
      contract: { headers: [], extraParams: [{ name: 'p' }], path: '/chat' }
    })
    const direct = validateProfile({
      ...buildDraft('edit', 'old', parse('edit', ['--url', 'http://10.0.0.1:8000']), base),
      id: 'p'
    })
    expect(direct.ok && direct.profile.connection).toEqual({
      kind: 'direct',
      url: 'http://10.0.0.1:8000'
    })
  })

  it('refuses flags that do not fit, naming them', () => {
    const cases: Array<[string[], RegExp]> = [
      [['--url', 'http://a', '--ssh', 'u@h'], /--url.*--ssh|either --url/],
      [[], /--url URL/],
      [['--url', 'http://a', '--target', 'h:1'], /--target is for SSH tunnel profiles/],
      [['--ssh', 'u@h:port'], /--ssh: expected user@host/],
      [['--ssh', 'u@h', '--target', 'nope'], /--target: expected host:port/],
      [['--url', 'http://a', '--header', 'no colon'], /--header: expected/],
      [['--url', 'http://a', '--param', 'novalue'], /--param: expected name=value/],
      [['--ssh', 'u@h', '--jump-identity', 'k'], /need a jump host/]
    ]
    for (const [args, message] of cases) {
      let error: unknown
      try {
        buildDraft('add', 'n', parse('add', args))
      } catch (e) {
        error = e
      }
      expect(error, args.join(' ')).toBeInstanceOf(CliError)
      expect((error as CliError).message, args.join(' ')).toMatch(message)
      expect((error as CliError).exitCode).toBe(1)
    }
  })

  it('maps schema field paths to the flags people typed', () => {
    expect(flagForField('connection.url')).toBe('--url')
    expect(flagForField('connection.ssh.port')).toBe('--ssh')
    expect(flagForField('connection.jump.keyPath')).toBe('--jump-identity')
    expect(flagForField('connection.target.port')).toBe('--target')
    expect(flagForField('contract.headers.2.name')).toBe('--header')
    expect(flagForField('contract.extraParams.0.name')).toBe('--param')
    expect(flagForField('contract.history.turns')).toBe('--history-turns')
    expect(flagForField('timeouts.idleSec')).toBe('--idle-timeout')
    expect(flagSpecs.every((s) => s.key)).toBe(true)
  })
})

describe('exit codes', () => {
  it('gives every doctor step its own code, and maps chat errors onto the same codes', () => {
    expect(new Set(doctorStepIds.map((id) => stepExitCodes[id])).size).toBe(doctorStepIds.length)
    expect(exitCodeForError('backend.dns')).toBe(10)
    expect(exitCodeForError('backend.refused')).toBe(11)
    expect(exitCodeForError('ssh.hostkey_changed')).toBe(12)
    expect(exitCodeForError('ssh.auth_failed')).toBe(13)
    expect(exitCodeForError('ssh.forward_refused')).toBe(14)
    expect(exitCodeForError('ssh.target_closed')).toBe(15)
    expect(exitCodeForError('backend.http_status')).toBe(17)
    expect(exitCodeForError('tls.untrusted')).toBe(19)
    expect(exitCodeForError('profile.not_found')).toBe(2)
    expect(exitCodeForError('profile.invalid')).toBe(1)
    expect(exitCodeForError('store.io')).toBe(3)
    const report = {
      profileId: 'p',
      profileName: 'p',
      startedAt: '',
      ms: 1,
      ok: false,
      steps: [{ id: 'health' as const, status: 'failed' as const, ms: 1 }]
    }
    expect(exitCodeForReport(report)).toBe(16)
    expect(exitCodeForReport({ ...report, ok: true, steps: [] })).toBe(0)
  })
})

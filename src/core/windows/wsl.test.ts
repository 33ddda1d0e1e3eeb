/**
 * WSL as the Windows app sees it, run here with the commands (wsl.exe, reg.exe) and the files
 * (\\wsl.localhost\…, %USERPROFILE%\.wslconfig) injected. The doctor's WSL hint runs against a real
 * refused port on loopback.
 */
import { describe, expect, it } from 'vitest'
import { errorTextWith } from '@shared/i18n/errorText'
import { appTranslator } from '@shared/i18n/translator'
import { ProfileSchema } from '@shared/profile'
import { importableSshHosts } from '../connection/tunnel/importHosts'
import type { AgentProbe } from '../connection/tunnel/agentSource'
import { runDoctor } from '../doctor'
import { silentLogger } from '../logger'
import { MemorySecretStore } from '../secrets'
import { freePort } from '../../../test/fixtures/ports'
import { memoryWindowsFs } from '../../../test/helpers/memoryFs'
import {
  decodeCommandOutput,
  listWslDistros,
  parseDistroList,
  parseWslConfig,
  readWslNetworking,
  readWslSshConfigs,
  wslLocalhostFacts,
  wslLocalhostProblem,
  wslUncPath,
  type CommandRunner
} from './wsl'

const utf16 = (text: string, bom = false) =>
  Buffer.concat([bom ? Buffer.from([0xff, 0xfe]) : Buffer.alloc(0), Buffer.from(text, 'utf16le')])

/** wsl.exe and reg.exe as given; anything else is "not found". Records every call. */
function commands(
  outputs: Record<string, { code: number | null; stdout: Buffer }>
): CommandRunner & { calls: string[] } {
  const calls: string[] = []
  const run = (async (file: string, args: string[]) => {
    const line = [file, ...args].join(' ')
    calls.push(line)
    return outputs[file] ?? { code: null, stdout: Buffer.alloc(0) }
  }) as CommandRunner & { calls: string[] }
  run.calls = calls
  return run
}

describe('WSL distributions', () => {
  it('reads wsl.exe -l -q’s UTF-16LE, with or without a BOM, and UTF-8 (WSL_UTF8=1)', () => {
    const text = 'Ubuntu-22.04\r\nDebian\r\ndocker-desktop\r\n\r\n'
    expect(parseDistroList(decodeCommandOutput(utf16(text)))).toEqual(['Ubuntu-22.04', 'Debian'])
    expect(parseDistroList(decodeCommandOutput(utf16(text, true)))).toEqual([
      'Ubuntu-22.04',
      'Debian'
    ])
    expect(parseDistroList(decodeCommandOutput(Buffer.from(text, 'utf8')))).toEqual([
      'Ubuntu-22.04',
      'Debian'
    ])
    // Read as if it were UTF-8, the same bytes would be names full of NULs.
    expect(Buffer.from(text, 'utf16le').toString('utf8')).toContain('\0')
  })

  it('asks the registry when wsl.exe fails, and finds none when neither answers', async () => {
    const fromWsl = commands({ 'wsl.exe': { code: 0, stdout: utf16('Ubuntu\r\n') } })
    expect(await listWslDistros(fromWsl)).toEqual(['Ubuntu'])
    expect(fromWsl.calls).toEqual(['wsl.exe -l -q'])

    const reg = [
      'HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Lxss\\{1}',
      '    DistributionName    REG_SZ    Ubuntu',
      '',
      'HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Lxss\\{2}',
      '    DistributionName    REG_SZ    docker-desktop',
      'End of search: 2 match(es) found.'
    ].join('\r\n')
    const fromRegistry = commands({
      'wsl.exe': {
        code: 1,
        stdout: utf16('Windows Subsystem for Linux has no installed distributions.\r\n')
      },
      'reg.exe': { code: 0, stdout: Buffer.from(reg) }
    })
    expect(await listWslDistros(fromRegistry)).toEqual(['Ubuntu'])
    expect(fromRegistry.calls[1]).toBe(
      'reg.exe query HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Lxss /s /v DistributionName'
    )

    expect(await listWslDistros(commands({}))).toEqual([])
  })

  it('names a file inside a distribution by its UNC path', () => {
    expect(wslUncPath('Ubuntu', '/home/kim/.ssh/id_ed25519')).toBe(
      '\\\\wsl.localhost\\Ubuntu\\home\\kim\\.ssh\\id_ed25519'
    )
    expect(wslUncPath('Debian', '/home/kim/.ssh/config', 'wsl$')).toBe(
      '\\\\wsl$\\Debian\\home\\kim\\.ssh\\config'
    )
  })
})

describe('importing each WSL distribution’s ~/.ssh/config', () => {
  const ubuntu = '\\\\wsl.localhost\\Ubuntu\\home\\kim\\.ssh'
  const files = {
    [`${ubuntu}\\config`]:
      'Include config.d/*\nHost serverB\n  HostName 192.168.0.20\n  IdentityFile ~/.ssh/id_serverb\n  LocalForward 8030 localhost:8030\nHost plain\n  HostName plain.corp',
    [`${ubuntu}\\config.d\\corp`]:
      'Host bastion\n  HostName a.corp\n  IdentityFile /home/kim/keys/id_a\n  UserKnownHostsFile ~/.ssh/known_hosts_corp',
    // Older Windows 10: only \\wsl$ reaches this one.
    '\\\\wsl$\\Debian\\home\\dev\\.ssh\\config': 'Host lab\n  HostName lab.corp\n  User ops',
    // A user folder without an ssh config is skipped quietly.
    '\\\\wsl.localhost\\Ubuntu\\home\\guest\\.profile': '',
    'C:\\Users\\kim\\.ssh\\config':
      'Host serverB\n  HostName 192.168.0.20\n  IdentityFile ~\\.ssh\\id_win'
  }
  const noAgent: AgentProbe = {
    platform: 'win32',
    env: {},
    statPath: async () => 'missing',
    pipeAnswers: async () => false
  }

  it('offers every distribution’s hosts with key and known_hosts paths Windows can open', async () => {
    const io = memoryWindowsFs(files)
    const hosts = await readWslSshConfigs({ defaultUser: 'kim', distros: ['Ubuntu', 'Debian'], io })
    expect(hosts.map((h) => [h.draft.name, h.source])).toEqual([
      ['bastion (WSL Ubuntu)', { kind: 'wsl', distro: 'Ubuntu', user: 'kim' }],
      ['serverB (WSL Ubuntu)', { kind: 'wsl', distro: 'Ubuntu', user: 'kim' }],
      ['plain (WSL Ubuntu)', { kind: 'wsl', distro: 'Ubuntu', user: 'kim' }],
      ['lab (WSL Debian)', { kind: 'wsl', distro: 'Debian', user: 'dev' }]
    ])
    const [bastion, serverB, plain, lab] = hosts
    expect(serverB!.draft.connection).toMatchObject({
      ssh: { host: '192.168.0.20', username: 'kim', keyPath: `${ubuntu}\\id_serverb` },
      target: { host: 'localhost', port: 8030 },
      // Hosts already trusted in WSL's terminal are trusted by the app too.
      knownHostsPath: `${ubuntu}\\known_hosts`
    })
    expect(bastion!.draft.connection).toMatchObject({
      ssh: { keyPath: '\\\\wsl.localhost\\Ubuntu\\home\\kim\\keys\\id_a' },
      knownHostsPath: `${ubuntu}\\known_hosts_corp`
    })
    // No IdentityFile: ssh's default key, in the distribution.
    expect(plain!.draft.connection).toMatchObject({
      ssh: { auth: 'key', keyPath: `${ubuntu}\\id_ed25519` }
    })
    expect(lab!.draft.connection).toMatchObject({
      ssh: { username: 'ops', keyPath: '\\\\wsl$\\Debian\\home\\dev\\.ssh\\id_ed25519' }
    })
    for (const h of hosts)
      expect(ProfileSchema.safeParse({ ...h.draft, id: 'x' }).success).toBe(true)
  })

  it('on Windows, the import lists %USERPROFILE%\\.ssh\\config first, then WSL; elsewhere wsl.exe is never run', async () => {
    const io = memoryWindowsFs(files)
    const run = commands({ 'wsl.exe': { code: 0, stdout: utf16('Ubuntu\r\n') } })
    const hosts = await importableSshHosts({
      homeDir: 'C:\\Users\\kim',
      env: { USERNAME: 'kim' },
      platform: 'win32',
      io,
      run,
      agentProbe: noAgent
    })
    expect(hosts.map((h) => [h.alias, h.source?.distro])).toEqual([
      ['serverB', undefined],
      ['bastion', 'Ubuntu'],
      ['serverB', 'Ubuntu'],
      ['plain', 'Ubuntu']
    ])
    expect(hosts[0]!.draft.connection).toMatchObject({ ssh: { keyPath: '~\\.ssh\\id_win' } })

    const linuxRun = commands({})
    await importableSshHosts({
      homeDir: '/home/kim',
      env: {},
      platform: 'linux',
      io: memoryWindowsFs({}),
      run: linuxRun,
      agentProbe: { ...noAgent, platform: 'linux' }
    })
    expect(linuxRun.calls).toEqual([])
  })

  it('a broken WSL still offers the Windows hosts', async () => {
    const io = memoryWindowsFs({
      'C:\\Users\\kim\\.ssh\\config': files['C:\\Users\\kim\\.ssh\\config']
    })
    const failing = (async () => {
      throw new Error('wsl.exe crashed')
    }) as CommandRunner
    const hosts = await importableSshHosts({
      homeDir: 'C:\\Users\\kim',
      env: {},
      platform: 'win32',
      io,
      run: failing,
      agentProbe: noAgent
    })
    expect(hosts.map((h) => h.alias)).toEqual(['serverB'])
  })
})

describe('WSL’s localhost forwarding (.wslconfig)', () => {
  const file = 'C:\\Users\\kim\\.wslconfig'
  it('is on by default, off with localhostForwarding=false, and moot in mirrored mode', () => {
    expect(wslLocalhostProblem(parseWslConfig('', file))).toBeUndefined()
    expect(wslLocalhostProblem(parseWslConfig('[wsl2]\r\nmemory=8GB\r\n', file))).toBeUndefined()
    expect(
      wslLocalhostProblem(parseWslConfig('# mine\r\n[wsl2]\r\nlocalhostForwarding=false\r\n', file))
    ).toEqual({ setting: 'localhostForwarding=false', fix: 'localhostForwarding=true' })
    // WSL reads its keys without regard to case.
    expect(
      wslLocalhostProblem(parseWslConfig('[WSL2]\nLocalhostForwarding = False ; no\n', file))
    ).toEqual({ setting: 'localhostForwarding=false', fix: 'localhostForwarding=true' })
    expect(
      wslLocalhostProblem(
        parseWslConfig('[wsl2]\nnetworkingMode=mirrored\nlocalhostForwarding=false\n', file)
      )
    ).toBeUndefined()
    expect(wslLocalhostProblem(parseWslConfig('[wsl2]\nnetworkingMode=none\n', file))).toEqual({
      setting: 'networkingMode=none',
      fix: 'networkingMode=nat'
    })
    // The [experimental] section is not where WSL reads it.
    expect(
      wslLocalhostProblem(parseWslConfig('[experimental]\nlocalhostForwarding=false\n', file))
    ).toBeUndefined()
  })

  it('reads %USERPROFILE%\\.wslconfig; no file is WSL’s defaults', async () => {
    const io = memoryWindowsFs({ [file]: '[wsl2]\nlocalhostForwarding=false\n' })
    expect(await readWslNetworking('C:\\Users\\kim', io)).toEqual({
      file,
      networkingMode: 'nat',
      localhostForwarding: false
    })
    expect(await readWslNetworking('C:\\Users\\kim', memoryWindowsFs({}))).toEqual({
      file,
      networkingMode: 'nat',
      localhostForwarding: true
    })
  })

  const deps = () => ({
    secrets: new MemorySecretStore(),
    logger: silentLogger,
    dataDir: '/nonexistent',
    homeDir: '/nonexistent',
    env: {}
  })
  const direct = (url: string) =>
    ProfileSchema.parse({
      id: 'wsl',
      name: 'WSL backend',
      connection: { kind: 'direct', url },
      timeouts: { connectSec: 2, idleSec: 2 }
    })

  it('the doctor: localhost refused with forwarding off says so and what to set, in English and Korean', async () => {
    const port = await freePort()
    const facts = () =>
      wslLocalhostFacts('C:\\Users\\kim', {
        run: commands({ 'wsl.exe': { code: 0, stdout: utf16('Ubuntu\r\n') } }),
        io: memoryWindowsFs({ [file]: '[wsl2]\nlocalhostForwarding=false\n' })
      })
    const report = await runDoctor(direct(`http://localhost:${port}`), {
      ...deps(),
      wslLocalhost: facts
    })
    const tcp = report.steps.find((s) => s.id === 'tcp')
    expect(tcp).toMatchObject({
      status: 'failed',
      error: {
        code: 'backend.wsl_localhost',
        params: { setting: 'localhostForwarding=false', fix: 'localhostForwarding=true', file }
      },
      detail: { wsl: `localhostForwarding=false (${file})`, distros: 'Ubuntu' }
    })
    expect(errorTextWith(appTranslator('en'), tcp!.error!)).toBe(
      `Nothing answers at localhost:${port}, and WSL’s localhost forwarding is off (localhostForwarding=false in ${file}), so a backend inside WSL cannot be reached as localhost. Set localhostForwarding=true under [wsl2] in that file (or networkingMode=mirrored), then run “wsl --shutdown”.`
    )
    expect(errorTextWith(appTranslator('ko'), tcp!.error!)).toContain(
      `${file}의 localhostForwarding=false`
    )
  })

  it('the doctor: a plain refusal when forwarding is on, or when WSL is not installed', async () => {
    const port = await freePort()
    const on = async () => ({
      distros: ['Ubuntu'],
      networking: { file, networkingMode: 'nat', localhostForwarding: true }
    })
    const noWsl = async () => ({
      distros: [],
      networking: { file, networkingMode: 'nat', localhostForwarding: false },
      problem: { setting: 'localhostForwarding=false', fix: 'localhostForwarding=true' }
    })
    for (const wslLocalhost of [on, noWsl]) {
      const report = await runDoctor(direct(`http://127.0.0.1:${port}`), {
        ...deps(),
        wslLocalhost
      })
      expect(report.steps.find((s) => s.id === 'tcp')?.error?.code).toBe('backend.refused')
    }
  })
})

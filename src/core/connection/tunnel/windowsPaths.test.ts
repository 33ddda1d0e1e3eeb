/**
 * Windows paths, checked on any machine: the platform is injected and the Windows path rules are
 * `path.win32` (never the host's), the config files live in an in-memory file system.
 */
import { describe, expect, it } from 'vitest'
import { ProfileSchema, defaultTunnelConnection } from '@shared/profile'
import { defaultDataDir } from '../../paths'
import { knownHostsFiles } from './knownHosts'
import { expandPath } from './paths'
import { readSshConfigHosts } from './sshConfig'
import { memoryWindowsFs as memoryFs } from '../../../../test/helpers/memoryFs'

const home = 'C:\\Users\\kim'
const env = { USERPROFILE: home, APPDATA: `${home}\\AppData\\Roaming`, KEYS: 'D:\\keys' }
const win = (path: string) => expandPath(path, { homeDir: home, platform: 'win32', env })

describe('path fields on Windows', () => {
  it('expands ~ with either slash, %USERPROFILE% and ${VAR}, and keeps drive letters and UNC paths', () => {
    expect(win('~\\.ssh\\id_ed25519')).toBe('C:\\Users\\kim\\.ssh\\id_ed25519')
    expect(win('~/.ssh/id_ed25519')).toBe('C:\\Users\\kim\\.ssh\\id_ed25519')
    expect(win('~')).toBe('C:\\Users\\kim')
    expect(win('%USERPROFILE%\\.ssh\\id_rsa')).toBe('C:\\Users\\kim\\.ssh\\id_rsa')
    expect(win('%userprofile%\\.ssh\\id_rsa')).toBe('C:\\Users\\kim\\.ssh\\id_rsa')
    expect(win('${KEYS}\\id_serverb')).toBe('D:\\keys\\id_serverb')
    expect(win('D:/keys/id_serverb')).toBe('D:\\keys\\id_serverb')
    expect(win('  C:\\corp\\ca.pem  ')).toBe('C:\\corp\\ca.pem')
    expect(win('\\\\wsl.localhost\\Ubuntu\\home\\kim\\.ssh\\id_ed25519')).toBe(
      '\\\\wsl.localhost\\Ubuntu\\home\\kim\\.ssh\\id_ed25519'
    )
    // Relative: from the home folder, as ssh takes IdentityFile.
    expect(win('.ssh\\id_a')).toBe('C:\\Users\\kim\\.ssh\\id_a')
    // An unset variable stays as typed, so the "cannot be read" error shows what was written.
    expect(win('%NOPE%\\id')).toBe('C:\\Users\\kim\\%NOPE%\\id')
  })

  it('leaves POSIX rules alone: % is an ordinary character there, ${HOME} expands', () => {
    expect(expandPath('%USERPROFILE%/id', { homeDir: '/home/kim', platform: 'linux', env })).toBe(
      '/home/kim/%USERPROFILE%/id'
    )
    expect(
      expandPath('${HOME}/.ssh/id', {
        homeDir: '/home/kim',
        platform: 'linux',
        env: { HOME: '/home/kim' }
      })
    ).toBe('/home/kim/.ssh/id')
  })

  it('reads %USERPROFILE%\\.ssh\\known_hosts and writes the app’s own in its data folder', () => {
    const dataDir = defaultDataDir({ platform: 'win32', homeDir: home, env })
    const files = knownHostsFiles({
      homeDir: home,
      dataDir,
      extraPath: '%USERPROFILE%\\corp\\known_hosts',
      platform: 'win32',
      env
    })
    expect(files).toEqual({
      app: 'C:\\Users\\kim\\AppData\\Roaming\\kha-desktop\\known_hosts',
      read: [
        'C:\\Users\\kim\\.ssh\\known_hosts',
        'C:\\Users\\kim\\AppData\\Roaming\\kha-desktop\\known_hosts',
        'C:\\Users\\kim\\corp\\known_hosts'
      ]
    })
  })

  it('profile validation keeps Windows paths exactly as typed and refuses a pasted line break', () => {
    const connection = {
      ...defaultTunnelConnection(),
      ssh: {
        host: 'serverB',
        port: 22,
        username: 'kim',
        auth: 'key',
        keyPath: 'C:\\Users\\kim\\.ssh\\id_ed25519'
      },
      jump: {
        host: 'serverA',
        port: 22,
        username: 'kim',
        auth: 'key',
        keyPath: '\\\\wsl.localhost\\Ubuntu\\home\\kim\\.ssh\\id_a'
      },
      knownHostsPath: '%USERPROFILE%\\.ssh\\known_hosts_corp'
    }
    const parsed = ProfileSchema.parse({
      id: 'p',
      name: 'B',
      connection,
      tls: { caFile: 'D:\\corp\\root-ca.pem' }
    })
    expect(parsed.connection).toMatchObject({
      ssh: { keyPath: 'C:\\Users\\kim\\.ssh\\id_ed25519' },
      jump: { keyPath: '\\\\wsl.localhost\\Ubuntu\\home\\kim\\.ssh\\id_a' },
      knownHostsPath: '%USERPROFILE%\\.ssh\\known_hosts_corp'
    })
    expect(parsed.tls.caFile).toBe('D:\\corp\\root-ca.pem')
    const pasted = ProfileSchema.safeParse({
      id: 'p',
      name: 'B',
      connection: { ...connection, ssh: { ...connection.ssh, keyPath: 'C:\\keys\nid' } }
    })
    expect(pasted.success).toBe(false)
    expect(pasted.error?.issues[0]).toMatchObject({
      path: ['connection', 'ssh', 'keyPath'],
      message: 'invalid_file'
    })
  })
})

describe('%USERPROFILE%\\.ssh\\config with Include', () => {
  const files = {
    'C:\\Users\\kim\\.ssh\\config': [
      'Include config.d\\*.conf',
      'Host serverB',
      '  HostName 192.168.0.20',
      '  IdentityFile ~\\.ssh\\id_serverb',
      '  Include "~/.ssh/serverb extra"',
      '  ServerAliveInterval 60',
      'Host *',
      '  User fallback'
    ].join('\r\n'),
    // Lexical order: a.conf before b.conf, whatever order the folder lists them in.
    'C:\\Users\\kim\\.ssh\\config.d\\b.conf':
      'Host dev\n  HostName b-wins-only-if-first\n  Port 2200',
    'C:\\Users\\kim\\.ssh\\config.d\\a.conf':
      'Host dev\n  HostName dev.corp\n  IdentityFile %USERPROFILE%\\.ssh\\id_dev',
    'C:\\Users\\kim\\.ssh\\config.d\\notes.txt': 'Host ignored',
    // Inside serverB's block: conditional on it; its own Host opens a new block.
    'C:\\Users\\kim\\.ssh\\serverb extra': 'Port 2222\nHost lab\n  HostName lab.corp'
  }

  it('follows Includes relative to ~/.ssh, with wildcards in lexical order, and CRLF line ends', async () => {
    const io = memoryFs(files)
    const hosts = await readSshConfigHosts(home, { defaultUser: 'kim', platform: 'win32', env }, io)
    expect(io.reads[0]).toBe('C:\\Users\\kim\\.ssh\\config')
    expect(hosts.map((h) => h.alias)).toEqual(['dev', 'serverB', 'lab'])
    const [dev, serverB, lab] = hosts
    expect(dev!.draft.connection).toMatchObject({
      ssh: {
        host: 'dev.corp',
        port: 2200,
        username: 'fallback',
        keyPath: '%USERPROFILE%\\.ssh\\id_dev'
      }
    })
    // The Include inside `Host serverB` applied to it; what followed the Include still did too.
    expect(serverB!.draft.connection).toMatchObject({
      ssh: { host: '192.168.0.20', port: 2222, keyPath: '~\\.ssh\\id_serverb' },
      keepaliveIntervalSec: 60
    })
    expect(lab!.draft.connection).toMatchObject({ ssh: { host: 'lab.corp', port: 22 } })
    // Key paths typed in the config stay as written: the app expands them by the same rules as ssh.
    expect(
      win(String((serverB!.draft.connection as { ssh: { keyPath: string } }).ssh.keyPath))
    ).toBe('C:\\Users\\kim\\.ssh\\id_serverb')
    for (const h of hosts)
      expect(ProfileSchema.safeParse({ ...h.draft, id: 'x' }).success).toBe(true)
  })

  it('a host with no IdentityFile gets the id_* key that exists in %USERPROFILE%\\.ssh (ed25519, then ecdsa, then rsa)', async () => {
    const config = { 'C:\\Users\\kim\\.ssh\\config': 'Host plain\n  HostName plain.corp' }
    const withRsa = memoryFs({
      ...config,
      'C:\\Users\\kim\\.ssh\\id_rsa': 'key',
      'C:\\Users\\kim\\.ssh\\id_rsa.pub': 'pub'
    })
    const [rsa] = await readSshConfigHosts(
      home,
      { defaultUser: 'kim', platform: 'win32', env },
      withRsa
    )
    expect(rsa!.draft.connection).toMatchObject({ ssh: { auth: 'key', keyPath: '~/.ssh/id_rsa' } })
    // Only the folder was listed: no private key was opened to find it.
    expect(withRsa.reads).toEqual(['C:\\Users\\kim\\.ssh\\config'])
    const both = memoryFs({
      ...config,
      'C:\\Users\\kim\\.ssh\\id_rsa': 'key',
      'C:\\Users\\kim\\.ssh\\id_ed25519': 'key'
    })
    const [ed] = await readSshConfigHosts(
      home,
      { defaultUser: 'kim', platform: 'win32', env },
      both
    )
    expect(ed!.draft.connection).toMatchObject({ ssh: { keyPath: '~/.ssh/id_ed25519' } })
    expect(win('~/.ssh/id_rsa')).toBe('C:\\Users\\kim\\.ssh\\id_rsa')
  })

  it('no config file means nothing to import; a loop of Includes stops', async () => {
    expect(
      await readSshConfigHosts(home, { defaultUser: 'kim', platform: 'win32', env }, memoryFs({}))
    ).toEqual([])
    const loop = memoryFs({
      'C:\\Users\\kim\\.ssh\\config': 'Include config\nHost once\n  HostName once.corp'
    })
    const hosts = await readSshConfigHosts(
      home,
      { defaultUser: 'kim', platform: 'win32', env },
      loop
    )
    expect(hosts.map((h) => h.alias)).toEqual(['once'])
  })
})

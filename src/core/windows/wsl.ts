/**
 * WSL, seen from the Windows app. The original developers keep their ssh setup and run the
 * backend inside WSL, so on Windows:
 *
 * - each distribution's `~/.ssh/config` is offered for import, read through Windows' own view of
 *   the distribution (`\\wsl.localhost\<distro>\home\<user>\.ssh\config`; `\\wsl$\…` on older
 *   Windows 10), with its key and known_hosts paths translated to those UNC paths;
 * - a backend inside WSL on `localhost:PORT` is reached in direct mode through WSL's localhost
 *   forwarding, and when `.wslconfig` turns that off the doctor says so and what to set.
 *
 * Distributions come from `wsl.exe -l -q` (whose output is UTF-16LE, not the console code page),
 * or from the registry (`HKCU\Software\Microsoft\Windows\CurrentVersion\Lxss`) when wsl.exe
 * fails. Commands and files are injected: the tests run all of this on Linux.
 */
import { execFile } from 'node:child_process'
import { win32 } from 'node:path'
import { parse as parseIni } from 'ini'
import {
  nodeConfigFs,
  readSshConfigAt,
  type ConfigFs,
  type ImportOptions,
  type ImportedHost
} from '../connection/tunnel/sshConfig'

export interface CommandResult {
  code: number | null
  stdout: Buffer
}

/** Runs a program without a shell; never throws for a failed program (code ≠ 0 or null instead). */
export type CommandRunner = (file: string, args: string[]) => Promise<CommandResult>

export const runCommand: CommandRunner = (file, args) =>
  new Promise((resolve) => {
    execFile(
      file,
      args,
      { encoding: 'buffer', timeout: 10_000, windowsHide: true },
      (error, stdout) => {
        const code = error ? (typeof error.code === 'number' ? error.code : null) : 0
        resolve({
          code,
          stdout: Buffer.isBuffer(stdout) ? stdout : Buffer.from(String(stdout ?? ''))
        })
      }
    )
  })

/**
 * wsl.exe writes UTF-16LE (with or without a BOM) unless `WSL_UTF8=1` is set; other tools write
 * UTF-8. Told apart by the BOM, or by NUL bytes in the high half of ASCII characters.
 */
export function decodeCommandOutput(buf: Buffer): string {
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe)
    return buf.subarray(2).toString('utf16le')
  if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf)
    return buf.subarray(3).toString('utf8')
  let nulAtOdd = 0
  for (let i = 1; i < buf.length; i += 2) if (buf[i] === 0) nulAtOdd++
  return buf.length >= 2 && nulAtOdd >= buf.length / 4
    ? buf.toString('utf16le')
    : buf.toString('utf8')
}

/** Docker Desktop's own distributions have no user and no ssh setup. */
const internalDistros = /^docker-desktop(-data)?$/i

/** `wsl.exe -l -q`: one name per line (no "(Default)" marker with -q). */
export function parseDistroList(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.replace(/\0/g, '').trim())
    .filter((name) => name !== '' && !internalDistros.test(name))
}

/** `reg.exe query …\Lxss /s /v DistributionName`: `    DistributionName    REG_SZ    Ubuntu-22.04`. */
export function parseLxssRegistry(text: string): string[] {
  const names: string[] = []
  for (const m of text.matchAll(/^\s*DistributionName\s+REG_SZ\s+(.+?)\s*$/gim)) {
    const name = m[1] ?? ''
    if (name && !internalDistros.test(name)) names.push(name)
  }
  return names
}

export async function listWslDistros(run: CommandRunner = runCommand): Promise<string[]> {
  const listed = await run('wsl.exe', ['-l', '-q'])
  const names = listed.code === 0 ? parseDistroList(decodeCommandOutput(listed.stdout)) : []
  if (names.length > 0) return [...new Set(names)]
  // wsl.exe missing, broken, or "no installed distributions" (exit code ≠ 0): the registry knows.
  const reg = await run('reg.exe', [
    'query',
    'HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Lxss',
    '/s',
    '/v',
    'DistributionName'
  ])
  return reg.code === 0 ? [...new Set(parseLxssRegistry(decodeCommandOutput(reg.stdout)))] : []
}

/** `\\wsl.localhost\Ubuntu` (Windows 11 and current 10); `\\wsl$\Ubuntu` on older Windows 10. */
export const wslShareHosts = ['wsl.localhost', 'wsl$'] as const

/** A path inside the distribution (`/home/kim/.ssh/id`) as Windows opens it (`\\wsl.localhost\Ubuntu\home\kim\.ssh\id`). */
export function wslUncPath(
  distro: string,
  linuxPath: string,
  share: string = wslShareHosts[0]
): string {
  const parts = linuxPath.split('/').filter(Boolean)
  return win32.join(`\\\\${share}\\${distro}\\`, ...parts)
}

export interface WslImportedHost extends ImportedHost {
  source: { kind: 'wsl'; distro: string; user: string }
}

/**
 * The ssh config hosts of every user folder in every distribution (`/home/*`), as profile drafts
 * named `alias (WSL distro)`, with every path translated to the UNC path Windows opens.
 */
export async function readWslSshConfigs(
  opts: ImportOptions & { run?: CommandRunner; io?: ConfigFs; distros?: string[] }
): Promise<WslImportedHost[]> {
  const io = opts.io ?? nodeConfigFs
  const distros = opts.distros ?? (await listWslDistros(opts.run))
  const out: WslImportedHost[] = []
  for (const distro of distros) {
    for (const share of wslShareHosts) {
      let users: string[]
      try {
        users = await io.readdir(wslUncPath(distro, '/home', share))
      } catch {
        continue // not reachable under this share name: try the older one
      }
      for (const user of [...users].sort()) {
        const hosts = await readSshConfigAt(
          {
            home: `/home/${user}`,
            platform: 'linux',
            toLocal: (p) => wslUncPath(distro, p, share)
          },
          { ...opts, defaultUser: user },
          io
        )
        for (const host of hosts) {
          out.push({
            ...host,
            draft: { ...host.draft, name: `${host.alias} (WSL ${distro})` },
            source: { kind: 'wsl', distro, user }
          })
        }
      }
      break
    }
  }
  return out
}

export interface WslNetworking {
  /** `%USERPROFILE%\.wslconfig`. */
  file: string
  /** `[wsl2] networkingMode`, lower-cased (`nat` when unset). */
  networkingMode: string
  /** `[wsl2] localhostForwarding` (true when unset, as WSL's default). */
  localhostForwarding: boolean
}

/** `.wslconfig` is INI; keys are matched without regard to case, as WSL reads them. */
export function parseWslConfig(text: string, file: string): WslNetworking {
  const parsed = parseIni(text) as Record<string, unknown>
  const sectionKey = Object.keys(parsed).find((k) => k.toLowerCase() === 'wsl2')
  const section = (sectionKey ? parsed[sectionKey] : {}) as Record<string, unknown>
  const get = (name: string) => {
    const key = Object.keys(section).find((k) => k.toLowerCase() === name.toLowerCase())
    return key === undefined ? undefined : section[key]
  }
  const mode = get('networkingMode')
  const forwarding = get('localhostForwarding')
  return {
    file,
    networkingMode: typeof mode === 'string' && mode.trim() ? mode.trim().toLowerCase() : 'nat',
    localhostForwarding: !(
      forwarding === false ||
      (typeof forwarding === 'string' && forwarding.trim().toLowerCase() === 'false')
    )
  }
}

export async function readWslNetworking(
  homeDir: string,
  io: Pick<ConfigFs, 'readFile'> = nodeConfigFs
): Promise<WslNetworking> {
  const file = win32.join(homeDir, '.wslconfig')
  try {
    return parseWslConfig(await io.readFile(file), file)
  } catch {
    return { file, networkingMode: 'nat', localhostForwarding: true }
  }
}

/**
 * Why a backend inside WSL on `localhost:PORT` cannot be reached from Windows, if `.wslconfig`
 * says why: what is set, and what to set instead. Mirrored networking shares localhost both
 * ways, whatever localhostForwarding says; `none` has no network at all.
 */
export function wslLocalhostProblem(
  n: WslNetworking
): { setting: string; fix: string } | undefined {
  if (n.networkingMode === 'mirrored') return undefined
  if (n.networkingMode === 'none')
    return { setting: 'networkingMode=none', fix: 'networkingMode=nat' }
  if (!n.localhostForwarding)
    return { setting: 'localhostForwarding=false', fix: 'localhostForwarding=true' }
  return undefined
}

/** What the doctor needs to say whether WSL's localhost forwarding explains a refused localhost. */
export async function wslLocalhostFacts(
  homeDir: string,
  opts: { run?: CommandRunner; io?: Pick<ConfigFs, 'readFile'> } = {}
): Promise<{
  distros: string[]
  networking: WslNetworking
  problem?: { setting: string; fix: string }
}> {
  const [distros, networking] = await Promise.all([
    listWslDistros(opts.run),
    readWslNetworking(homeDir, opts.io)
  ])
  const problem = wslLocalhostProblem(networking)
  return { distros, networking, ...(problem ? { problem } : {}) }
}

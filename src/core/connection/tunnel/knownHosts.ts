/**
 * The known_hosts files the tunnel trusts, and the app's own one it writes. We read the user's
 * `~/.ssh/known_hosts` (so a host already trusted in a terminal is trusted here) but never write
 * it: a key the user trusts in the app goes to `<dataDir>/known_hosts`, written atomically so a
 * crash cannot leave half a line. The profile may name one more file to trust.
 */
import { promises as fs } from 'node:fs'
import { dirname } from 'node:path'
import writeFileAtomic from 'write-file-atomic'
import { checkHostKey, hostPatternName, entryMatchesHost, knownHostsLine, parseKnownHosts, type HostKeyVerdict, type KnownHostEntry } from './hostKeys'
import { expandHome, pathsFor } from './paths'

export interface KnownHostsFiles {
  /** Where trusted keys are appended: `<dataDir>/known_hosts`. */
  app: string
  /** Every file read, the app's own included. */
  read: string[]
}

/** On Windows the user's file is `%USERPROFILE%\.ssh\known_hosts`, as Windows' own OpenSSH reads it. */
export function knownHostsFiles(opts: { homeDir: string; dataDir: string; extraPath?: string; platform?: NodeJS.Platform; env?: Record<string, string | undefined> }): KnownHostsFiles {
  const p = pathsFor(opts.platform)
  const app = p.join(opts.dataDir, 'known_hosts')
  const read = [p.join(opts.homeDir, '.ssh', 'known_hosts'), app]
  if (opts.extraPath) read.push(expandHome(opts.extraPath, opts.homeDir, { ...(opts.platform ? { platform: opts.platform } : {}), ...(opts.env ? { env: opts.env } : {}) }))
  return { app, read }
}

async function readIfPresent(file: string): Promise<string> {
  try {
    return await fs.readFile(file, 'utf8')
  } catch {
    // A missing file is the normal first-run case; an unreadable one must not block either: it
    // simply trusts nothing (the user then gets the trust prompt, never a silent accept).
    return ''
  }
}

export async function loadKnownHosts(files: string[]): Promise<KnownHostEntry[]> {
  const texts = await Promise.all(files.map(readIfPresent))
  return texts.flatMap((text, i) => parseKnownHosts(text, files[i]))
}

export async function verifyHostKey(files: KnownHostsFiles, host: string, port: number, blob: Buffer): Promise<HostKeyVerdict> {
  return checkHostKey(await loadKnownHosts(files.read), host, port, blob)
}

/**
 * Add a key to the app's own file. With `replace`, lines of the app's file that name this host
 * with a key of the same type are dropped first (the user accepted a changed key that only the
 * app had on file); lines in other files are never touched.
 */
export async function addTrustedKey(appFile: string, host: string, port: number, blob: Buffer, opts: { replace?: boolean } = {}): Promise<void> {
  const current = await readIfPresent(appFile)
  let lines = current.split(/\r?\n/).filter((l) => l.trim() !== '')
  if (opts.replace) {
    const name = hostPatternName(host, port)
    const type = parseKnownHosts(knownHostsLine(host, port, blob))[0]?.keyType
    lines = lines.filter((line) => {
      const entry = parseKnownHosts(line)[0]
      return !(entry && entry.marker === '' && entry.keyType === type && entryMatchesHost(entry, name))
    })
  }
  lines.push(knownHostsLine(host, port, blob))
  await fs.mkdir(dirname(appFile), { recursive: true, mode: 0o700 })
  await writeFileAtomic(appFile, lines.join('\n') + '\n', { mode: 0o600 })
}

/**
 * The known_hosts files the tunnel trusts, and the app's own one it writes. We read the user's
 * `~/.ssh/known_hosts` (so a host already trusted in a terminal is trusted here) but never write
 * it: a key the user trusts in the app goes to `<dataDir>/known_hosts`, written atomically so a
 * crash cannot leave half a line. The profile may name one more file to trust.
 */
import { promises as fs } from 'node:fs'
import { dirname } from 'node:path'
import writeFileAtomic from 'write-file-atomic'
import type { ForgetHostResult, ForgottenHostKey } from '@shared/ipc/contract'
import {
  checkHostKey,
  entryMatchesHost,
  fingerprintSha256,
  hostPatternName,
  keyTypeOf,
  knownHostsLine,
  knownKeyTypes,
  parseKnownHosts,
  type HostKeyVerdict,
  type KnownHostEntry
} from './hostKeys'
import { expandHome, pathsFor } from './paths'

export interface KnownHostsFiles {
  /** Where trusted keys are appended: `<dataDir>/known_hosts`. */
  app: string
  /** Every file read, the app's own included. */
  read: string[]
}

/** On Windows the user's file is `%USERPROFILE%\.ssh\known_hosts`, as Windows' own OpenSSH reads it. */
export function knownHostsFiles(opts: {
  homeDir: string
  dataDir: string
  extraPath?: string
  platform?: NodeJS.Platform
  env?: Record<string, string | undefined>
}): KnownHostsFiles {
  const p = pathsFor(opts.platform)
  const app = p.join(opts.dataDir, 'known_hosts')
  const read = [p.join(opts.homeDir, '.ssh', 'known_hosts'), app]
  if (opts.extraPath)
    read.push(
      expandHome(opts.extraPath, opts.homeDir, {
        ...(opts.platform ? { platform: opts.platform } : {}),
        ...(opts.env ? { env: opts.env } : {})
      })
    )
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

export async function verifyHostKey(
  files: KnownHostsFiles,
  host: string,
  port: number,
  blob: Buffer
): Promise<HostKeyVerdict> {
  return checkHostKey(await loadKnownHosts(files.read), host, port, blob)
}

/** The key types on file for host[:port], for the order of host-key algorithms in the handshake. */
export async function knownKeyTypesFor(
  files: KnownHostsFiles,
  host: string,
  port: number
): Promise<string[]> {
  return knownKeyTypes(await loadKnownHosts(files.read), host, port)
}

/** Add a key to the app's own file (a host the user has just trusted). */
export async function addTrustedKey(
  appFile: string,
  host: string,
  port: number,
  blob: Buffer
): Promise<void> {
  const current = await readIfPresent(appFile)
  const lines = current.split(/\r?\n/).filter((l) => l.trim() !== '')
  lines.push(knownHostsLine(host, port, blob))
  await fs.mkdir(dirname(appFile), { recursive: true, mode: 0o700 })
  await writeFileAtomic(appFile, lines.join('\n') + '\n', { mode: 0o600 })
}

const describeEntry = (e: KnownHostEntry): ForgottenHostKey => ({
  file: e.source,
  line: e.line,
  keyType: keyTypeOf(e.key),
  fingerprint: fingerprintSha256(e.key)
})

/**
 * `kha-desktop hosts forget HOST:PORT`: remove every key the app's own known_hosts holds for the
 * host, of any type (like `ssh-keygen -R`), so that the next connection asks about the new key.
 * `@revoked` lines stay: forgetting a host must not un-revoke a key. Other files are only reported.
 */
export async function forgetHost(
  files: KnownHostsFiles,
  host: string,
  port: number
): Promise<ForgetHostResult> {
  const name = hostPatternName(host, port)
  const current = await readIfPresent(files.app)
  const removed: ForgottenHostKey[] = []
  const kept: string[] = []
  current.split(/\r?\n/).forEach((line, index) => {
    const entry = parseKnownHosts(line, files.app)[0]
    if (entry && entry.marker === '' && entryMatchesHost(entry, name))
      removed.push(describeEntry({ ...entry, line: index + 1 }))
    else kept.push(line)
  })
  let backup: string | undefined
  if (removed.length > 0) {
    backup = `${files.app}.old`
    await writeFileAtomic(backup, current, { mode: 0o600 })
    await writeFileAtomic(files.app, kept.join('\n').replace(/\n*$/, '\n').replace(/^\n$/, ''), {
      mode: 0o600
    })
  }
  const others = files.read.filter((f) => f !== files.app)
  const elsewhere = (await loadKnownHosts(others))
    .filter((e) => e.marker === '' && entryMatchesHost(e, name))
    .map(describeEntry)
  return { name, file: files.app, removed, ...(backup ? { backup } : {}), elsewhere }
}

/**
 * JSON files that survive crashes: writes go to a temp file that is fsynced and renamed over the
 * old one (write-file-atomic), so a reader sees the old or the new content, never half of it. A
 * file that fails to parse is moved aside (never deleted) and reported, so nothing is lost silently.
 */
import { promises as fs } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import writeFileAtomic from 'write-file-atomic'

export type ReadResult<T> =
  | { kind: 'missing' }
  | { kind: 'ok'; value: T }
  /** The file was unreadable; it now lives at `movedTo`. */
  | { kind: 'corrupt'; movedTo: string; reason: string }

export async function readJsonFile<T>(
  file: string,
  validate: (raw: unknown) => T,
  now = Date.now()
): Promise<ReadResult<T>> {
  let text: string
  try {
    text = await fs.readFile(file, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' }
    throw error
  }
  try {
    return { kind: 'ok', value: validate(JSON.parse(text)) }
  } catch (error) {
    const movedTo = await moveAside(file, now)
    return {
      kind: 'corrupt',
      movedTo,
      reason: error instanceof Error ? error.message : String(error)
    }
  }
}

/** Move an unreadable file out of the way, next to where it was; answers where it went. */
export async function moveAside(file: string, now = Date.now()): Promise<string> {
  const movedTo = join(dirname(file), `${basename(file)}.corrupt-${now}`)
  await fs.rename(file, movedTo)
  return movedTo
}

export async function writeJsonFile(file: string, value: unknown): Promise<void> {
  await writeJsonText(file, jsonText(value))
}

/**
 * The text writeJsonFile writes for `value`. Serializing is synchronous, so the text is a snapshot
 * of the value as it is now: a caller that keeps changing the value can queue the write of this
 * text for later (cheaper than cloning the value and serializing the clone).
 */
export function jsonText(value: unknown): string {
  return `${JSON.stringify(value, null, 1)}\n`
}

/** Write text made by jsonText, atomically, as writeJsonFile does. */
export async function writeJsonText(file: string, text: string): Promise<void> {
  await fs.mkdir(dirname(file), { recursive: true, mode: 0o700 })
  await writeFileAtomic(file, text, { mode: 0o600 })
}

/**
 * Serializes async writers of one resource: each write waits for the previous one, so two
 * saves in quick succession never interleave their renames.
 */
export function createWriteQueue() {
  let tail: Promise<unknown> = Promise.resolve()
  return function enqueue<T>(task: () => Promise<T>): Promise<T> {
    const run = tail.then(task, task)
    tail = run.catch(() => undefined)
    return run
  }
}

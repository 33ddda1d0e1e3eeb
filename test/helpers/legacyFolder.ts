/**
 * A large history as release 0.1 wrote it (`conversations/<id>.json`, one file per conversation,
 * messages as a list), for the import's bench and tests. Deterministic: the same arguments write
 * the same files. test/fixtures/v0.1-data is the small folder 0.1 itself wrote; this one only
 * follows its shape, at any size.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

const defaultWords = ['서버', '방화벽', 'tunnel', 'deploy', '회의록', 'backend', '요약', 'latency']

export interface LegacyFolderOptions {
  conversations: number
  messagesPer: number
  /** The words the texts are made of (default: a few Korean and English ones). */
  words?: readonly string[]
  /** Mark every this-many-th conversation deleted (a `.deleted` marker, as 0.1 did); 0 = none. */
  deletedEvery?: number
}

/** Writes `conversations/` into `dir` (created); ids are `c<n>` and `c<n>-m<m>`. */
export function writeLegacyFolder(dir: string, opts: LegacyFolderOptions): void {
  const words = opts.words ?? defaultWords
  mkdirSync(join(dir, 'conversations'), { recursive: true })
  let seed = 7
  const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
  const sentence = (n: number) =>
    Array.from({ length: n }, () => words[Math.floor(rand() * words.length)]).join(' ')
  for (let c = 0; c < opts.conversations; c++) {
    const id = `c${c}`
    const messages = Array.from({ length: opts.messagesPer }, (_, m) => ({
      id: `${id}-m${m}`,
      role: m % 2 ? 'assistant' : 'user',
      text: sentence(m % 2 ? 30 : 10),
      status: 'done',
      createdAt: c * 100 + m
    }))
    writeFileSync(
      join(dir, 'conversations', `${id}.json`),
      JSON.stringify({
        id,
        title: sentence(4),
        createdAt: c,
        updatedAt: c,
        messageCount: messages.length,
        messages
      })
    )
    if (opts.deletedEvery && c % opts.deletedEvery === 0)
      writeFileSync(join(dir, 'conversations', `${id}.deleted`), '')
  }
}

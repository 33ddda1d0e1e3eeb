/**
 * Conversations written straight into a data folder, in the store's own format
 * (`conversations/<id>.json` plus the `conversations.json` index of summaries), before the core
 * starts: a long conversation whose replies look like real ones (paragraphs, lists, code blocks,
 * tables, Korean and English), and a few short ones to switch between.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Conversation, ConversationSummary, Message } from '../../src/shared/conversation'

/** The topic words of the seeded texts; bench/search.ts writes its history from them too. */
export const topicWords = [
  '서버',
  '방화벽',
  'tunnel',
  'deploy',
  '회의록',
  'backend',
  '요약',
  'latency',
  '배포',
  'keepalive',
  'uvicorn',
  '프록시'
]
const words = [...topicWords, 'the', 'request', '응답', 'config', '로그', 'timeout']

function generator(seed: number) {
  let s = seed
  const rand = () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
  const pick = <T>(list: T[]) => list[Math.floor(rand() * list.length)] as T
  const sentence = (n: number) => {
    const text = Array.from({ length: n }, () => pick(words)).join(' ')
    return text.charAt(0).toUpperCase() + text.slice(1) + '.'
  }
  return { rand, pick, sentence }
}

function replyText(i: number, g: ReturnType<typeof generator>): string {
  const parts = [`${g.sentence(14)} ${g.sentence(10)}`]
  if (i % 3 === 0)
    parts.push(['- ' + g.sentence(6), '- ' + g.sentence(8), '- ' + g.sentence(5)].join('\n'))
  if (i % 10 === 0)
    parts.push(
      '```ts\n' +
        `const reply${i} = await client.request({ path: '/api_chat', timeoutMs: ${1000 + i} })\nconsole.log(reply${i}.status)\n` +
        '```'
    )
  if (i % 25 === 0)
    parts.push(`| step | ms |\n| --- | --- |\n| connect | ${i % 97} |\n| reply | ${i % 89} |`)
  if (i % 4 === 0) parts.push(g.sentence(20))
  return parts.join('\n\n')
}

export function seedConversation(
  dataDir: string,
  opts: { id: string; title: string; messages: number; seed?: number; at?: number }
): ConversationSummary {
  const g = generator(opts.seed ?? 7)
  const at = opts.at ?? Date.UTC(2025, 0, 1)
  const messages: Message[] = Array.from({ length: opts.messages }, (_, i) => ({
    id: `${opts.id}-m${i}`,
    role: i % 2 === 0 ? 'user' : 'assistant',
    text: i % 2 === 0 ? `${g.sentence(8)} (#${i})` : replyText(i, g),
    status: 'done',
    createdAt: at + i * 1000
  }))
  const updatedAt = at + opts.messages * 1000
  const conversation: Conversation = {
    id: opts.id,
    title: opts.title,
    createdAt: at,
    updatedAt,
    messageCount: messages.length,
    messages
  }
  mkdirSync(join(dataDir, 'conversations'), { recursive: true })
  writeFileSync(join(dataDir, 'conversations', `${opts.id}.json`), JSON.stringify(conversation))
  return { id: opts.id, title: opts.title, createdAt: at, updatedAt, messageCount: messages.length }
}

export function writeIndex(dataDir: string, summaries: ConversationSummary[]): void {
  writeFileSync(
    join(dataDir, 'conversations.json'),
    JSON.stringify({ version: 1, conversations: summaries })
  )
}

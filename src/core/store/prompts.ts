/**
 * The prompt library in `<dataDir>/prompts.json` (small, human-readable, written atomically like
 * settings). A library that was never written starts with a few examples in the UI's language; one
 * that fails to parse is moved aside (never deleted) and the examples take its place.
 */
import { randomUUID } from 'node:crypto'
import { join } from 'node:path'
import { z } from 'zod'
import { fail } from '@shared/errors'
import { examplePrompts, MAX_PROMPTS, type Prompt } from '@shared/prompts'
import { createWriteQueue, readJsonFile, writeJsonFile } from './jsonFile'

export const PromptSchema = z.object({
  id: z.string().min(1).max(200),
  title: z.string().trim().min(1).max(120),
  text: z.string().min(1).max(20_000)
})

const FileSchema = z.object({
  version: z.literal(1),
  prompts: z.array(PromptSchema).max(MAX_PROMPTS)
})

export interface PromptStore {
  list(): Prompt[]
  save(prompt: { id?: string | undefined; title: string; text: string }): Promise<Prompt[]>
  remove(id: string): Promise<Prompt[]>
  /** Add or replace (by id) prompts from a profiles file. */
  merge(prompts: Prompt[]): Promise<{ added: number; updated: number }>
  /** The file that could not be read at start and was moved aside, if any. */
  recovered?: string
}

export async function openPromptStore(
  dataDir: string,
  language: () => 'ko' | 'en'
): Promise<PromptStore> {
  const file = join(dataDir, 'prompts.json')
  const enqueue = createWriteQueue()
  const loaded = await readJsonFile(file, (raw) => FileSchema.parse(raw))
  let prompts: Prompt[] =
    loaded.kind === 'ok'
      ? loaded.value.prompts
      : examplePrompts(language()).map((p) => ({ id: randomUUID(), ...p }))
  const write = async (next: Prompt[]) => {
    await enqueue(() => writeJsonFile(file, { version: 1, prompts: next }))
    prompts = next
    return prompts
  }
  if (loaded.kind !== 'ok') await write(prompts)

  return {
    list: () => prompts,
    async save({ id, title, text }) {
      const prompt = PromptSchema.parse({ id: id || randomUUID(), title, text })
      const at = prompts.findIndex((p) => p.id === prompt.id)
      if (at < 0 && prompts.length >= MAX_PROMPTS)
        fail('ipc.bad_request', `The library holds at most ${MAX_PROMPTS} prompts`)
      return write(at < 0 ? [...prompts, prompt] : prompts.map((p, i) => (i === at ? prompt : p)))
    },
    async remove(id) {
      return write(prompts.filter((p) => p.id !== id))
    },
    async merge(incoming) {
      let added = 0
      let updated = 0
      const next = [...prompts]
      for (const p of incoming) {
        const at = next.findIndex((q) => q.id === p.id)
        if (at >= 0) {
          next[at] = p
          updated++
        } else if (next.length < MAX_PROMPTS) {
          next.push(p)
          added++
        }
      }
      await write(next)
      return { added, updated }
    },
    ...(loaded.kind === 'corrupt' ? { recovered: loaded.movedTo } : {})
  }
}

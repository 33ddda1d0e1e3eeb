import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { fillPrompt, promptVariables, searchPrompts } from '@shared/prompts'
import { tempDir } from '../../../test/helpers/tempDir'
import { profileFileContent, readPromptsOfFile } from './profileFile'
import { openPromptStore } from './prompts'

const dirs: Array<{ dir: string; cleanup(): void }> = []
const fresh = () => {
  const t = tempDir()
  dirs.push(t)
  return t.dir
}
afterEach(() => {
  for (const d of dirs.splice(0)) d.cleanup()
})

describe('prompt library', () => {
  it('starts with Korean examples for a Korean UI and English ones otherwise, written to prompts.json', async () => {
    const ko = await openPromptStore(fresh(), () => 'ko')
    expect(ko.list().map((p) => p.title)).toEqual(['요약', '번역', '메일 다듬기', '표로 정리'])
    const dir = fresh()
    const en = await openPromptStore(dir, () => 'en')
    expect(en.list().map((p) => p.title)).toEqual([
      'Summarize',
      'Translate',
      'Polish an email',
      'Make a table'
    ])
    expect(JSON.parse(readFileSync(join(dir, 'prompts.json'), 'utf8')).prompts).toHaveLength(4)
  })

  it('keeps what the user saved and removed across restarts, without seeding again', async () => {
    const dir = fresh()
    const first = await openPromptStore(dir, () => 'ko')
    const [summary] = first.list()
    await first.remove(summary!.id)
    const saved = await first.save({ title: '회의록', text: '{{회의}}를 회의록으로' })
    const again = await openPromptStore(dir, () => 'ko')
    expect(again.list()).toEqual(saved)
    expect(again.list().map((p) => p.title)).toEqual(['번역', '메일 다듬기', '표로 정리', '회의록'])
  })

  it('moves a library that cannot be read aside, never deletes it, and says so', async () => {
    const dir = fresh()
    writeFileSync(join(dir, 'prompts.json'), '{ not json')
    const store = await openPromptStore(dir, () => 'en')
    expect(store.recovered).toMatch(/prompts\.json\.corrupt-/)
    expect(existsSync(store.recovered!)).toBe(true)
    expect(readdirSync(dir).filter((f) => f.startsWith('prompts.json'))).toHaveLength(2)
    expect(store.list()).toHaveLength(4)
  })

  it('travels in the profiles file and merges by id on import', async () => {
    const from = await openPromptStore(fresh(), () => 'ko')
    const content = profileFileContent([], new Date(0), from.list())
    expect(JSON.parse(content).prompts).toHaveLength(4)
    const to = await openPromptStore(fresh(), () => 'en')
    expect(await to.merge(readPromptsOfFile(content))).toEqual({ added: 4, updated: 0 })
    expect(to.list()).toHaveLength(8)
    expect(
      readPromptsOfFile(
        JSON.stringify({ format: 'kha-desktop-profiles', version: 1, profiles: [] })
      )
    ).toEqual([])
  })
})

describe('prompt variables', () => {
  it('finds {{variables}} once each, in order, and fills them', () => {
    const text = '{{언어}}로 번역: {{ 내용 }} (다시 {{언어}})'
    expect(promptVariables(text)).toEqual(['언어', '내용'])
    expect(fillPrompt(text, { 언어: '영어', 내용: '안녕' })).toBe('영어로 번역: 안녕 (다시 영어)')
    expect(fillPrompt('{{a}} {{b}}', { a: '1' })).toBe('1 {{b}}')
  })

  it('searches titles before texts, case-insensitively', () => {
    const prompts = [
      { id: '1', title: 'Translate', text: 'into {{language}}' },
      { id: '2', title: 'Mail', text: 'Translate tone' }
    ]
    expect(searchPrompts(prompts, 'translate').map((p) => p.id)).toEqual(['1', '2'])
    expect(searchPrompts(prompts, 'mail').map((p) => p.id)).toEqual(['2'])
  })
})

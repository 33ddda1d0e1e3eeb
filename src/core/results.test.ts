/**
 * The rule of channels.ts's header, through a real core: a mutation answers its domain's new state
 * exactly as the domain's `…:changed` event carries it (what it did rides beside), and the domain's
 * query answers that same shape, so a window applies any of them with one function.
 */
import { afterEach, describe, expect, it } from 'vitest'
import type { EventName, EventPayloads } from '@shared/ipc/contract'
import { startTestCore, type TestCore } from '../../test/helpers/core'

let t: TestCore | undefined
afterEach(async () => {
  await t?.close()
  t = undefined
})

function lastEvent<E extends EventName>(core: TestCore, event: E): EventPayloads[E] {
  const found = core.events.filter((e) => e.event === event).at(-1)
  if (!found) throw new Error(`no ${event} event`)
  return found.payload as EventPayloads[E]
}

describe('mutation results', () => {
  it('every conversations mutation answers { summaries } as conversations:changed carries it, and conversations:list answers the same', async () => {
    t = await startTestCore()
    const created = await t.ok('conversations:create')
    expect(created.summaries.map((s) => s.id)).toEqual([created.conversation.id])
    expect(created.summaries).toEqual(lastEvent(t, 'conversations:changed').summaries)
    const id = created.conversation.id

    const renamed = await t.ok('conversations:rename', { id, title: '분기 보고' })
    expect(renamed).toEqual(lastEvent(t, 'conversations:changed'))
    expect(renamed.summaries[0]?.title).toBe('분기 보고')

    const other = (await t.ok('conversations:create')).conversation.id
    const pinned = await t.ok('conversations:pin', { id, pinned: true })
    expect(pinned).toEqual(lastEvent(t, 'conversations:changed'))
    expect(pinned.summaries.find((s) => s.id === id)?.pinned).toBe(true)
    expect(pinned.summaries.find((s) => s.id === other)?.pinned ?? false).toBe(false)
    expect(await t.ok('conversations:list')).toEqual(pinned)

    const removed = await t.ok('conversations:remove', { id })
    expect(removed).toEqual(lastEvent(t, 'conversations:changed'))
    expect(removed.summaries.map((s) => s.id)).toEqual([other])
    const restored = await t.ok('conversations:restore', { id })
    expect(restored).toEqual(lastEvent(t, 'conversations:changed'))
    expect(restored.summaries.map((s) => s.id)).toContain(id)

    // Another machine: the backup's two conversations arrive; taking it in again skips both.
    const backup = await t.ok('conversations:backup')
    await t.close()
    t = await startTestCore()
    expect((await t.ok('conversations:importBackup', { content: backup.content })).imported).toBe(2)
    const imported = await t.ok('conversations:importBackup', { content: backup.content })
    const { imported: count, duplicates, ...state } = imported
    expect({ count, duplicates }).toEqual({ count: 0, duplicates: 2 })
    expect(state.summaries.map((s) => s.id).sort()).toEqual([id, other].sort())
    expect(state).toEqual(lastEvent(t, 'conversations:changed'))
    expect(await t.ok('conversations:list')).toEqual(state)
  })

  it('profiles:save and profiles:import answer ProfilesState as profiles:changed carries it, with what they did beside it', async () => {
    t = await startTestCore()
    const saved = await t.ok('profiles:save', {
      draft: { name: '본사', connection: { kind: 'direct', url: 'http://127.0.0.1:9' } }
    })
    const { saved: profile, ...afterSave } = saved
    expect(afterSave).toEqual(lastEvent(t, 'profiles:changed'))
    expect(afterSave.profiles.map((p) => p.id)).toEqual([profile.id])

    const file = await t.ok('profiles:export')
    const imported = await t.ok('profiles:import', { content: file.content })
    const { added, updated, ...afterImport } = imported
    expect({ added, updated }).toEqual({ added: [], updated: ['본사'] })
    expect(afterImport).toEqual(lastEvent(t, 'profiles:changed'))
    expect(await t.ok('profiles:list')).toEqual(afterImport)
  })
})

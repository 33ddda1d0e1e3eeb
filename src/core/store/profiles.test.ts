import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { defaultDirectDraft } from '@shared/profile'
import { tempDir } from '../../../test/helpers/tempDir'
import { silentLogger } from '../logger'
import { openProfileStore } from './profiles'

let dir: string
let cleanup: () => void
beforeEach(() => ({ dir, cleanup } = tempDir()))
afterEach(() => cleanup())

describe('profile store', () => {
  it('saves, reloads and selects profiles; the first becomes active', async () => {
    const store = await openProfileStore(dir, silentLogger)
    const a = await store.save({ ...defaultDirectDraft(), name: 'A' })
    const b = await store.save({
      ...defaultDirectDraft(),
      name: 'B',
      connection: { kind: 'direct', url: 'http://192.168.0.20:8000' }
    })
    expect(store.state().activeId).toBe(a.id)
    await store.select(b.id)
    const reopened = await openProfileStore(dir, silentLogger)
    expect(reopened.state().profiles.map((p) => p.name)).toEqual(['A', 'B'])
    expect(reopened.active()?.id).toBe(b.id)
  })

  it('rejects a bad draft with field errors and leaves the stored file as it was', async () => {
    const store = await openProfileStore(dir, silentLogger)
    const saved = await store.save(defaultDirectDraft() as Record<string, unknown>)
    const before = readFileSync(join(dir, 'profiles.json'), 'utf8')
    await expect(
      store.save({
        ...saved,
        connection: { kind: 'direct', url: 'not a url' },
        timeouts: { connectSec: 0 }
      })
    ).rejects.toMatchObject({
      error: {
        code: 'profile.invalid',
        fields: expect.arrayContaining([
          { field: 'connection.url', code: 'invalid_url' },
          { field: 'timeouts.connectSec', code: 'too_small' }
        ])
      }
    })
    expect(readFileSync(join(dir, 'profiles.json'), 'utf8')).toBe(before)
    expect(store.get(saved.id).connection).toEqual({ kind: 'direct', url: 'http://127.0.0.1:8030' })
  })

  it('moves a corrupt file aside instead of dropping it, and starts empty', async () => {
    writeFileSync(join(dir, 'profiles.json'), '{"profiles": [trunc')
    const store = await openProfileStore(dir, silentLogger)
    expect(store.state().profiles).toEqual([])
    expect(store.recovered).toMatch(/profiles\.json\.corrupt-\d+$/)
    expect(readFileSync(store.recovered as string, 'utf8')).toBe('{"profiles": [trunc')
    expect(existsSync(join(dir, 'profiles.json'))).toBe(false)
  })

  it('leaves no temp files behind after many quick saves', async () => {
    const store = await openProfileStore(dir, silentLogger)
    const p = await store.save(defaultDirectDraft() as Record<string, unknown>)
    await Promise.all(Array.from({ length: 20 }, (_, i) => store.save({ ...p, name: `name ${i}` })))
    expect(readdirSync(dir)).toEqual(['profiles.json'])
    expect(JSON.parse(readFileSync(join(dir, 'profiles.json'), 'utf8')).profiles[0].name).toBe(
      'name 19'
    )
  })
})

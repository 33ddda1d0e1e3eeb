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
    expect(store.recovered).toEqual([expect.stringMatching(/profiles\.json\.corrupt-\d+$/)])
    expect(readFileSync(store.recovered[0]!, 'utf8')).toBe('{"profiles": [trunc')
    expect(existsSync(join(dir, 'profiles.json'))).toBe(false)
  })

  it('keeps a profile it cannot use (a newer version’s, a bad hand edit) through its own saves', async () => {
    const store = await openProfileStore(dir, silentLogger)
    const mine = await store.save({ ...defaultDirectDraft(), name: 'Mine' })
    const file = join(dir, 'profiles.json')
    const onDisk = JSON.parse(readFileSync(file, 'utf8'))
    // What a later version might write: a connection kind this one does not know.
    const newer = {
      ...mine,
      id: 'from-a-newer-version',
      name: 'Newer',
      connection: { kind: 'socks', host: '127.0.0.1', port: 1080 }
    }
    writeFileSync(file, JSON.stringify({ ...onDisk, profiles: [newer, ...onDisk.profiles] }))

    const reopened = await openProfileStore(dir, silentLogger)
    expect(reopened.state().profiles.map((p) => p.name)).toEqual(['Mine'])
    expect(reopened.state().unusable).toEqual(['Newer'])
    await reopened.save({ ...mine, name: 'Mine, renamed' })
    const other = await reopened.save({ ...defaultDirectDraft(), name: 'Other' })
    await reopened.remove(other.id)

    const written = JSON.parse(readFileSync(file, 'utf8')).profiles
    expect(written.map((p: { name: string }) => p.name)).toEqual(['Mine, renamed', 'Newer'])
    expect(written[1]).toEqual(newer)
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

  describe('with another process on the same folder', () => {
    it('a save keeps the profiles another process added or edited since', async () => {
      const app = await openProfileStore(dir, silentLogger)
      const mine = await app.save({ ...defaultDirectDraft(), name: 'Mine' })
      const cli = await openProfileStore(dir, silentLogger)
      const theirs = await cli.save({ ...defaultDirectDraft(), name: 'Theirs' })
      await cli.save({ ...mine, connection: { kind: 'direct', url: 'http://127.0.0.1:8031' } })

      // The app has not polled yet: its save still lands on the file as the CLI left it.
      await app.save({ ...mine, connection: { kind: 'direct', url: 'http://127.0.0.1:8032' } })
      await app.select(theirs.id)
      const reopened = await openProfileStore(dir, silentLogger)
      expect(reopened.state().profiles.map((p) => [p.name, p.connection])).toEqual([
        ['Mine', { kind: 'direct', url: 'http://127.0.0.1:8032' }],
        ['Theirs', { kind: 'direct', url: 'http://127.0.0.1:8030' }]
      ])
      expect(reopened.state().activeId).toBe(theirs.id)
    })

    it("watch tells of another process's change, with the new state, and not of its own", async () => {
      const app = await openProfileStore(dir, silentLogger)
      const mine = await app.save({ ...defaultDirectDraft(), name: 'Mine' })
      const seen: string[][] = []
      let told!: () => void
      let next = new Promise<void>((resolve) => (told = resolve))
      const stop = app.watch(() => {
        seen.push(app.state().profiles.map((p) => p.name))
        told()
      }, 20)
      try {
        const cli = await openProfileStore(dir, silentLogger)
        await cli.save({ ...mine, name: 'Renamed in the terminal' })
        await next
        expect(seen).toEqual([['Renamed in the terminal']])
        expect(app.get(mine.id).name).toBe('Renamed in the terminal')

        // Its own save, then another process's: only the second is told.
        next = new Promise<void>((resolve) => (told = resolve))
        await app.save({ ...app.get(mine.id), name: 'Renamed in the app' })
        await cli.remove(mine.id)
        await next
        expect(seen).toEqual([['Renamed in the terminal'], []])
      } finally {
        stop()
      }
    })

    it('a save with `expected` is refused when the stored profile is no longer that, and writes nothing', async () => {
      const app = await openProfileStore(dir, silentLogger)
      const read = await app.save({ ...defaultDirectDraft(), name: 'Read' })
      const asRead = JSON.parse(JSON.stringify(read)) as Record<string, unknown>
      const cli = await openProfileStore(dir, silentLogger)
      await cli.save({ ...read, name: 'Renamed in the terminal' })
      const file = readFileSync(join(dir, 'profiles.json'), 'utf8')

      await expect(app.save({ ...read, timeouts: { idleSec: 5 } }, asRead)).rejects.toMatchObject({
        error: { code: 'profile.changed' }
      })
      expect(readFileSync(join(dir, 'profiles.json'), 'utf8')).toBe(file)
      // Saved over what it is now, it goes through.
      const now = JSON.parse(JSON.stringify(app.get(read.id))) as Record<string, unknown>
      expect(now.name).toBe('Renamed in the terminal')
      await expect(app.save({ ...now, timeouts: { idleSec: 5 } }, now)).resolves.toMatchObject({
        name: 'Renamed in the terminal',
        timeouts: { idleSec: 5 }
      })
      // A removed profile is not the one expected either.
      await cli.remove(read.id)
      await expect(app.save(now, now)).rejects.toMatchObject({ error: { code: 'profile.changed' } })
    })

    it('a file that stops parsing is not taken in, and is moved aside before the next write, which is told', async () => {
      const told: string[] = []
      const app = await openProfileStore(dir, silentLogger, {
        onMovedAside: (movedTo) => told.push(movedTo)
      })
      const mine = await app.save({ ...defaultDirectDraft(), name: 'Mine' })
      writeFileSync(join(dir, 'profiles.json'), '{"profiles": [half a hand edit')
      await app.save({ ...mine, name: 'Still here' })
      const aside = readdirSync(dir).filter((f) => f.startsWith('profiles.json.corrupt-'))
      expect(aside).toHaveLength(1)
      expect(readFileSync(join(dir, aside[0]!), 'utf8')).toBe('{"profiles": [half a hand edit')
      expect(told).toEqual([join(dir, aside[0]!)])
      expect(app.recovered).toEqual(told)
      expect(
        JSON.parse(readFileSync(join(dir, 'profiles.json'), 'utf8')).profiles.map(
          (p: { name: string }) => p.name
        )
      ).toEqual(['Still here'])
    })
  })
})

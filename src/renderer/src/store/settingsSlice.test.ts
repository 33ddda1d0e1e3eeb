import { describe, expect, it } from 'vitest'
import { addProfile, importHistory, ok, storeOnCoreForEachTest } from '../test/realCore'

describe('start-up (boot)', () => {
  const { core, store } = storeOnCoreForEachTest()

  it('a change that lands while start-up still waits is not undone by the older answer', async () => {
    // Each domain's real answer, noted when it reaches the window; app:info is held back (the
    // slow answer a start-up can wait on) until the changes below have been announced.
    const answered: Array<Promise<void>> = []
    for (const channel of [
      'profiles:list',
      'connection:state',
      'conversations:list',
      'settings:get'
    ] as const) {
      let done!: () => void
      answered.push(new Promise<void>((resolve) => (done = resolve)))
      core.stand(channel, async () => {
        const data = await core.ok(channel)
        done()
        return ok(data)
      })
    }
    let releaseInfo!: () => void
    const infoHeld = new Promise<void>((resolve) => (releaseInfo = resolve))
    core.stand('app:info', async () => {
      await infoHeld
      return ok(await core.ok('app:info'))
    })

    const booting = store.getState().boot()
    await Promise.all(answered)
    // Meanwhile the user changes things in another window (or the CLI): a profile is added and
    // selected, a conversation arrives, the language is switched. Each is announced as an event.
    const connected = core.next('connection:state', (s) => s.profileId !== null)
    const { id } = await addProfile(core)
    await connected
    await importHistory(core, [
      { id: 'c1', title: 'Quarterly plan', messages: [{ id: 'm1', role: 'user', text: 'hi' }] }
    ])
    await core.ok('settings:set', { language: 'ko' })
    await core.ok('app:info') // every event above has reached the window before this answer

    releaseInfo()
    await booting

    const s = store.getState()
    expect(s.booted).toBe(true)
    expect(s.profiles.map((p) => p.id)).toEqual([id])
    expect(s.activeProfileId).toBe(id)
    expect(s.connection.profileId).toBe(id)
    expect(s.summaries.map((c) => c.title)).toEqual(['Quarterly plan'])
    expect(s.settings.language).toBe('ko')
  })
})

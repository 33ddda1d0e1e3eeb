import { describe, expect, it } from 'vitest'
import { addProfile, connectCore, directDraft, storeOnCoreForEachTest } from '../test/realCore'

describe('profiles slice', () => {
  // Not wired: these check what an action alone puts in the store.
  const { core, store } = storeOnCoreForEachTest({ wire: false })

  // A proxy password is kept only for a profile with a manual proxy to use it on.
  const behindProxy = () =>
    addProfile(
      core,
      directDraft({
        proxy: { mode: 'manual', url: 'http://127.0.0.1:3128', username: 'kim', bypass: '' }
      })
    )

  it('keeps which profiles have a proxy password and an API key, from boot on', async () => {
    const { id } = await behindProxy()
    await core.ok('profiles:setApiKey', { id, value: 'sk-secret' })
    await core.ok('profiles:setProxyPassword', { id, value: 'proxy-secret' })
    await store.getState().boot()
    expect(store.getState().profilesWithApiKey).toEqual([id])
    expect(store.getState().profilesWithProxyPassword).toEqual([id])
    expect(store.getState().activeProfileId).toBe(id)
  })

  it('forgetting the proxy password applies the state main answers', async () => {
    const { id } = await behindProxy()
    await core.ok('profiles:setProxyPassword', { id, value: 'proxy-secret' })
    await store.getState().loadProfiles()
    expect(store.getState().profilesWithProxyPassword).toEqual([id])
    expect(await store.getState().setProxyPassword(id, '')).toBe(true)
    expect(store.getState().profilesWithProxyPassword).toEqual([])
    // Forgotten in main too, not only on screen.
    expect((await core.ok('profiles:list')).withProxyPassword ?? []).toEqual([])
  })

  it('a refused select is a toast and leaves the selection alone', async () => {
    const { id } = await addProfile(core)
    await store.getState().loadProfiles()
    expect(await store.getState().selectProfile('gone')).toBe(false)
    expect(store.getState().activeProfileId).toBe(id)
    expect(store.getState().notice?.error?.code).toBe('profile.not_found')
  })

  it('saves a profile: the list and the stored profile come back in one answer', async () => {
    const saved = await store.getState().saveProfile({
      name: 'Team server',
      connection: { kind: 'direct', url: 'http://127.0.0.1:9' }
    })
    expect(saved.ok).toBe(true)
    expect(store.getState().profiles.map((p) => p.name)).toEqual(['Team server'])
  })

  it('a draft main refuses names the bad field and saves nothing', async () => {
    const saved = await store.getState().saveProfile({
      name: 'Broken',
      connection: { kind: 'direct', url: 'not a url' }
    })
    expect(saved.ok).toBe(false)
    if (!saved.ok) expect(saved.error.fields?.map((f) => f.field)).toContain('connection.url')
    expect((await core.ok('profiles:list')).profiles).toEqual([])
  })

  it('imports a profile file: the state comes with the answer, and the toast names what was added', async () => {
    const { id } = await addProfile(core)
    await store.getState().boot()
    // IT's file, exported on another machine.
    const other = await connectCore()
    await addProfile(other, directDraft({ name: '지점 서버' }))
    const file = await other.ok('profiles:export')
    other.close()
    expect(await store.getState().importProfiles(file.content)).toBe(true)
    expect(
      store
        .getState()
        .profiles.map((p) => p.name)
        .sort()
    ).toEqual(['Local backend', '지점 서버'])
    expect(store.getState().activeProfileId).toBe(id)
    expect(store.getState().notice).toMatchObject({
      key: 'profileFile.imported',
      params: { count: 1, names: '지점 서버' }
    })
    expect(core.callsTo('profiles:list')).toHaveLength(1)
  })

  it('an older core without withProxyPassword means none stored', () => {
    store.getState().applyProfiles({ profiles: [], activeId: null, withApiKey: [] })
    expect(store.getState().profilesWithProxyPassword).toEqual([])
  })
})

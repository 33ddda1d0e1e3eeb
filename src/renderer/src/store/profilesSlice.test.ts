import { beforeEach, describe, expect, it } from 'vitest'
import { createFakeApi, directProfile, err, ok, type FakeApi } from '../test/fakeApi'
import { createAppStore } from './index'

describe('profiles slice', () => {
  let fake: FakeApi
  let store: ReturnType<typeof createAppStore>

  beforeEach(() => {
    fake = createFakeApi()
    ;(window as unknown as { api: unknown }).api = fake.api
    store = createAppStore({ schedule: (f) => f() })
  })

  it('keeps which profiles have a proxy password and an API key, from boot on', async () => {
    fake.fns['profiles:list']!.mockResolvedValue(
      ok({
        profiles: [directProfile],
        activeId: 'p1',
        withApiKey: ['p1'],
        withProxyPassword: ['p1']
      })
    )
    await store.getState().boot()
    expect(store.getState().profilesWithApiKey).toEqual(['p1'])
    expect(store.getState().profilesWithProxyPassword).toEqual(['p1'])
    expect(store.getState().activeProfileId).toBe('p1')
  })

  it('forgetting the proxy password applies the state main answers', async () => {
    store.getState().applyProfiles({
      profiles: [directProfile],
      activeId: 'p1',
      withApiKey: [],
      withProxyPassword: ['p1']
    })
    fake.fns['profiles:setProxyPassword']!.mockResolvedValueOnce(
      ok({ profiles: [directProfile], activeId: 'p1', withApiKey: [], withProxyPassword: [] })
    )
    expect(await store.getState().setProxyPassword('p1', '')).toBe(true)
    expect(fake.fns['profiles:setProxyPassword']).toHaveBeenCalledWith({ id: 'p1', value: '' })
    expect(store.getState().profilesWithProxyPassword).toEqual([])
  })

  it('a refused select is a toast and leaves the selection alone', async () => {
    store.getState().applyProfiles({ profiles: [directProfile], activeId: 'p1', withApiKey: [] })
    fake.fns['profiles:select']!.mockResolvedValueOnce(err('profile.not_found'))
    expect(await store.getState().selectProfile('gone')).toBe(false)
    expect(store.getState().activeProfileId).toBe('p1')
    expect(store.getState().notice?.error?.code).toBe('profile.not_found')
  })

  it('an older core without withProxyPassword means none stored', () => {
    store.getState().applyProfiles({ profiles: [directProfile], activeId: null, withApiKey: [] })
    expect(store.getState().profilesWithProxyPassword).toEqual([])
  })
})

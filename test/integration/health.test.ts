/**
 * Issue 17 item 4: the connection state follows the backend without anyone sending a message.
 * A real backend is stopped and started again under a real core; the test waits for the states
 * the indicator would show.
 */
import { describe, expect, it } from 'vitest'
import type { TestCore } from '../helpers/core'
import { testCores, withBackend } from '../helpers/integration'

let t: TestCore
// Also started again after a test that failed while it was down.
const backend = withBackend()
const cores = testCores()

// t.next sees only events after it is called, and a state can change while the step that causes
// it is still being awaited (uvicorn answers a health check before start() returns): each wait
// starts before its step.
async function connectedCore(healthIntervalMs: number) {
  t = await cores.start({ healthIntervalMs })
  const connected = t.next(
    'connection:state',
    (s) => s.profileId !== null && s.status === 'connected'
  )
  const { saved: profile } = await t.ok('profiles:save', {
    draft: { name: 'b', connection: { kind: 'direct', url: backend.url } }
  })
  expect((await connected).profileId).toBe(profile.id)
  return profile
}

describe('background health', () => {
  it('turns red by itself when the backend dies, and green again when it is back', async () => {
    await connectedCore(400)
    const failing = t.next('connection:state', (s) => s.status === 'failed', 10_000)
    await backend.stop()
    const failed = await failing
    expect(failed.error?.code).toBe('backend.refused')
    const back = t.next('connection:state', (s) => s.status === 'connected', 15_000)
    await backend.start()
    await back
    // Nothing was sent: only the background checks moved the state.
    expect(t.events.some((e) => e.event === 'chat:delta' || e.event === 'chat:done')).toBe(false)
  })

  it('a check on window focus (connection:check) updates the state at once, and backoff brings it back', async () => {
    await connectedCore(600_000)
    await backend.stop()
    const result = await t.ok('connection:check')
    expect(result).toMatchObject({ ok: false, error: { code: 'backend.refused' } })
    expect((await t.ok('connection:state')).status).toBe('failed')
    // The next checks come after a short backoff (not the 10-minute interval).
    const back = t.next('connection:state', (s) => s.status === 'connected', 15_000)
    await backend.start()
    await back
  })
})

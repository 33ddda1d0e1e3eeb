/**
 * Issue 5, test 1: direct mode in the production layout. B's backend listens on 192.168.0.20:8000
 * and B's firewall admits only Server A. A client on A's address reaches it; the staff desk is
 * dropped by the firewall, and the app says, in words, that it could not connect in time.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { startTestCore, type TestCore } from '../helpers/core'
import {
  directDraft,
  expectDone,
  expectPlainWords,
  sendAndWait,
  startRemoteCore,
  topology,
  waitState,
  type CoreLike
} from './kit'
import { logOf } from './services'

const info = topology()
const formalUrl = `http://${info.addr.b}:8000`
let t: CoreLike | TestCore | undefined

afterEach(async () => {
  await t?.close()
  t = undefined
})

describe('1. direct mode to B’s backend at 192.168.0.20:8000', () => {
  it('from Server A’s address (192.168.0.10) it reaches the backend', async () => {
    t = await startRemoteCore(info.names.a)
    await t.ok('profiles:save', { draft: directDraft(formalUrl) })
    const { message } = await sendAndWait(t, '서버 A에서 보냅니다')
    await expectDone(t, message, 'Echo: 서버 A에서 보냅니다')
    expect((await waitState(t, (s) => s.status === 'connected')).mode).toBe('direct')
    // uvicorn's access log: the request came from A's address.
    expect(logOf(info, 'backend-formal')).toMatch(/192\.168\.0\.10:\d+ - "GET \/api_chat\?message=/)
  })

  it('from the desk (192.168.0.100) the firewall drops it: "could not connect within 3 s", in plain words, and the message is kept', async () => {
    const core = await startTestCore()
    t = core
    await core.ok('profiles:save', { draft: directDraft(formalUrl, { connectSec: 3 }) })
    const started = Date.now()
    const { message, sent } = await sendAndWait(core, 'hello from the desk')
    const waited = Date.now() - started

    expect(message.status).toBe('failed')
    expect(message.error).toMatchObject({
      code: 'backend.connect_timeout',
      params: { host: info.addr.b, seconds: 3 }
    })
    expect(message.error?.message).toBe('Connecting to 192.168.0.20:8000 took longer than 3 s')
    // A DROP, not a refusal: the app waited its connect timeout, no longer.
    expect(waited).toBeGreaterThanOrEqual(2900)
    expect(waited).toBeLessThan(6000)
    // What the UI shows for it, in both languages (the renderer's own sentences).
    const shown = await expectPlainWords(message.error)
    console.log(`[topology] the desk is told: "${shown.en}" / "${shown.ko}"`)

    // The indicator says so too, and nothing the user typed is lost.
    const state = await waitState(core, (s) => s.status === 'failed')
    expect(state.error?.code).toBe('backend.connect_timeout')
    const conversation = await core.ok('conversations:get', { id: sent.conversation.id })
    expect(conversation.messages.map((m) => [m.role, m.status, m.text])).toEqual([
      ['user', 'done', 'hello from the desk'],
      ['assistant', 'failed', '']
    ])
    // B's backend never saw the desk.
    expect(logOf(info, 'backend-formal')).not.toContain(info.addr.desk)
  })
})

/**
 * Issue 5, tests 2 and 3: tunnel mode across the LAN, the way developers reach Server B.
 * 2. desk → B's sshd, target localhost:8030: the development backend that listens on B's loopback
 *    only (the desk cannot reach it any other way).
 * 3. desk → Server A's sshd (the bastion), target 192.168.0.20:8000: works because B's firewall
 *    admits A; and the jump-host variant, desk → A → B's sshd, target localhost:8030.
 * Each check looks at the far side too: which of B's two backends got the message, and from where.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { startTestCore, type TestCore } from '../helpers/core'
import { directDraft, expectDone, sendAndWait, topology, tunnelDraft, waitState } from './kit'
import { httpFromNs, logOf } from './services'
import { nftIn, sh } from './topology'

const info = topology()
let t: TestCore | undefined

afterEach(async () => {
  await t?.close()
  t = undefined
})

/** The messages a backend on Server B received (its /_test/requests log, read on B itself). */
function receivedBy(backend: 'formal' | 'dev'): string[] {
  const url =
    backend === 'formal'
      ? `http://${info.addr.b}:8000/_test/requests`
      : 'http://127.0.0.1:8030/_test/requests'
  const requests = JSON.parse(httpFromNs(info.names.b, url)) as Array<{
    path: string
    query: Record<string, string>
  }>
  return requests.filter((r) => r.path === '/api_chat').map((r) => r.query.message ?? '')
}

describe('2. tunnel from the desk to B’s sshd, target localhost:8030', () => {
  it('B’s dev backend is on its loopback only: straight from the desk, 192.168.0.20:8030 is refused', async () => {
    t = await startTestCore()
    await t.ok('profiles:save', {
      draft: directDraft(`http://${info.addr.b}:8030`, { connectSec: 3 })
    })
    const { message } = await sendAndWait(t, 'not like this')
    expect(message.error).toMatchObject({
      code: 'backend.refused',
      params: { host: info.addr.b, port: '8030' }
    })
  })

  it('reaches the loopback-only backend, after the user trusts B’s host key (its real fingerprint)', async () => {
    t = await startTestCore()
    await t.ok('profiles:save', {
      draft: tunnelDraft(info, {
        target: { host: 'localhost', port: 8030 },
        trustKnownHosts: false
      })
    })
    // First contact: the app shows B's fingerprint and waits for the user.
    const asked = await waitState(t, (s) => s.status === 'failed' && s.hostKeyPrompt !== undefined)
    expect(asked.hostKeyPrompt).toMatchObject({
      host: info.addr.b,
      port: 22,
      fingerprint: info.hostKeys.b.fingerprint,
      changed: false
    })
    await t.ok('connection:trustHostKey', { fingerprint: info.hostKeys.b.fingerprint })
    const up = await waitState(t, (s) => s.status === 'connected')
    expect(up.detail).toMatchObject({ host: `root@${info.addr.b}:22`, target: 'localhost:8030' })

    const { message } = await sendAndWait(t, '개발 서버, 들리나요?')
    await expectDone(t, message, 'Echo: 개발 서버, 들리나요?')
    expect(receivedBy('dev')).toContain('개발 서버, 들리나요?')
    expect(receivedBy('formal')).not.toContain('개발 서버, 들리나요?')
  })
})

describe('3. tunnel through Server A as a bastion', () => {
  it('ssh to A, target 192.168.0.20:8000: B’s firewall admits A, so the production backend answers', async () => {
    t = await startTestCore()
    await t.ok('profiles:save', {
      draft: tunnelDraft(info, { via: 'a', target: { host: info.addr.b, port: 8000 } })
    })
    const { message } = await sendAndWait(t, 'through the bastion')
    await expectDone(t, message, 'Echo: through the bastion')
    expect((await t.ok('connection:state')).detail).toMatchObject({
      host: `root@${info.addr.a}:22`,
      target: `${info.addr.b}:8000`
    })
    expect(receivedBy('formal')).toContain('through the bastion')
    // Seen by B: the request came from A's address, which is why the firewall let it in.
    expect(logOf(info, 'backend-formal')).toMatch(
      /192\.168\.0\.10:\d+ - "GET \/api_chat\?message=through/
    )
  })

  it('jump host: desk → A → B’s sshd (ProxyJump), target localhost:8030, even with the desk shut out of B’s sshd', async () => {
    // For this test B's sshd admits nobody but A: if the app went straight to B it would fail.
    nftIn(
      info.names.b,
      `table inet kha_only_a {
  chain input {
    type filter hook input priority filter; policy accept;
    ip saddr ${info.addr.desk} tcp dport 22 drop
  }
}
`
    )
    try {
      t = await startTestCore()
      await t.ok('profiles:save', {
        draft: tunnelDraft(info, {
          via: 'b',
          jump: true,
          target: { host: 'localhost', port: 8030 }
        })
      })
      const { message } = await sendAndWait(t, 'A 경유 B')
      await expectDone(t, message, 'Echo: A 경유 B')
      expect((await t.ok('connection:state')).detail).toMatchObject({
        via: `root@${info.addr.a}:22`,
        host: `root@${info.addr.b}:22`,
        target: 'localhost:8030'
      })
      expect(receivedBy('dev')).toContain('A 경유 B')
      expect(logOf(info, 'sshd-b')).toMatch(
        /Connection from 192\.168\.0\.10 port \d+ on 192\.168\.0\.20 port 22/
      )
    } finally {
      sh('ip', ['netns', 'exec', info.names.b, 'nft', 'delete', 'table', 'inet', 'kha_only_a'])
    }
  })
})

import { describe, expect, it } from 'vitest'
import { presets } from '@shared/presets'
import { validateProfile, type Profile } from '@shared/profile'
import { directProfile } from '../../test/profiles'
import {
  applyContractPreset,
  connectionChanged,
  draftFromForm,
  followPins,
  formFromDraft
} from './profileDraft'

const tunnelProfile: Profile = {
  ...directProfile,
  id: 'p2',
  name: 'Server B via A',
  connection: {
    kind: 'tunnel',
    ssh: { host: '192.168.0.20', port: 2222, username: 'dev', auth: 'password', keyPath: '' },
    jump: {
      host: 'bastion.example',
      port: 22,
      username: 'jump',
      auth: 'agent',
      keyPath: '~/.ssh/id_rsa'
    },
    target: { host: '192.168.0.20', port: 8000 },
    scheme: 'https',
    keepaliveIntervalSec: 30,
    keepaliveCountMax: 3,
    localPort: 8030,
    knownHostsPath: '/etc/ssh/known_hosts',
    allowLegacyAlgorithms: true
  },
  contract: {
    ...directProfile.contract,
    method: 'POST',
    headers: [{ name: 'X-Team', value: '연구소' }],
    extraParams: [
      { name: 'stream', value: 'true', json: true },
      { name: 'lang', value: 'ko', json: false }
    ],
    history: {
      mode: 'lastN',
      turns: 4,
      field: 'messages',
      includeCurrent: true,
      roleField: 'r',
      contentField: 'c',
      userRole: 'u',
      assistantRole: 'a',
      systemRole: 's'
    },
    systemPrompt: 'Answer in Korean.',
    model: 'qwen',
    auth: 'bearer'
  },
  timeouts: { connectSec: 5, idleSec: 120 }
}

describe('profile form model', () => {
  it.each([directProfile, tunnelProfile])('round-trips every field of $name', (profile) => {
    const draft = draftFromForm(formFromDraft(profile))
    const parsed = validateProfile(draft)
    expect(parsed.ok).toBe(true)
    if (parsed.ok) expect(parsed.profile).toEqual(profile)
  })

  it('keeps what was typed, even when it is not valid', () => {
    const form = { ...formFromDraft(tunnelProfile), targetPort: 'eighty' }
    const draft = draftFromForm(form) as { connection: { target: { port: unknown } } }
    expect(draft.connection.target.port).toBe('eighty')
    const parsed = validateProfile(draft)
    expect(parsed.ok).toBe(false)
    if (!parsed.ok)
      expect(parsed.fields).toContainEqual({
        field: 'connection.target.port',
        code: 'invalid_port'
      })
  })

  it('keeps fields the form does not know about', () => {
    const withFuture = {
      ...directProfile,
      contract: { ...directProfile.contract, future: 42 },
      extra: 'x'
    } as unknown as Profile
    const draft = draftFromForm(formFromDraft(withFuture)) as Record<string, unknown> & {
      contract: Record<string, unknown>
    }
    expect(draft.extra).toBe('x')
    expect(draft.contract.future).toBe(42)
  })

  it('switches a direct profile to a tunnel with the template defaults', () => {
    const form = formFromDraft(directProfile, {
      kind: 'tunnel',
      ssh: { host: '', port: 22, username: '', auth: 'key', keyPath: '~/.ssh/id_ed25519' },
      target: { host: 'localhost', port: 8000 }
    })
    const draft = draftFromForm({ ...form, kind: 'tunnel' }) as {
      connection: Record<string, unknown>
    }
    expect(draft.connection).toMatchObject({
      kind: 'tunnel',
      ssh: { port: '22', keyPath: '~/.ssh/id_ed25519' },
      target: { host: 'localhost', port: '8000' }
    })
    expect(draft.connection.url).toBeUndefined()
  })

  it('applies a preset and keeps the headers', () => {
    const form = applyContractPreset(formFromDraft(tunnelProfile), presets.openai)
    expect(form).toMatchObject({
      path: '/v1/chat/completions',
      messageField: '',
      auth: 'bearer',
      historyMode: 'all',
      historyField: 'messages',
      historyIncludeCurrent: true
    })
    expect(form.headers).toEqual([{ name: 'X-Team', value: '연구소' }])
    expect(form.extraParams).toEqual([{ name: 'stream', value: 'true', json: true }])
  })
})

describe('pins that change outside an open form', () => {
  it('adds a certificate trusted elsewhere and keeps a pin the user removed in the form', () => {
    // Stored A, B; the user removed B in the form; then C was trusted from the connection check.
    expect(followPins(['A'], ['A', 'B'], ['A', 'B', 'C'])).toEqual(['A', 'C'])
  })

  it('drops a pin removed elsewhere', () => {
    expect(followPins(['A', 'B'], ['A', 'B'], ['B'])).toEqual(['B'])
  })
})

describe('an edit that changes where the profile connects (Settings checks it before saving)', () => {
  const before = formFromDraft(tunnelProfile)
  it('is the address, the tunnel, HTTPS or the proxy', () => {
    expect(connectionChanged(before, { ...before, ssh: { ...before.ssh, host: 'other' } })).toBe(
      true
    )
    expect(connectionChanged(before, { ...before, targetPort: '9000' })).toBe(true)
    expect(connectionChanged(before, { ...before, kind: 'direct' })).toBe(true)
    expect(connectionChanged(before, { ...before, caFile: '/etc/ca.pem' })).toBe(true)
    expect(connectionChanged(before, { ...before, proxyMode: 'system' })).toBe(true)
  })
  it('is not the name, the contract or a certificate trusted from the check', () => {
    expect(connectionChanged(before, { ...before, name: 'Renamed', path: '/chat' })).toBe(false)
    expect(connectionChanged(before, { ...before, pinnedCertificates: ['SHA256:x'] })).toBe(false)
  })
})

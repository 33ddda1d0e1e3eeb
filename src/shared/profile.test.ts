import { describe, expect, it } from 'vitest'
import {
  backendOrigin,
  defaultDirectDraft,
  defaultTunnelConnection,
  validateProfile
} from './profile'

describe('profile validation', () => {
  it('accepts the first-start template and fills defaults', () => {
    const result = validateProfile({ ...defaultDirectDraft(), id: 'a' })
    expect(result.ok).toBe(true)
    if (result.ok) expect(result.profile.contract.healthPath).toBe('/health')
  })

  it('names each bad field: URL, port, path, header', () => {
    const result = validateProfile({
      id: 'a',
      name: '',
      connection: {
        ...defaultTunnelConnection(),
        ssh: { host: 'srv', port: 70000, username: 'u' }
      },
      contract: { path: 'api_chat', headers: [{ name: 'bad name', value: 'v' }] }
    })
    expect(result.ok).toBe(false)
    if (!result.ok) {
      expect(result.fields).toEqual(
        expect.arrayContaining([
          { field: 'name', code: 'required' },
          { field: 'connection.ssh.port', code: 'invalid_port' },
          { field: 'contract.path', code: 'invalid_path' },
          { field: 'contract.headers.0.name', code: 'invalid_header' }
        ])
      )
    }
  })

  it('rejects a URL that is not http(s)', () => {
    for (const url of ['192.168.0.20:8000', 'ftp://x', 'javascript:alert(1)', 'http://']) {
      const result = validateProfile({ id: 'a', name: 'x', connection: { kind: 'direct', url } })
      expect(result.ok ? 'ok' : result.fields[0]).toEqual({
        field: 'connection.url',
        code: 'invalid_url'
      })
    }
  })

  it('builds the backend origin from the tunnel target', () => {
    const result = validateProfile({
      id: 'a',
      name: 'x',
      connection: {
        ...defaultTunnelConnection(),
        ssh: { host: 'b', username: 'u' },
        target: { host: '192.168.0.20', port: 8000 }
      }
    })
    expect(result.ok && backendOrigin(result.profile).toString()).toBe('http://192.168.0.20:8000/')
  })
})

import { describe, expect, it } from 'vitest'
import { algorithmsFor, createOfferLog, legacyUsed } from './algorithms'

const sha1OrCbc = /sha1|^ssh-rsa$|cbc/

describe('what the handshake offers', () => {
  it('by default: nothing SHA-1 or CBC, in any list', () => {
    const a = algorithmsFor({ allowLegacy: false, knownKeyTypes: [] })
    for (const list of [a.kex, a.serverHostKey, a.cipher, a.hmac] as string[][]) {
      expect(list.length).toBeGreaterThan(0)
      expect(list.filter((n) => sha1OrCbc.test(n))).toEqual([])
    }
    expect((a.cipher as string[])[0]).toBe('aes128-gcm@openssh.com')
  })

  it('with legacy allowed: the legacy ones come after every modern one', () => {
    const a = algorithmsFor({ allowLegacy: true, knownKeyTypes: [] })
    for (const list of [a.kex, a.serverHostKey, a.cipher, a.hmac] as string[][]) {
      const firstLegacy = list.findIndex((n) => sha1OrCbc.test(n))
      expect(firstLegacy).toBeGreaterThan(0)
      expect(list.slice(firstLegacy).every((n) => sha1OrCbc.test(n))).toBe(true)
    }
  })

  it('names the legacy algorithms a handshake settled on', () => {
    expect(
      legacyUsed({
        kex: 'curve25519-sha256',
        serverHostKey: 'ssh-ed25519',
        cs: { cipher: 'aes128-gcm@openssh.com', mac: '' },
        sc: { cipher: 'aes128-gcm@openssh.com', mac: '' }
      })
    ).toEqual([])
    expect(
      legacyUsed({
        kex: 'diffie-hellman-group14-sha1',
        serverHostKey: 'ssh-rsa',
        cs: { cipher: 'aes128-ctr', mac: 'hmac-sha1' },
        sc: { cipher: 'aes128-ctr', mac: 'hmac-sha1' }
      })
    ).toEqual(['diffie-hellman-group14-sha1', 'ssh-rsa', 'hmac-sha1'])
  })

  it("reads the server's offer from ssh2's debug lines to explain a failed negotiation", () => {
    const log = createOfferLog()
    log.debug(
      'Handshake: (remote) KEX method: diffie-hellman-group14-sha1,diffie-hellman-group1-sha1,ext-info-s'
    )
    log.debug('Handshake: (remote) C->S MAC: hmac-md5')
    expect(log.explain('Handshake failed: no matching key exchange algorithm')).toEqual({
      part: 'kex',
      offered: ['diffie-hellman-group14-sha1', 'diffie-hellman-group1-sha1', 'ext-info-s'],
      legacy: ['diffie-hellman-group14-sha1', 'diffie-hellman-group1-sha1']
    })
    // Something we do not support even as legacy: nothing to allow.
    expect(log.explain('Handshake failed: no matching C->S MAC')?.legacy).toEqual([])
    expect(log.explain('Connection refused')).toBeUndefined()
  })
})

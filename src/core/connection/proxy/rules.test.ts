import { describe, expect, it } from 'vitest'
import { isLoopback, parseBypass } from './rules'

describe('proxy bypass rules (NO_PROXY syntax)', () => {
  it('loopback always goes direct, unless <-loopback>', () => {
    for (const host of [
      'localhost',
      'LOCALHOST',
      'api.localhost',
      '127.0.0.1',
      '127.1.2.3',
      '::1',
      '[::1]',
      'localhost.'
    ]) {
      expect(isLoopback(host), host).toBe(true)
      expect(parseBypass('').bypasses(host, 80), host).toBe(true)
      expect(parseBypass('<-loopback>').bypasses(host, 80), host).toBe(false)
    }
    for (const host of ['192.168.0.20', 'example.com', '10.0.0.1', 'localhost.example.com', '::2'])
      expect(isLoopback(host), host).toBe(false)
  })

  it('domains match themselves and every name under them, with or without a leading dot or *.', () => {
    const rules = parseBypass('corp.example, .intra.example  *.lab.example')
    expect(rules.bypasses('corp.example', 443)).toBe(true)
    expect(rules.bypasses('chat.corp.example', 443)).toBe(true)
    expect(rules.bypasses('a.b.intra.example', 80)).toBe(true)
    expect(rules.bypasses('intra.example', 80)).toBe(true)
    expect(rules.bypasses('x.lab.example', 80)).toBe(true)
    expect(rules.bypasses('notcorp.example', 80)).toBe(false)
    expect(rules.bypasses('corp.example.evil', 80)).toBe(false)
  })

  it('addresses, CIDR ranges (v4 and v6) and host:port entries', () => {
    const rules = parseBypass(
      '192.168.0.20,10.0.0.0/8,fd00::/8,backend.example:8443,[fd12::1]:8000'
    )
    expect(rules.bypasses('192.168.0.20', 8000)).toBe(true)
    expect(rules.bypasses('192.168.0.21', 8000)).toBe(false)
    expect(rules.bypasses('10.20.30.40', 1)).toBe(true)
    expect(rules.bypasses('[fd00::5]', 1)).toBe(true)
    expect(rules.bypasses('backend.example', 8443)).toBe(true)
    expect(rules.bypasses('backend.example', 443)).toBe(false)
    expect(rules.bypasses('fd12::1', 8000)).toBe(true)
    // A name is not looked up to test it against a range.
    expect(rules.bypasses('ten.example', 80)).toBe(false)
  })

  it('* bypasses everything; <local> bypasses names without a dot', () => {
    expect(parseBypass('*').bypasses('anything.example', 1)).toBe(true)
    const local = parseBypass('<local>')
    expect(local.bypasses('serverb', 22)).toBe(true)
    expect(local.bypasses('serverb.corp', 22)).toBe(false)
    expect(local.bypasses('192.168.0.20', 22)).toBe(false)
  })

  it('joins several lists (NO_PROXY and the profile list)', () => {
    const rules = parseBypass('a.example', undefined, '<-loopback>;b.example')
    expect(rules.proxyLoopback).toBe(true)
    expect(rules.bypasses('b.example', 1)).toBe(true)
    expect(rules.bypasses('127.0.0.1', 1)).toBe(false)
  })
})

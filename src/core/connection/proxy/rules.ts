/**
 * Which hosts skip the proxy: NO_PROXY's conventions (as curl and most tools read them) plus the
 * profile's own bypass list, in one parser.
 *
 *   `*`                    everything goes direct
 *   `example.com`, `.example.com`, `*.example.com`
 *                          that domain and every name under it
 *   `10.0.0.0/8`, `fd00::/8` addresses in that range (only when the host is written as an address:
 *                          names are not looked up just to decide this)
 *   `192.168.0.20`, `::1`  that address
 *   `host:8080`            that host on that port only
 *   `<local>`              names without a dot (Windows' and Chromium's "bypass local names")
 *   `<-loopback>`          send loopback through the proxy too (Chromium's bypass-rule token)
 *
 * Loopback (`localhost`, `*.localhost`, 127.0.0.0/8, ::1) always goes direct, unless the list says
 * `<-loopback>`: a proxy cannot reach "this computer" for us, except a debugging proxy (mitmproxy,
 * Fiddler) that runs on it, which is what that token is for.
 */
import net from 'node:net'

export interface BypassRules {
  /** `<-loopback>` was given: loopback targets use the proxy too. */
  readonly proxyLoopback: boolean
  /** True when host:port goes direct. */
  bypasses(host: string, port: number): boolean
}

export function normalizeHost(host: string): string {
  return host
    .trim()
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1')
    .replace(/\.$/, '')
}

export function isLoopback(host: string): boolean {
  const h = normalizeHost(host)
  if (h === 'localhost' || h.endsWith('.localhost')) return true
  if (net.isIPv4(h)) return h.startsWith('127.')
  if (net.isIPv6(h)) return h === '::1' || /^::ffff:127\./.test(h) || h === '0:0:0:0:0:0:0:1'
  return false
}

type Rule =
  | { kind: 'all' }
  | { kind: 'local' }
  | { kind: 'domain'; domain: string; port?: number }
  | { kind: 'ip'; list: net.BlockList; port?: number }

function parseEntry(raw: string): Rule | undefined {
  const entry = raw.trim().toLowerCase()
  if (!entry) return undefined
  if (entry === '*') return { kind: 'all' }
  if (entry === '<local>') return { kind: 'local' }
  // CIDR range
  const cidr = /^\[?([0-9a-f:.]+)\]?\/(\d{1,3})$/.exec(entry)
  if (cidr && net.isIP(cidr[1] as string)) {
    const list = new net.BlockList()
    const family = net.isIPv6(cidr[1] as string) ? 'ipv6' : 'ipv4'
    try {
      list.addSubnet(cidr[1] as string, Number(cidr[2]), family)
      return { kind: 'ip', list }
    } catch {
      return undefined
    }
  }
  // An address or name, with an optional port: `[::1]:8080`, `10.0.0.1:80`, `host:80`, `::1`.
  let host = entry
  let port: number | undefined
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry)
  if (bracketed) {
    host = bracketed[1] as string
    if (bracketed[2]) port = Number(bracketed[2])
  } else if (!net.isIPv6(entry)) {
    const m = /^(.*):(\d+)$/.exec(entry)
    if (m) {
      host = m[1] as string
      port = Number(m[2])
    }
  }
  if (net.isIP(host)) {
    const list = new net.BlockList()
    list.addAddress(host, net.isIPv6(host) ? 'ipv6' : 'ipv4')
    return { kind: 'ip', list, ...(port ? { port } : {}) }
  }
  const domain = host.replace(/^\*?\./, '').replace(/\.$/, '')
  if (!domain) return undefined
  return { kind: 'domain', domain, ...(port ? { port } : {}) }
}

/** Parse one or more lists (comma or space separated) into one rule set. */
export function parseBypass(...lists: Array<string | undefined>): BypassRules {
  let proxyLoopback = false
  const rules: Rule[] = []
  for (const list of lists) {
    for (const raw of (list ?? '').split(/[,\s;]+/)) {
      if (raw.trim().toLowerCase() === '<-loopback>') {
        proxyLoopback = true
        continue
      }
      const rule = parseEntry(raw)
      if (rule) rules.push(rule)
    }
  }
  return {
    proxyLoopback,
    bypasses(hostIn: string, port: number): boolean {
      const host = normalizeHost(hostIn)
      if (!proxyLoopback && isLoopback(host)) return true
      const family = net.isIPv6(host) ? 'ipv6' : net.isIPv4(host) ? 'ipv4' : undefined
      return rules.some((rule) => {
        switch (rule.kind) {
          case 'all':
            return true
          case 'local':
            return !family && !host.includes('.')
          case 'ip':
            return (
              family !== undefined &&
              (rule.port === undefined || rule.port === port) &&
              rule.list.check(host, family)
            )
          case 'domain':
            return (
              (rule.port === undefined || rule.port === port) &&
              (host === rule.domain || host.endsWith(`.${rule.domain}`))
            )
        }
      })
    }
  }
}

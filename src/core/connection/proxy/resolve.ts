/**
 * Which proxy, if any, a connection to host:port goes through, for a profile's proxy settings.
 *
 * - `none`: never a proxy.
 * - `manual`: the profile's `http://host:port` (user in the profile, password in the secret store).
 * - `system`: the environment first, as curl reads it (lower case before upper case):
 *   `https_proxy` for https targets, `http_proxy` for http ones, and for the SSH connection
 *   `https_proxy` then `http_proxy` (an SSH port is reached with CONNECT, like https); then
 *   `all_proxy`. Credentials in such a URL (`http://user:pass@proxy:3128`) are used. When the
 *   environment names no proxy, the shell's resolver (Electron's `session.resolveProxy`, which
 *   applies the OS settings and PAC scripts) is asked, when there is one.
 *
 * Then `NO_PROXY` / `no_proxy` and the profile's bypass list decide whether this host skips it;
 * loopback always does unless the list says `<-loopback>` (see rules.ts).
 */
import { AppFailure, appError } from '@shared/errors'
import type { ProxySettings } from '@shared/profile'
import { isLoopback, parseBypass } from './rules'

export type TargetProtocol = 'http' | 'https' | 'ssh'

export interface ProxyTarget {
  host: string
  port: number
  protocol: TargetProtocol
}

export interface ProxyEndpoint {
  host: string
  port: number
  username: string
  /** Only from a URL in the environment; a manual proxy's password is read from the secret store. */
  password?: string
  /** `manual`, the variable it came from (`HTTPS_PROXY`), or `system` (the OS settings). */
  source: string
}

export interface ProxyContext {
  env: Record<string, string | undefined>
  /** The OS proxy for a URL, as a PAC result (`PROXY host:port; DIRECT`). Electron only. */
  resolveSystemProxy?(url: string): Promise<string>
}

const bare = (host: string) => host.replace(/^\[(.*)\]$/, '$1')

function pick(
  env: Record<string, string | undefined>,
  names: string[]
): { name: string; value: string } | undefined {
  for (const name of names) {
    const value = env[name]?.trim()
    if (value) return { name, value }
  }
  return undefined
}

/** `proxy:3128`, `http://user:pass@proxy:3128/` → endpoint. Throws AppFailure for what we cannot use. */
export function parseProxyUrl(value: string, source: string): ProxyEndpoint {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `http://${value}`
  let url: URL
  try {
    url = new URL(withScheme)
  } catch {
    // Never echo credentials that may sit in the value (`http://user:pass@…`).
    const shown = value.replace(/\/\/[^@/]*@/, '//***@').replace(/^[^/@]*@/, '***@')
    throw new AppFailure(
      appError('proxy.failed', `The proxy address "${shown}" (${source}) is not a valid URL`, {
        params: { proxy: shown, source, reason: 'invalid_url' }
      })
    )
  }
  if (url.protocol !== 'http:') {
    throw new AppFailure(
      appError(
        'proxy.failed',
        `The proxy ${url.host} (${source}) uses ${url.protocol.replace(':', '')}://, but only http:// proxies (HTTP CONNECT) are supported`,
        {
          params: { proxy: url.host, source, reason: 'unsupported_scheme' }
        }
      )
    )
  }
  return {
    host: bare(url.hostname),
    port: Number(url.port) || 80,
    username: decodeURIComponent(url.username),
    ...(url.password ? { password: decodeURIComponent(url.password) } : {}),
    source
  }
}

/** The first usable entry of a PAC answer: `PROXY h:p` (or `HTTP h:p`); `DIRECT` means none. */
export function parsePacResult(result: string): { host: string; port: number } | null {
  for (const part of result.split(';')) {
    const [kind, where] = part.trim().split(/\s+/)
    const k = (kind ?? '').toUpperCase()
    if (k === 'DIRECT') return null
    if ((k === 'PROXY' || k === 'HTTP') && where) {
      const m = /^\[?([^\]]+?)\]?:(\d+)$/.exec(where)
      if (m) return { host: m[1] as string, port: Number(m[2]) }
    }
    // SOCKS and HTTPS proxies: not supported; try the next entry.
  }
  return null
}

function envNames(protocol: TargetProtocol): string[] {
  const https = ['https_proxy', 'HTTPS_PROXY']
  const http = ['http_proxy', 'HTTP_PROXY']
  const all = ['all_proxy', 'ALL_PROXY']
  if (protocol === 'http') return [...http, ...all]
  if (protocol === 'https') return [...https, ...all]
  return [...https, ...http, ...all]
}

export async function proxyFor(
  settings: ProxySettings,
  target: ProxyTarget,
  ctx: ProxyContext
): Promise<ProxyEndpoint | null> {
  if (settings.mode === 'none') return null
  if (settings.mode === 'manual') {
    if (parseBypass(settings.bypass).bypasses(target.host, target.port)) return null
    const endpoint = parseProxyUrl(settings.url, 'manual')
    return { ...endpoint, username: settings.username || endpoint.username }
  }
  const noProxy = pick(ctx.env, ['no_proxy', 'NO_PROXY'])?.value
  if (parseBypass(noProxy, settings.bypass).bypasses(target.host, target.port)) return null
  const fromEnv = pick(ctx.env, envNames(target.protocol))
  if (fromEnv) return parseProxyUrl(fromEnv.value, fromEnv.name.toUpperCase())
  if (ctx.resolveSystemProxy) {
    const host =
      target.host.includes(':') && !target.host.startsWith('[') ? `[${target.host}]` : target.host
    const scheme = target.protocol === 'http' ? 'http' : 'https'
    const pac = await ctx.resolveSystemProxy(`${scheme}://${host}:${target.port}/`)
    const found = parsePacResult(pac)
    if (found) return { ...found, username: '', source: 'system' }
  }
  return null
}

/** Why a profile with a proxy goes direct to this host (for the doctor): `loopback`, `bypass` (NO_PROXY or the list), or `not_configured` (system mode, nothing set). */
export function directReason(
  settings: ProxySettings,
  target: ProxyTarget,
  env: Record<string, string | undefined>
): 'loopback' | 'bypass' | 'not_configured' {
  const lists =
    settings.mode === 'system'
      ? [pick(env, ['no_proxy', 'NO_PROXY'])?.value, settings.bypass]
      : [settings.bypass]
  const rules = parseBypass(...lists)
  if (!rules.proxyLoopback && isLoopback(target.host)) return 'loopback'
  if (rules.bypasses(target.host, target.port)) return 'bypass'
  return 'not_configured'
}

/**
 * Which steps a profile's check runs, in order. This is the one place to extend.
 *
 *   direct:            resolve → [proxy] → tcp → [tls] → health → chat
 *   direct, proxied:   resolve (the proxy's name) → proxy (CONNECT to the backend) → [tls] → health → chat
 *   tunnel:            resolve → [proxy] → tcp → ssh_handshake → ssh_auth (twice with a jump host)
 *                      → forward → target → [tls] → health → chat
 *   tunnel, proxied:   resolve (the proxy's name) → proxy (CONNECT to the SSH server) → ssh_… as above
 *
 * `proxy` appears whenever the profile has one (`system` or `manual`); when it does not apply to
 * this host (loopback, NO_PROXY) the step passes and says why. Through a proxy there is no `tcp`
 * step of our own: the proxy opens that connection, and its answer to CONNECT is the result.
 * `tls` appears for https backends, after the step that opens the byte stream to them.
 */
import type { Profile } from '@shared/profile'
import { AppFailure, appError } from '@shared/errors'
import { directAgent } from '../connection/direct'
import type { NetworkDeps } from '../connection/network'
import type { ProxyTarget } from '../connection/proxy/resolve'
import { chatStep, healthStep } from './httpSteps'
import { proxyStep, tlsStep, type ProxyRoute } from './networkSteps'
import { resolveStep, tcpStep, type Endpoint } from './netSteps'
import { hopSteps } from './sshSteps'
import type { DoctorContext, DoctorDeps, StepDef } from './types'
import { withWslHint } from './wslHint'

export function networkDeps(profileId: string, deps: DoctorDeps): NetworkDeps {
  return {
    env: deps.env,
    homeDir: deps.homeDir,
    secrets: deps.secrets,
    ...(deps.resolveSystemProxy ? { resolveSystemProxy: deps.resolveSystemProxy } : {}),
    onCertificateRefused: (_id, error) => deps.onCertificateRefused?.(profileId, error)
  }
}

/** After `tcp` or `proxy` of a direct profile: the link the HTTP steps use (its own agent, not the app's) and a stream opener for `tls`. */
function withDirectLink(step: StepDef, target: ProxyTarget): StepDef {
  return {
    id: step.id,
    async run(ctx: DoctorContext) {
      const detail = await step.run(ctx)
      const { profile } = ctx
      if (profile.connection.kind === 'direct') {
        const agent = directAgent(profile, networkDeps(profile.id, ctx.deps), { keepAlive: false })
        ctx.link = {
          origin: new URL(profile.connection.url),
          agent,
          close: async () => agent.destroy()
        }
        ctx.defer(() => agent.destroy())
        ctx.openStream = async () =>
          (await ctx.network.open(target, ctx.connectMs, ctx.opts.signal)).stream
      }
      return detail
    }
  }
}

async function routeFor(
  profile: Profile,
  target: ProxyTarget,
  route: (t: ProxyTarget) => Promise<ProxyRoute['proxy']>
): Promise<ProxyRoute> {
  if (profile.proxy.mode === 'none') return { proxy: null }
  try {
    return { proxy: await route(target) }
  } catch (error) {
    return {
      proxy: null,
      error: error instanceof AppFailure ? error.error : appError('proxy.failed', String(error))
    }
  }
}

export async function planFor(
  profile: Profile,
  route: (t: ProxyTarget) => Promise<ProxyRoute['proxy']>
): Promise<StepDef[]> {
  const c = profile.connection
  if (c.kind === 'direct') {
    const url = new URL(c.url)
    const secure = url.protocol === 'https:'
    const host = url.hostname.replace(/^\[(.*)\]$/, '$1')
    const port = Number(url.port) || (secure ? 443 : 80)
    const target: ProxyTarget = { host, port, protocol: secure ? 'https' : 'http' }
    const backend: Endpoint = { host, port, family: 'backend' }
    const r = await routeFor(profile, target, route)
    const tls = secure ? [tlsStep(host, port)] : []
    if (r.proxy) {
      const proxy: Endpoint = { host: r.proxy.host, port: r.proxy.port, family: 'proxy' }
      return [
        resolveStep(() => proxy),
        withDirectLink(proxyStep(target, r), target),
        ...tls,
        healthStep,
        chatStep
      ]
    }
    const info = profile.proxy.mode === 'none' ? [] : [proxyStep(target, r)]
    return [
      resolveStep(() => backend),
      ...info,
      withDirectLink(
        withWslHint(
          tcpStep(() => backend),
          host,
          port
        ),
        target
      ),
      ...tls,
      healthStep,
      chatStep
    ]
  }
  const first = c.jump ?? c.ssh
  const target: ProxyTarget = { host: first.host, port: first.port, protocol: 'ssh' }
  const r = await routeFor(profile, target, route)
  const tls = c.scheme === 'https' ? [tlsStep(c.target.host, c.target.port)] : []
  const rest = [...hopSteps(profile), ...tls, healthStep, chatStep]
  if (r.proxy) {
    const proxy: Endpoint = { host: r.proxy.host, port: r.proxy.port, family: 'proxy' }
    return [resolveStep(() => proxy), proxyStep(target, r), ...rest]
  }
  const sshEndpoint: Endpoint = { host: first.host, port: first.port, family: 'ssh' }
  const info = profile.proxy.mode === 'none' ? [] : [proxyStep(target, r)]
  return [resolveStep(() => sshEndpoint), ...info, tcpStep(() => sshEndpoint), ...rest]
}

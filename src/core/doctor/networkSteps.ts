/**
 * The doctor's `proxy` and `tls` steps.
 *
 * `proxy` (only for profiles whose proxy is not `none`): which proxy applies to the first host
 * the computer connects to (the backend, or the SSH server), then a real `CONNECT host:port`
 * through it. A profile whose proxy does not apply to this host (loopback, NO_PROXY) gets an `ok`
 * step that says so and why, because "why does it not use my proxy" is a question too.
 *
 * `tls` (https backends): a handshake of its own over the same kind of stream the app uses, then
 * the trust decision: `valid` (a chain to a trusted root, for this name) or `pinned` (this exact
 * certificate is trusted for the profile), or the precise refusal with the certificate's facts.
 */
import type { Duplex } from 'node:stream'
import { AppFailure, appError, type AppError } from '@shared/errors'
import { proxyName } from '../connection/proxy/connect'
import { directReason, type ProxyEndpoint, type ProxyTarget } from '../connection/proxy/resolve'
import { secureStream } from '../connection/tls/secure'
import { systemStoreSource } from '../connection/tls/trust'
import { DoctorStepFailure, type StepDef, type StepDetail } from './types'

/** What `planFor` found out about the proxy before the steps run. */
export type ProxyRoute = { proxy: ProxyEndpoint | null; error?: AppError }

export const proxySockKey = 'proxy:sock'

export function proxyStep(target: ProxyTarget, route: ProxyRoute): StepDef {
  return {
    id: 'proxy',
    async run(ctx): Promise<StepDetail> {
      const settings = ctx.profile.proxy
      const targetName = `${target.host}:${target.port}`
      if (route.error)
        throw new DoctorStepFailure(route.error, { mode: settings.mode, target: targetName })
      if (!route.proxy)
        return {
          mode: settings.mode,
          route: 'direct',
          reason: directReason(settings, target, ctx.deps.env),
          target: targetName
        }
      const proxy = route.proxy
      const detail: StepDetail = {
        mode: settings.mode,
        proxy: proxyName(proxy),
        source: proxy.source,
        target: targetName,
        ...(proxy.username ? { user: proxy.username } : {})
      }
      let stream: Duplex
      try {
        ;({ stream } = await ctx.network.open(target, ctx.connectMs, ctx.opts.signal))
      } catch (error) {
        const err =
          error instanceof AppFailure ? error.error : appError('proxy.failed', String(error))
        throw new DoctorStepFailure(err, detail)
      }
      // The SSH handshake step runs over this very stream; a direct profile only needed the proof.
      if (target.protocol === 'ssh') ctx.bag.set(proxySockKey, stream)
      else stream.destroy()
      ctx.defer(() => stream.destroy())
      return { ...detail, status: 200 }
    }
  }
}

function certificateDetail(params: AppError['params'] | undefined): StepDetail {
  const detail: StepDetail = {}
  for (const key of [
    'fingerprint',
    'subject',
    'issuer',
    'validFrom',
    'validTo',
    'names',
    'reason',
    'pinned'
  ] as const) {
    const value = params?.[key]
    if (value !== undefined && value !== '') detail[key] = value
  }
  return detail
}

export function tlsStep(host: string, port: number): StepDef {
  return {
    id: 'tls',
    async run(ctx): Promise<StepDetail> {
      if (!ctx.openStream)
        throw new AppFailure(
          appError('internal', 'No connection to the backend was opened before this step')
        )
      const policy = ctx.network.tls(host, port)
      const base: StepDetail = {
        host: `${host}:${port}`,
        roots: systemStoreSource(),
        ...(ctx.profile.tls.caFile ? { caFile: ctx.profile.tls.caFile } : {})
      }
      try {
        const raw = await ctx.openStream()
        const { socket, decision, protocol, cipher } = await secureStream(raw, {
          ...policy,
          onRefused: (error) => ctx.deps.onCertificateRefused?.(ctx.profile.id, error)
        })
        socket.destroy()
        const c = decision.certificate
        return {
          ...base,
          protocol,
          cipher,
          trust: decision.trust,
          ...(decision.chainError ? { chainError: decision.chainError } : {}),
          fingerprint: c.fingerprint,
          subject: c.subject,
          issuer: c.issuer,
          validFrom: c.validFrom,
          validTo: c.validTo,
          ...(c.names ? { names: c.names } : {})
        }
      } catch (error) {
        const err =
          error instanceof AppFailure
            ? error.error
            : appError('tls.handshake', String(error), { params: { host } })
        throw new DoctorStepFailure(err, { ...base, ...certificateDetail(err.params) })
      }
    }
  }
}

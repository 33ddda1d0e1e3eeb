/**
 * Which steps a profile's check runs, in order. This is the one place to extend: a proxy step goes
 * before `tcp` (and changes what `tcp` connects to), a TLS step after the step that opens the byte
 * stream to the backend (`tcp` for direct https, `target` for a tunnel to https); each is one more
 * StepDef in the list below and one more id in `src/shared/doctor.ts`.
 */
import type { Profile } from '@shared/profile'
import { chatStep, directLink, healthStep } from './httpSteps'
import { resolveStep, tcpStep, type Endpoint } from './netSteps'
import { tunnelSteps } from './sshSteps'
import type { DoctorContext, StepDef } from './types'

function directEndpoint(ctx: DoctorContext): Endpoint {
  if (ctx.profile.connection.kind !== 'direct') throw new Error('not a direct profile')
  const url = new URL(ctx.profile.connection.url)
  return { host: url.hostname, port: Number(url.port) || (url.protocol === 'https:' ? 443 : 80), family: 'backend' }
}

/** Direct: TCP to the backend, then the link the HTTP steps use (their own agent, not the app's). */
const directTcp: StepDef = {
  id: 'tcp',
  async run(ctx) {
    const detail = await tcpStep(directEndpoint).run(ctx)
    if (ctx.profile.connection.kind === 'direct') {
      const link = directLink(new URL(ctx.profile.connection.url))
      ctx.link = link
      ctx.defer(() => link.close())
    }
    return detail
  }
}

export function planFor(profile: Profile): StepDef[] {
  if (profile.connection.kind === 'direct') return [resolveStep(directEndpoint), directTcp, healthStep, chatStep]
  return [...tunnelSteps(profile), healthStep, chatStep]
}

/**
 * The last two steps of every plan, over whatever link the earlier steps opened (a plain agent in
 * direct mode, the SSH forward in tunnel mode): GET the health route, then one real chat request
 * ("ping") built and decoded exactly as the chat does, so a wrong reply format or field shows up
 * here and not in the first conversation.
 */
import { AppFailure, appError } from '@shared/errors'
import { checkHealth, streamChat } from '../backend/client'
import { buildChatRequest } from '../backend/request'
import type { Link } from '../connection/link'
import { backendSecrets } from '../profileSecrets'
import type { DoctorContext, StepDef, StepDetail } from './types'

function linkOf(ctx: DoctorContext): Link {
  if (!ctx.link)
    throw new AppFailure(
      appError('internal', 'No connection to the backend was opened before this step')
    )
  return ctx.link
}

export const healthStep: StepDef = {
  id: 'health',
  async run(ctx) {
    const path = ctx.profile.contract.healthPath
    const result = await checkHealth(linkOf(ctx), path, ctx.connectMs)
    const detail: StepDetail = { path, status: result.status ?? 0 }
    if (result.ok) return detail
    // A backend without a health route still answered over HTTP: that is what this step checks.
    // The chat step that follows tells whether the backend really works.
    if (result.status === 404 || result.status === 405)
      return { ...detail, note: 'no_health_route' }
    throw new AppFailure(
      result.error ?? appError('backend.bad_reply', `The health route ${path} did not answer`)
    )
  }
}

export const chatStep: StepDef = {
  id: 'chat',
  async run(ctx) {
    const { profile } = ctx
    const link = linkOf(ctx)
    const { apiKey, contract } = await backendSecrets(profile, ctx.deps.secrets)
    const text = ctx.opts.chatText ?? 'ping'
    const spec = buildChatRequest(link.origin, contract, { text, ...(apiKey ? { apiKey } : {}) })
    const reply = await streamChat(link, spec, {
      format: profile.contract.replyFormat,
      field: profile.contract.replyField,
      connectMs: ctx.connectMs,
      idleMs: ctx.idleMs,
      limits: profile.limits,
      ...(ctx.opts.signal ? { signal: ctx.opts.signal } : {})
    })
    if (reply.trim() === '') {
      const { replyFormat: format, replyField: field } = profile.contract
      throw new AppFailure(
        appError(
          'doctor.empty_reply',
          `The backend answered, but no text was found in the reply (format ${format}${format === 'text' ? '' : `, field "${field}"`}). Check the reply format and field of the profile.`,
          {
            params: { format, field }
          }
        )
      )
    }
    const preview = Array.from(reply.trim()).slice(0, 60).join('')
    return { chars: reply.length, reply: preview }
  }
}

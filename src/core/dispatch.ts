/**
 * The single entry point from any shell (Electron IPC, the web harness's WebSocket, tests) into the
 * core's handler table: it checks the channel, validates the argument against the contract's
 * schema, runs the handler and turns every outcome into a serializable IpcResult. A handler never
 * sees unvalidated input, and a caller never sees an exception.
 */
import { AppFailure, appError, type IpcResult } from '@shared/errors'
import { invokeChannels, isInvokeChannel, unknownChannel } from '@shared/ipc/channels'
import type { InvokeChannel, InvokeResult, ParsedArg } from '@shared/ipc/contract'
import type { ZodType } from 'zod'
import type { Logger } from './logger'

export type Handlers = { [C in InvokeChannel]: (arg: ParsedArg<C>) => Promise<InvokeResult<C>> }

export type Dispatch = (channel: string, arg: unknown) => Promise<IpcResult<unknown>>

export function createDispatch(handlers: Handlers, logger: Logger): Dispatch {
  return async (channel, arg) => {
    if (!isInvokeChannel(channel)) {
      return unknownChannel(channel)
    }
    const parsed = (invokeChannels[channel].arg as ZodType).safeParse(arg)
    if (!parsed.success) {
      const fields = parsed.error.issues.map((i) => ({
        field: i.path.map(String).join('.'),
        code: 'invalid'
      }))
      return {
        ok: false,
        error: appError('ipc.bad_request', `Invalid argument for ${channel}`, { fields })
      }
    }
    try {
      const handler = handlers[channel] as (a: unknown) => Promise<unknown>
      return { ok: true, data: await handler(parsed.data) }
    } catch (error) {
      if (error instanceof AppFailure) return { ok: false, error: error.error }
      logger.error(`handler ${channel} failed`, { error })
      return {
        ok: false,
        error: appError('internal', 'Something went wrong inside the app. The log has details.')
      }
    }
  }
}

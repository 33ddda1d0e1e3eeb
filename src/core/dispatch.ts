/**
 * The single entry point from any shell (Electron IPC, the web harness's WebSocket, tests) into the
 * core's handler table: it checks the channel, validates the argument against the contract's
 * schema, runs the handler and turns every outcome into a serializable IpcResult. A handler never
 * sees unvalidated input, and a caller never sees an exception.
 */
import { AppFailure, appError, type IpcResult } from '@shared/errors'
import {
  invokeChannels,
  isInvokeChannel,
  isTerminalChannel,
  terminalChannels,
  unknownChannel
} from '@shared/ipc/channels'
import type {
  InvokeChannel,
  InvokeResult,
  ParsedArg,
  TerminalChannel,
  TerminalParsedArg,
  TerminalResult
} from '@shared/ipc/contract'
import type { ZodType } from 'zod'
import type { Logger } from './logger'

export type Handlers = { [C in InvokeChannel]: (arg: ParsedArg<C>) => Promise<InvokeResult<C>> }

/** The terminal's own table (channels.ts `terminalChannels`): what only the CLI may call. */
export type TerminalHandlers = {
  [C in TerminalChannel]: (arg: TerminalParsedArg<C>) => Promise<TerminalResult<C>>
}

export type Dispatch = (channel: string, arg: unknown) => Promise<IpcResult<unknown>>

export function createDispatch(handlers: Handlers, logger: Logger): Dispatch {
  return dispatchOver(invokeChannels, isInvokeChannel, handlers, logger)
}

/** The same checks over the terminal table; only startTerminalCore hands this one out. */
export function createTerminalDispatch(handlers: TerminalHandlers, logger: Logger): Dispatch {
  return dispatchOver(terminalChannels, isTerminalChannel, handlers, logger)
}

function dispatchOver<T extends Record<string, { arg: ZodType }>>(
  table: T,
  isChannel: (channel: string) => channel is keyof T & string,
  handlers: { [C in keyof T]: (arg: never) => Promise<unknown> },
  logger: Logger
): Dispatch {
  return async (channel, arg) => {
    if (!isChannel(channel)) {
      return unknownChannel(channel)
    }
    const parsed = table[channel].arg.safeParse(arg)
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

/**
 * Turn what Node and the server report into errors a person can act on: which step failed
 * (name lookup, connect, silence, a dropped stream, an HTTP status) and, for HTTP errors, what the
 * server itself said (FastAPI's `detail`, OpenAI's `error.message`).
 */
import { AppFailure, appError, type AppError } from '@shared/errors'

export function transportError(error: unknown, origin: URL, phase: 'connect' | 'stream'): AppError {
  if (error instanceof AppFailure) return error.error
  const err = error as NodeJS.ErrnoException
  const params = { host: origin.hostname, port: origin.port || (origin.protocol === 'https:' ? '443' : '80') }
  if (err?.name === 'AbortError') return appError('backend.aborted', 'The request was stopped')
  switch (err?.code) {
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return appError('backend.dns', `The name ${params.host} could not be resolved`, { params })
    case 'ECONNREFUSED':
      return appError('backend.refused', `Nothing accepts connections at ${params.host}:${params.port}`, { params })
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'EHOSTDOWN':
    case 'ENETDOWN':
      return appError('backend.unreachable', `${params.host} cannot be reached from this computer`, { params })
    case 'ETIMEDOUT':
      return appError('backend.connect_timeout', `Connecting to ${params.host}:${params.port} timed out`, { params })
  }
  if (phase === 'stream' || err?.code === 'ECONNRESET' || err?.message === 'aborted') {
    return phase === 'stream'
      ? appError('backend.stream_dropped', 'The connection closed before the reply was complete', { params })
      : appError('backend.reset', `The connection to ${params.host}:${params.port} was closed`, { params })
  }
  return appError('backend.unreachable', `Could not reach ${params.host}:${params.port}: ${err?.message ?? String(error)}`, { params })
}

/** Read what the server said in an error body, in the shapes FastAPI and OpenAI-style servers use. */
export function serverErrorText(body: string): string | undefined {
  const trimmed = body.trim()
  if (!trimmed) return undefined
  try {
    const parsed = JSON.parse(trimmed) as { detail?: unknown; error?: { message?: unknown } | string; message?: unknown }
    if (typeof parsed.detail === 'string') return parsed.detail
    if (Array.isArray(parsed.detail)) {
      return parsed.detail
        .map((d: { loc?: unknown[]; msg?: string }) => {
          const where = Array.isArray(d.loc) ? d.loc.filter((l) => l !== 'body' && l !== 'query').join('.') : ''
          return where ? `${where}: ${d.msg ?? ''}` : (d.msg ?? JSON.stringify(d))
        })
        .join('; ')
    }
    if (typeof parsed.error === 'string') return parsed.error
    if (parsed.error && typeof parsed.error.message === 'string') return parsed.error.message
    if (typeof parsed.message === 'string') return parsed.message
  } catch {
    // Plain text or HTML: show its start, it is usually the most useful part.
  }
  return trimmed.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').slice(0, 300)
}

export function httpStatusError(status: number, body: string): AppError {
  const serverText = serverErrorText(body)
  if (status === 401 || status === 403) {
    return appError('backend.unauthorized', `The backend refused the credentials (${status})${serverText ? `: ${serverText}` : ''}`, {
      params: { status },
      ...(serverText ? { serverText } : {})
    })
  }
  return appError('backend.http_status', `The backend answered ${status}${serverText ? `: ${serverText}` : ''}`, {
    params: { status },
    ...(serverText ? { serverText } : {})
  })
}

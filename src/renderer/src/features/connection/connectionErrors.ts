import type { AppError } from '@shared/errors'

/**
 * Errors for which "Check connection" is offered: the backend or the SSH tunnel could not be
 * reached, refused, or answered in a way the profile does not expect. A stop is not one of them.
 */
export function isConnectionError(error: AppError | null | undefined): boolean {
  if (!error || error.code === 'backend.aborted') return false
  return /^(backend|ssh|doctor|tls|proxy)\./.test(error.code)
}

import { isConnectionError as isConnectionCode, type AppError } from '@shared/errors'

/**
 * Errors for which "Check connection" is offered: the backend or the SSH tunnel could not be
 * reached, refused, or answered in a way the profile does not expect. A stop is not one of them.
 */
export function isConnectionError(error: AppError | null | undefined): boolean {
  return Boolean(error && isConnectionCode(error.code))
}

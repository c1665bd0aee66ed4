import type { FailureDetails } from '../errors';

/** The `errorType` of a failure that ends an instance or activity for going over a size limit. */
export const SIZE_LIMIT_ERROR_TYPE = 'SizeLimitExceededError';

/**
 * The failure recorded when something an instance produced is over a size limit: a step's history, a work
 * item the sidecar cannot send, a completion a worker cannot deliver. It names the thing, its size, the
 * limit and the option that sets it, and is never retried (the same input gives the same size). As
 * Temporal's history size limit and go-workflows' event limit, the instance then fails instead of looping.
 *
 * @param what - what was too large, e.g. "the history of 'order-1' after this step"
 * @param bytes - its size, bytes
 * @param limit - the limit, bytes
 * @param option - the option that sets the limit, e.g. "SqliteBackend's maxHistoryBytes"
 * @returns the failure details
 */
export function sizeLimitFailure(what: string, bytes: number, limit: number, option: string): FailureDetails {
  return {
    errorType: SIZE_LIMIT_ERROR_TYPE,
    message: `${what} is ${bytes} bytes, over the limit of ${limit} bytes (${option}).`,
    isNonRetriable: true,
  };
}

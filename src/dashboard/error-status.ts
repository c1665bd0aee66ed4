import { WeftError } from '../errors';
import { ERROR_STATUS } from '../http/error-status';

/**
 * The HTTP status and JSON body for an error thrown by the client, by the same code → status table as the
 * HTTP controller. Unexpected errors answer 500 without their message (it may carry internals).
 *
 * @param err - anything thrown
 */
export function errorResponse(err: unknown): { status: number; body: { error: string; code?: string } } {
  if (err instanceof WeftError) {
    return { status: ERROR_STATUS[err.code] ?? 500, body: { error: err.message, code: err.code } };
  }
  return { status: 500, body: { error: 'The dashboard could not complete the request.', code: 'INTERNAL' } };
}

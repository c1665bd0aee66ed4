import { toErrorResponse } from '../http/error-status';
import type { ErrorResponseBody } from '../http/error-status';

/**
 * The HTTP status and JSON body for an error, in the HTTP API's shape `{ error: { code, message } }` and
 * by its code → status table. Unexpected errors answer 500 without their message (it may carry internals).
 *
 * @param err - anything thrown
 */
export function errorResponse(err: unknown): { status: number; body: ErrorResponseBody } {
  const { status, body } = toErrorResponse(err);
  return { status, body };
}

/** An error body built here (no route, read-only, missing header), in the same shape. */
export function errorBody(code: string, message: string): { error: { code: string; message: string } } {
  return { error: { code, message } };
}

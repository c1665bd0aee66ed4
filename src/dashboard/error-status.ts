import { ErrorCodes, WeftError } from '../errors';

const STATUS_BY_CODE: Record<string, number> = {
  [ErrorCodes.WORKFLOW_NOT_FOUND]: 404,
  [ErrorCodes.WORKFLOW_ALREADY_EXISTS]: 409,
  [ErrorCodes.WORKFLOW_NOT_RUNNING]: 409,
  [ErrorCodes.WORKFLOW_NOT_TERMINAL]: 409,
  [ErrorCodes.VALIDATION]: 400,
  [ErrorCodes.TIMEOUT]: 504,
  [ErrorCodes.STORAGE]: 503,
};

/**
 * The HTTP status and JSON body for an error thrown by the client.
 *
 * @param err - anything thrown
 */
export function errorResponse(err: unknown): { status: number; body: { error: string; code?: string } } {
  if (err instanceof WeftError) {
    return { status: STATUS_BY_CODE[err.code] ?? 500, body: { error: err.message, code: err.code } };
  }
  return { status: 500, body: { error: err instanceof Error ? err.message : String(err) } };
}

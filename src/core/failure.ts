import type { FailureDetails } from '../errors';
import { NonRetryableError } from '../errors';

/**
 * Records a thrown value as failure details. Non-Error values (strings, objects) become a message too.
 *
 * @param err - whatever was thrown
 * @returns the failure as history stores it
 */
export function toFailureDetails(err: unknown): FailureDetails {
  if (err instanceof Error) {
    return {
      errorType: err.name || err.constructor?.name || 'Error',
      message: err.message,
      stackTrace: err.stack,
      isNonRetriable: err instanceof NonRetryableError || undefined,
    };
  }
  let message: string;
  try {
    message = typeof err === 'string' ? err : (JSON.stringify(err) ?? String(err));
  } catch {
    message = String(err);
  }
  return { errorType: typeof err === 'object' && err !== null ? 'Object' : typeof err, message };
}

import type { FailureDetails } from '../../../errors';
import type { WireFailureDetails } from '../protocol/wire-types';
import { fromStringValue, toStringValue } from './wire-values';

/**
 * Reads `TaskFailureDetails`. Inner failures are folded into the message (Weft records one level).
 *
 * @param wire - the decoded failure
 * @returns the failure, or undefined when absent
 */
export function failureFromWire(wire: WireFailureDetails | null | undefined): FailureDetails | undefined {
  if (!wire) return undefined;
  let message = wire.errorMessage ?? '';
  for (let inner = wire.innerFailure; inner; inner = inner.innerFailure) {
    message += ` (caused by ${inner.errorType ?? 'Error'}: ${inner.errorMessage ?? ''})`;
  }
  const details: FailureDetails = { errorType: wire.errorType ?? '', message };
  const stackTrace = fromStringValue(wire.stackTrace);
  if (stackTrace !== undefined) details.stackTrace = stackTrace;
  if (wire.isNonRetriable) details.isNonRetriable = true;
  return details;
}

/**
 * Writes failure details as `TaskFailureDetails`.
 *
 * @param details - the failure
 * @returns the wire message, or undefined when absent
 */
export function failureToWire(details: FailureDetails | undefined): WireFailureDetails | undefined {
  if (!details) return undefined;
  return {
    errorType: details.errorType,
    errorMessage: details.message,
    stackTrace: toStringValue(details.stackTrace),
    isNonRetriable: details.isNonRetriable === true,
  };
}

import { ValidationError } from '../../../errors';
import { fromStringValue } from '../convert/wire-values';
import type { WireStringValue } from '../protocol/wire-types';

/**
 * Reads a payload a remote caller sent: a wrapper holding `""` (what some SDKs send for "no value") counts
 * as absent, as everywhere on the wire ({@link fromStringValue}).
 *
 * @param wrapper - the decoded wrapper
 * @returns JSON text or undefined
 */
export function payloadFromWire(wrapper: WireStringValue | null | undefined): string | undefined {
  return fromStringValue(wrapper);
}

/**
 * Like {@link payloadFromWire}, and refuses text that is not JSON.
 *
 * @param wrapper - the decoded wrapper
 * @param what - names the payload in the error
 * @returns JSON text or undefined
 * @throws {@link ValidationError} when the text is not JSON
 */
export function jsonPayloadFromWire(
  wrapper: WireStringValue | null | undefined,
  what: string,
): string | undefined {
  const text = payloadFromWire(wrapper);
  if (text === undefined) return undefined;
  try {
    JSON.parse(text);
  } catch {
    throw new ValidationError(
      `The ${what} is not JSON text: ${text.length > 60 ? `${text.slice(0, 60)}…` : text}`,
    );
  }
  return text;
}

/**
 * Requires a non-empty string field.
 *
 * @param value - the field
 * @param what - names the field in the error
 * @returns the value
 * @throws {@link ValidationError} when it is empty
 */
export function requireField(value: string | undefined, what: string): string {
  if (!value) throw new ValidationError(`The request has no ${what}.`);
  return value;
}

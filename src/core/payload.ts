import { ValidationError } from '../errors';
import { jsonTextNestsDeeperThan, LIMITS, nestsDeeperThan } from './limits';

/** Default largest payload accepted, in bytes of JSON text: 2 MiB ({@link LIMITS.payloadBytes}). */
export const DEFAULT_MAX_PAYLOAD_BYTES = LIMITS.payloadBytes;

/**
 * Turns a value into the JSON text that history stores. `undefined` stays absent; `0`, `""`, `false` and
 * `null` survive.
 *
 * @param value - the value to store
 * @param what - names the payload in errors, e.g. "input of workflow 'orders'"
 * @param maxBytes - the size limit
 * @returns the JSON text, or undefined for `undefined`
 * @throws {@link ValidationError} when the value is not JSON-serialisable, nests deeper than
 *   {@link LIMITS.jsonDepth} levels, or is too large
 */
export function serializePayload(
  value: unknown,
  what: string,
  maxBytes: number = DEFAULT_MAX_PAYLOAD_BYTES,
): string | undefined {
  if (value === undefined) return undefined;
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch (err) {
    // A value nested deep enough overflows JSON.stringify's stack: name the limit, not serialisability.
    if (err instanceof RangeError && nestsDeeperThan(value, LIMITS.jsonDepth)) throw tooDeep(what);
    throw new ValidationError(
      `The ${what} is not JSON-serialisable: ${(err as Error).message}. Pass plain data (no BigInt, no cycles).`,
    );
  }
  if (text === undefined) {
    throw new ValidationError(`The ${what} is not JSON-serialisable (a ${typeof value} has no JSON form).`);
  }
  if (jsonTextNestsDeeperThan(text, LIMITS.jsonDepth)) throw tooDeep(what);
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > maxBytes) {
    throw new ValidationError(`The ${what} is ${bytes} bytes of JSON, over the limit of ${maxBytes} bytes.`);
  }
  return text;
}

function tooDeep(what: string): ValidationError {
  return new ValidationError(
    `The ${what} nests arrays and objects more than ${LIMITS.jsonDepth} levels deep, over the limit of ${LIMITS.jsonDepth}; flatten it.`,
  );
}

/**
 * Parses stored JSON text back into a value; absent text is `undefined`.
 *
 * @param text - JSON text or undefined
 * @returns the value
 */
export function parsePayload<T = unknown>(text: string | undefined | null): T {
  if (text === undefined || text === null) return undefined as T;
  return JSON.parse(text) as T;
}

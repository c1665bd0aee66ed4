import type { WireStringValue, WireTimestamp } from '../protocol/wire-types';

/**
 * Reads a `StringValue`: an absent wrapper and a wrapper holding `""` are both `undefined`. Payloads are
 * JSON text, which is never empty, and durabletask-go sends `""` for "none": its SQLite backend for an
 * instance without input or output, its PostgreSQL backend for one without custom status (Weft's own
 * empty string travels as JSON, `"\"\""`).
 *
 * @param wrapper - the decoded wrapper
 * @returns the text, or undefined when absent or empty
 */
export function fromStringValue(wrapper: WireStringValue | null | undefined): string | undefined {
  if (wrapper === undefined || wrapper === null) return undefined;
  return wrapper.value ? wrapper.value : undefined;
}

/**
 * Writes a `StringValue` payload: `undefined` leaves the wrapper out, any text (even `""`) is wrapped.
 *
 * @param text - the text or undefined
 * @returns the wrapper or undefined
 */
export function toStringValue(text: string | undefined): WireStringValue | undefined {
  return text === undefined ? undefined : { value: text };
}

/**
 * Reads a `Timestamp` as epoch milliseconds.
 *
 * @param ts - the decoded timestamp
 * @returns epoch ms, or undefined when absent
 */
export function fromTimestamp(ts: WireTimestamp | null | undefined): number | undefined {
  if (ts === undefined || ts === null) return undefined;
  return Number(ts.seconds ?? 0) * 1000 + Math.floor((ts.nanos ?? 0) / 1_000_000);
}

/**
 * Writes epoch milliseconds as a `Timestamp`.
 *
 * @param ms - epoch ms, or undefined
 * @returns the timestamp or undefined
 */
export function toTimestamp(ms: number | undefined): WireTimestamp | undefined {
  if (ms === undefined) return undefined;
  const seconds = Math.floor(ms / 1000);
  return { seconds, nanos: (ms - seconds * 1000) * 1_000_000 };
}

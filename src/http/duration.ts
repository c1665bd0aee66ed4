import { ValidationError } from '../errors';

const UNIT_MS: Readonly<Record<string, number>> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
};

/**
 * Parses a duration such as `5s`, `250ms`, `1.5m`, `2h` or `30d`; a bare number is milliseconds, and
 * `Infinity` (or `inf`) waits without a limit.
 *
 * @param text - the duration as written in a query string
 * @param what - names the parameter in errors, e.g. `wait`
 * @returns the duration in milliseconds
 * @throws {@link ValidationError} for anything else, or a negative duration
 */
export function parseDurationMs(text: string, what: string): number {
  if (/^\s*inf(inity)?\s*$/i.test(text)) return Infinity;
  const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?\s*$/.exec(text);
  if (!match) {
    throw new ValidationError(
      `The ${what} '${text}' is not a duration; write e.g. 5s, 250ms, 2m, or a number of milliseconds.`,
    );
  }
  const value = Number(match[1]);
  const unit = match[2] ?? 'ms';
  return Math.round(value * UNIT_MS[unit]);
}

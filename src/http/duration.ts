import { ValidationError } from '../errors';

/** Milliseconds per unit: `ms`, `s`, `m`, `h`, `d` (24 h) and `w` (7 d), as Go's and Dapr's CLI durations plus d/w. */
const UNIT_MS: Readonly<Record<string, number>> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

const COMPOUND = /^(?:\d+(?:\.\d+)?(?:ms|s|m|h|d|w))+$/;
const COMPOUND_PART = /(\d+(?:\.\d+)?)(ms|s|m|h|d|w)/g;
/** ISO 8601 durations without years or months (their length varies): `P1D`, `PT1H30M`, `P2W`, `PT0.5S`. */
const ISO_DURATION =
  /^P(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/i;
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/i;

/** How {@link parseDurationMs} reads its input. */
export interface DurationOptions {
  /**
   * Whether a bare number counts as milliseconds (the HTTP `wait` parameter's rule, the default) or is an error
   * (the CLI's rule: `--filter-max-age 10` is more likely a mistake than 10 ms).
   */
  bareNumber?: 'ms' | 'reject';
  /** Whether `infinity` (or `inf`) is accepted, as `Infinity`: for timeouts and waits, where it means no limit. */
  infinity?: boolean;
}

function isoDurationMs(text: string): number | undefined {
  const match = ISO_DURATION.exec(text);
  if (!match || text.length < 3 || /T$/i.test(text)) return undefined;
  const [, w, d, h, m, s] = match.map((part) => (part === undefined ? 0 : Number(part)));
  return w * UNIT_MS.w + d * UNIT_MS.d + h * UNIT_MS.h + m * UNIT_MS.m + s * UNIT_MS.s;
}

/**
 * The one duration parser of the CLI and the HTTP API. Accepts a number with a unit (`250ms`, `5s`, `1.5m`,
 * `2h`, `7d`, `2w`), compounds of those (`1h30m`, as Go's `time.ParseDuration` which the Dapr CLI uses), ISO
 * 8601 durations (`PT1H30M`, `P1D`), and a bare number as milliseconds unless `options.bareNumber` is `reject`.
 *
 * @param text - the duration as written
 * @param what - names the parameter or option in errors, e.g. `wait` or `--filter-max-age`
 * @param options - see {@link DurationOptions}
 * @returns the duration in milliseconds, rounded to a whole millisecond
 * @throws {@link ValidationError} for anything else
 */
export function parseDurationMs(text: string, what: string, options: DurationOptions = {}): number {
  const trimmed = text.trim();
  if (options.infinity && /^inf(inity)?$/i.test(trimmed)) return Infinity;
  if (/^\d+(?:\.\d+)?$/.test(trimmed) && options.bareNumber !== 'reject') return Math.round(Number(trimmed));
  if (COMPOUND.test(trimmed)) {
    let total = 0;
    for (const [, amount, unit] of trimmed.matchAll(COMPOUND_PART)) total += Number(amount) * UNIT_MS[unit];
    return Math.round(total);
  }
  const iso = isoDurationMs(trimmed);
  if (iso !== undefined) return Math.round(iso);
  const bare = options.bareNumber === 'reject' ? '' : ', or a number of milliseconds';
  throw new ValidationError(
    `${what}: '${text}' is not a duration; write a number with a unit: ms, s, m, h, d or w ` +
      `(e.g. 250ms, 30s, 24h, 7d, 1h30m), an ISO 8601 duration (PT1H30M)${bare}.`,
  );
}

/**
 * Parses a point in time: an ISO 8601 date or date-time (`2026-01-31`, `2026-01-31T12:00:00Z`), or a
 * duration (any form {@link parseDurationMs} takes, bare numbers excepted) measured from `now`.
 *
 * @param text - the time as written
 * @param what - names the option in errors, e.g. `--start-time`
 * @param direction - `1` for a time that far in the future (a start time), `-1` for the past (a max age)
 * @param now - the reference time in ms since the epoch
 * @throws {@link ValidationError} when it is neither
 */
export function parsePointInTime(text: string, what: string, direction: 1 | -1, now = Date.now()): Date {
  const trimmed = text.trim();
  if (ISO_DATE_TIME.test(trimmed)) {
    const date = new Date(trimmed);
    if (!Number.isNaN(date.getTime())) return date;
  }
  let ms: number;
  try {
    ms = parseDurationMs(trimmed, what, { bareNumber: 'reject' });
  } catch {
    throw new ValidationError(
      `${what}: '${text}' is not a duration or an ISO date-time; write an ISO date-time (2026-01-31T12:00:00Z) or a duration ` +
        `${direction > 0 ? 'from now' : 'ago'} (30s, 2h, 7d, 1h30m).`,
    );
  }
  return new Date(now + direction * ms);
}

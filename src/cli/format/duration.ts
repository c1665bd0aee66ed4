import { ValidationError } from '../../errors';

const UNITS_MS: Record<string, number> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

/**
 * Parses a duration such as `90s`, `15m`, `24h`, `7d` or `1h30m` into milliseconds.
 *
 * @param text - the duration
 * @param what - the option it came from, for the error message
 * @param allowInfinity - accept `infinity` (or `inf`) as "no limit", for timeouts
 * @throws {@link ValidationError} for anything else
 */
export function parseDuration(text: string, what: string, allowInfinity = false): number {
  if (allowInfinity && /^inf(inity)?$/i.test(text.trim())) return Infinity;
  const parts = /^(\d+(?:\.\d+)?(?:ms|s|m|h|d|w))+$/.test(text.trim())
    ? text.trim().match(/\d+(?:\.\d+)?(?:ms|s|m|h|d|w)/g)
    : null;
  if (!parts) {
    throw new ValidationError(
      `${what}: '${text}' is not a duration. Use a number with a unit: ms, s, m, h, d or w (e.g. 30s, 24h, 1h30m).`,
    );
  }
  return parts.reduce((sum, part) => {
    const [, amount, unit] = /^(\d+(?:\.\d+)?)(ms|s|m|h|d|w)$/.exec(part) as RegExpExecArray;
    return sum + Number(amount) * UNITS_MS[unit];
  }, 0);
}

/**
 * Formats a span of time the way `kubectl` shows ages: `45s`, `3m`, `5h`, `2d`.
 *
 * @param ms - milliseconds (negative spans show as 0s)
 */
export function formatAge(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours}h`;
  return `${Math.floor(hours / 24)}d`;
}

/**
 * Formats an elapsed time with millisecond precision below a minute: `0s`, `1.25s`, `2m5s`.
 *
 * @param ms - milliseconds
 */
export function formatElapsed(ms: number): string {
  if (ms < 60_000) return `${Number((ms / 1000).toFixed(3))}s`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.floor((ms % 60_000) / 1000);
  if (minutes < 60) return `${minutes}m${seconds}s`;
  return `${Math.floor(minutes / 60)}h${minutes % 60}m`;
}

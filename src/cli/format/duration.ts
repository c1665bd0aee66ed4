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

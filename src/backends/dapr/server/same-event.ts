import type { HistoryEvent } from '../../../core';

/**
 * True when two history events hold the same values (JSON-like: strings, numbers, booleans, null, arrays and
 * plain objects; a key whose value is undefined counts as absent, as in the event's stored JSON). What the
 * sidecar's caches use to tell an event read back from the store from the one they hold, faster than
 * `util.isDeepStrictEqual` on these small objects.
 *
 * @param a - one event
 * @param b - the other
 * @returns whether they are equal
 */
export function sameEvent(a: HistoryEvent, b: HistoryEvent): boolean {
  return sameValue(a, b);
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameValue(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  let defined = 0;
  for (const key in x) {
    if (x[key] === undefined) continue;
    defined += 1;
    if (!sameValue(x[key], y[key])) return false;
  }
  for (const key in y) if (y[key] !== undefined) defined -= 1;
  return defined === 0;
}

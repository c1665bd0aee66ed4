import { sleep as longSleep } from '../../../core';

/** Exponential backoff with jitter. */
export interface BackoffOptions {
  /** First delay in ms. Default 100. */
  initialDelayMs?: number;
  /** Longest delay in ms. Default 5000. */
  maxDelayMs?: number;
}

/**
 * The delay before retry number `attempt` (0-based): `initial * 2^attempt` capped at `max`, then scaled
 * by a random factor in [0.5, 1) so that many workers do not reconnect in step.
 *
 * @param attempt - consecutive failures so far
 * @param options - the bounds
 * @param random - random source in [0, 1)
 * @returns the delay in ms
 */
export function backoffDelay(attempt: number, options: BackoffOptions = {}, random = Math.random): number {
  const initial = options.initialDelayMs ?? 100;
  const max = options.maxDelayMs ?? 5000;
  const capped = Math.min(max, initial * 2 ** Math.min(attempt, 30));
  return Math.round(capped * (0.5 + random() / 2));
}

/** Resolves after `ms` (any length). */
export function sleep(ms: number): Promise<void> {
  return longSleep(ms);
}

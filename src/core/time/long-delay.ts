/**
 * Delays of any length. Node's `setTimeout` holds at most 2^31-1 ms (about 24.8 days); a longer delay
 * fires after 1 ms with a `TimeoutOverflowWarning`, which turned a 30-day durable timer into a busy loop.
 * Every delay Weft waits on goes through here: it waits in chunks under the limit, re-checking the wall
 * clock at each chunk, so a 30-day wait wakes twice and a year-long one 15 times.
 */

/** The longest delay, in ms, a single Node timer can hold (2^31-1). */
export const MAX_TIMER_DELAY_MS = 2_147_483_647;

/** Options of {@link scheduleAfter}. */
export interface LongDelayOptions {
  /** Do not keep the process alive for this delay (as `timer.unref()`). Default false. */
  unref?: boolean;
  /** Wall clock in epoch ms; injectable for tests of the chunking. Default `Date.now`. */
  now?: () => number;
}

/** Counts of chunk timers armed by {@link scheduleAfter} since the process started (diagnostics). */
export const longDelayStats = { armed: 0 };

/**
 * Calls `fn` once, `delayMs` from now. Any length works: 0 to years, and `Infinity` (never fires).
 * Negative or NaN delays fire on the next turn, as `setTimeout` does.
 *
 * @param delayMs - the delay in ms
 * @param fn - what to call
 * @param options - unref and clock
 * @returns a function that cancels the call (idempotent)
 */
export function scheduleAfter(delayMs: number, fn: () => void, options: LongDelayOptions = {}): () => void {
  if (delayMs === Infinity) return () => {};
  const now = options.now ?? Date.now;
  const delay = Number.isNaN(delayMs) ? 0 : Math.max(0, delayMs);
  const deadline = now() + delay;
  let handle: NodeJS.Timeout | undefined;
  let cancelled = false;
  const arm = (remaining: number): void => {
    longDelayStats.armed += 1;
    handle = setTimeout(tick, Math.min(remaining, MAX_TIMER_DELAY_MS));
    if (options.unref) handle.unref();
  };
  function tick(): void {
    if (cancelled) return;
    const remaining = deadline - now();
    // A chunk can end a little early or the clock may have moved back: wait out the rest.
    if (remaining > 0 && delay > MAX_TIMER_DELAY_MS) return arm(remaining);
    handle = undefined;
    fn();
  }
  arm(delay);
  return () => {
    cancelled = true;
    if (handle) clearTimeout(handle);
  };
}

/**
 * Calls `fn` once the wall clock reaches `at` (epoch ms); see {@link scheduleAfter}.
 *
 * @param at - when, epoch ms; `Infinity` never fires
 * @param fn - what to call
 * @param options - unref and clock
 * @returns a function that cancels the call
 */
export function scheduleAt(at: number, fn: () => void, options: LongDelayOptions = {}): () => void {
  return scheduleAfter(at - (options.now ?? Date.now)(), fn, options);
}

/**
 * Resolves after `delayMs` (any length; `Infinity` never resolves unless aborted).
 *
 * @param delayMs - the delay in ms
 * @param signal - rejects with the signal's reason when aborted, and cancels the timer
 */
export function sleep(delayMs: number, signal?: AbortSignal): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      cancel();
      reject(signal?.reason);
    };
    const cancel = scheduleAfter(delayMs, () => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    });
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Settles as `work` does, or rejects with `onTimeout()` once `timeoutMs` has passed (any length;
 * `undefined` or `Infinity` waits for ever). The timer is cancelled when `work` settles.
 *
 * @param work - what to wait for
 * @param timeoutMs - the limit in ms
 * @param onTimeout - builds the error to reject with
 */
export function withTimeout<T>(
  work: Promise<T>,
  timeoutMs: number | undefined,
  onTimeout: () => Error,
): Promise<T> {
  if (timeoutMs === undefined || timeoutMs === Infinity) return work;
  let cancel = (): void => {};
  const deadline = new Promise<never>((_, reject) => {
    cancel = scheduleAfter(timeoutMs, () => reject(onTimeout()));
  });
  return Promise.race([work, deadline]).finally(cancel);
}

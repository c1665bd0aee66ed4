import { scheduleAt } from './time/long-delay';

/** Where engines read time and wait for it; the test harness swaps in a virtual clock. */
export interface Clock {
  /** Current time, epoch ms. */
  now(): number;
  /**
   * Calls `fn` once the clock reaches `at` (epoch ms).
   * @returns a function that cancels the call
   */
  schedule(at: number, fn: () => void): () => void;
}

/** The wall clock. */
export const systemClock: Clock = {
  now: () => Date.now(),
  // Any distance works, years or Infinity included (a plain setTimeout overflows past 24.8 days).
  schedule: (at, fn) => scheduleAt(at, fn),
};

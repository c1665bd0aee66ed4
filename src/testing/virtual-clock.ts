import type { Clock } from '../core';

interface ScheduledCall {
  at: number;
  fn: () => void;
}

/** A clock that moves only when told to: the test harness skips it ahead to the next due timer. */
export class VirtualClock implements Clock {
  private current: number;
  private scheduled: ScheduledCall[] = [];

  /** @param start - the starting time, epoch ms */
  constructor(start: number = Date.now()) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  schedule(at: number, fn: () => void): () => void {
    if (at <= this.current) {
      const handle = setImmediate(fn);
      return () => clearImmediate(handle);
    }
    const call = { at, fn };
    this.scheduled.push(call);
    return () => {
      this.scheduled = this.scheduled.filter((c) => c !== call);
    };
  }

  /** The earliest scheduled call, epoch ms, if any. */
  nextScheduledAt(): number | undefined {
    let min: number | undefined;
    for (const c of this.scheduled) if (min === undefined || c.at < min) min = c.at;
    return min;
  }

  /** Moves time forward to `at` and runs the calls that became due, in time order. */
  advanceTo(at: number): void {
    if (at > this.current) this.current = at;
    const due = this.scheduled.filter((c) => c.at <= this.current).sort((a, b) => a.at - b.at);
    this.scheduled = this.scheduled.filter((c) => c.at > this.current);
    for (const c of due) c.fn();
  }
}

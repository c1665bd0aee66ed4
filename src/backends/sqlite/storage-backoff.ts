import type { Logger } from '../../core';
import { isTransientStorageFailure } from './storage-health';

/** Back-off of work that failed on storage: the first wait, doubling up to the cap (ms). */
export interface StorageRetryTiming {
  initialMs: number;
  maxMs: number;
}

/**
 * The worker's side of storage failures: which failures to wait out, how long (exponential, capped), one
 * warning on the way into failure and one note on the way out (not one per retry), and waits that stop
 * cuts short.
 */
export class StorageBackoff {
  private failing = false;
  private readonly waits = new Set<() => void>();
  private stopped = false;

  /**
   * @param timing - first wait and cap (ms)
   * @param logger - where the warning and the recovery note go
   */
  constructor(
    private readonly timing: StorageRetryTiming,
    private readonly logger: Logger,
  ) {}

  /** The wait before retry `attempt` (1-based), ms. */
  delayMs(attempt: number): number {
    return Math.min(this.timing.maxMs, this.timing.initialMs * 2 ** Math.min(attempt - 1, 20));
  }

  /** Notes a failure; true when it is one that may pass (then warned about once until storage works). */
  fails(err: unknown): boolean {
    if (!isTransientStorageFailure(err)) return false;
    if (!this.failing) {
      this.failing = true;
      this.logger.warn(
        `Weft storage is failing; work is kept and retried with back-off (up to ${this.timing.maxMs} ms): ${(err as Error).message}`,
      );
    }
    return true;
  }

  /** Notes a write that committed. */
  works(): void {
    if (!this.failing) return;
    this.failing = false;
    this.logger.info('Weft storage works again; resuming work.');
  }

  /**
   * Commits through `write`, retrying with back-off while storage fails in a way that may pass (disk full,
   * read-only file, lock held), so a computed step or activity outcome is stored once storage recovers
   * instead of being thrown away and computed again.
   *
   * @param write - the commit
   * @param giveUp - true when retrying should stop (the worker stops, the file is lost)
   * @throws the write's error when it is not a passing storage failure, or once `giveUp()` holds
   */
  async retry<T>(write: () => Promise<T>, giveUp: () => boolean): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        const result = await write();
        this.works();
        return result;
      } catch (err) {
        if (this.stopped || giveUp() || !this.fails(err)) throw err;
        await this.wait(this.delayMs(attempt));
      }
    }
  }

  /** Ends every wait now; later retries give up. */
  stop(): void {
    this.stopped = true;
    for (const cut of [...this.waits]) cut();
  }

  private wait(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const cut = () => {
        clearTimeout(timer);
        this.waits.delete(cut);
        resolve();
      };
      const timer = setTimeout(cut, ms);
      this.waits.add(cut);
    });
  }
}

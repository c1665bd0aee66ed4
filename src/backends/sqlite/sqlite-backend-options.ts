import type { Clock, Logger } from '../../core';
import { ValidationError } from '../../errors';
import type { CheckpointerOptions } from './checkpointer';
import type { RetentionPolicy, RetentionSweepOptions } from './retention';
import type { SyncFile } from './wal-sync';

/** Options of {@link SqliteBackend}. */
export interface SqliteBackendOptions {
  /** Database file; its directory is created. Default `.weft/weft.db`; `':memory:'` for a private in-memory one. */
  path?: string;
  /**
   * Durability. `FULL` (default) makes every commit durable across power loss before it is acknowledged;
   * `NORMAL` may lose the last commits on power loss (never on a process crash) and is faster. As SQLite's
   * `synchronous` setting in WAL mode.
   */
  synchronous?: 'FULL' | 'NORMAL';
  /**
   * Where the disk is waited for. `true` (default): commits are flushed to disk (`fdatasync` of the WAL, on
   * libuv's thread pool) and the WAL is checkpointed on a worker thread, so the event loop that runs
   * workflow and activity code never waits for the disk; a commit is still acknowledged only once it is on
   * disk (see `WalSync`). `false`: SQLite syncs inside COMMIT and checkpoints itself, on the event loop.
   * Ignored for `':memory:'`.
   */
  offloadSync?: boolean;
  /**
   * How the WAL is flushed when `offloadSync` (default `fs.fdatasync`). For tests that hold the disk back
   * or make it fail; not for production use.
   */
  syncFile?: SyncFile;
  /** When the checkpointer thread runs and when it lets the WAL start over (with `offloadSync`). */
  checkpoint?: CheckpointerOptions;
  /** How long a claim on work holds without renewal; after a crash, work resumes once it expires. Default 15 s. */
  leaseMs?: number;
  /** How often an idle worker looks for work from other processes. Default 250 ms. */
  pollIntervalMs?: number;
  /** How long to wait for another process's write lock. Default 5 s. */
  busyTimeoutMs?: number;
  /** Time source (the test harness passes a virtual clock). */
  clock?: Clock;
  /** Diagnostics. Default `console`. */
  logger?: Logger;
  /**
   * How often (ms) the database file is checked to still be the one opened, besides before every commit
   * and after a failed one (see {@link SqliteBackend.health}). Default 1000.
   */
  fileCheckIntervalMs?: number;
  /**
   * Back-off (ms) of work that failed on storage (disk full, read-only file): the first retry waits
   * `initialMs`, each next one twice as long up to `maxMs`. Default 100 and 5000.
   */
  storageRetryMs?: { initialMs: number; maxMs: number };
  /**
   * How long finished instances are kept (ms per terminal status, or `anyTerminal`), as Dapr's
   * `stateRetentionPolicy`; then they are purged with their history and their children's. Default: kept
   * until purged by hand.
   */
  retention?: RetentionPolicy;
  /** Batch size (default 100 per commit) and period (default 60 s) of the retention sweep. */
  retentionSweep?: RetentionSweepOptions;
  /**
   * Largest history of one instance, bytes of event JSON. Default {@link LIMITS.historyBytes} (48 MiB);
   * `Infinity` for none. A step that would grow a history past it fails the instance with a
   * `SizeLimitExceededError` naming the size (use continue-as-new for long-lived workflows).
   */
  maxHistoryBytes?: number;
  /**
   * Most external events one instance may have waiting in its inbox, unconsumed. Default
   * {@link LIMITS.pendingEvents} (10,000); `Infinity` for none. A client's `raiseEvent` that would pass it
   * (or {@link SqliteBackendOptions.maxPendingEventBytes}) is refused with `TooManyPendingEventsError` and
   * writes nothing; events sent by workflows and system messages (activity outcomes, timers, child
   * completions, terminate/suspend/resume) are never refused, but the events count.
   */
  maxPendingEvents?: number;
  /**
   * Most bytes (stored event JSON) of external events one instance may have waiting. Default
   * {@link LIMITS.pendingEventBytes} (16 MiB); `Infinity` for none.
   */
  maxPendingEventBytes?: number;
}

/**
 * Checks `maxPendingEvents` and `maxPendingEventBytes`: each absent, a whole number ≥ 1, or `Infinity`.
 *
 * @throws {@link ValidationError} naming the option and the value
 */
export function checkPendingEventLimits(options: SqliteBackendOptions): void {
  for (const name of ['maxPendingEvents', 'maxPendingEventBytes'] as const) {
    const value = options[name];
    if (value === undefined || value === Infinity || (Number.isInteger(value) && value >= 1)) continue;
    throw new ValidationError(
      `SqliteBackend option ${name} is ${String(value)}; give a whole number ≥ 1, or Infinity for no limit.`,
    );
  }
}

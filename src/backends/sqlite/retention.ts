import { ValidationError } from '../../errors';
import type { Clock, Logger } from '../../core';
import { scheduleAfter, WorkflowStatus } from '../../core';
import type { CommitQueue } from './commit-queue';
import type { InstanceOperations } from './instance-operations';
import type { Statements } from './statements';

/**
 * How long finished instances are kept, in ms since they finished, per terminal status (as Dapr's
 * `workflow.stateRetentionPolicy`). `anyTerminal` applies to each terminal status without its own entry
 * (and to CANCELED). A status with no window is kept until purged by hand; `Infinity` keeps it too.
 */
export interface RetentionPolicy {
  /** Window for COMPLETED instances, ms. */
  completed?: number;
  /** Window for FAILED instances, ms. */
  failed?: number;
  /** Window for TERMINATED instances, ms. */
  terminated?: number;
  /** Window for any terminal status without its own entry, ms. */
  anyTerminal?: number;
}

/** Timing of the retention sweep. */
export interface RetentionSweepOptions {
  /** Instances purged per commit. Default 100. */
  batchSize?: number;
  /** How often the sweep runs while the backend is open, ms. Default 60 s. */
  intervalMs?: number;
}

const KEYS = ['completed', 'failed', 'terminated', 'anyTerminal'] as const;

/**
 * Refuses a retention policy with an unknown key or a window that is not a number ≥ 0.
 *
 * @param policy - the policy given
 * @throws {@link ValidationError} naming the key
 */
export function checkRetentionPolicy(policy: RetentionPolicy): void {
  for (const [key, value] of Object.entries(policy)) {
    if (!(KEYS as readonly string[]).includes(key)) {
      throw new ValidationError(`retention: unknown key '${key}'; use ${KEYS.join(', ')} (ms).`);
    }
    if (value === undefined) continue;
    if (typeof value !== 'number' || Number.isNaN(value) || value < 0) {
      throw new ValidationError(
        `retention.${key} must be a number of ms ≥ 0 (or Infinity); got ${String(value)}.`,
      );
    }
  }
}

/**
 * The window of each terminal status under a policy; statuses kept forever are left out.
 *
 * @param policy - the policy
 * @returns status → window in ms
 */
export function retentionWindows(policy: RetentionPolicy): Map<WorkflowStatus, number> {
  const windows = new Map<WorkflowStatus, number>();
  const put = (status: WorkflowStatus, window: number | undefined) => {
    const ms = window ?? policy.anyTerminal;
    if (ms !== undefined && Number.isFinite(ms)) windows.set(status, ms);
  };
  put(WorkflowStatus.COMPLETED, policy.completed);
  put(WorkflowStatus.FAILED, policy.failed);
  put(WorkflowStatus.TERMINATED, policy.terminated);
  put(WorkflowStatus.CANCELED, undefined);
  return windows;
}

/**
 * Purges finished instances whose retention window has passed: roots (instances without a live parent
 * row) with their terminal descendants' rows and history, oldest first, `batchSize` per commit through
 * the commit queue, so other operations get their commits between batches. Runs every `intervalMs` on an
 * unref'd long-delay timer (`scheduleAfter`, so any period works; the window is measured on the engine's
 * clock, the period is not), and on demand through {@link RetentionSweeper.sweep}.
 */
export class RetentionSweeper {
  private readonly windows: Map<WorkflowStatus, number>;
  private readonly batchSize: number;
  private readonly intervalMs: number;
  private cancelTimer: (() => void) | undefined;
  private running: Promise<number> | undefined;

  /**
   * @param s - the statement catalog
   * @param instances - purges
   * @param commits - the commit queue each batch goes through
   * @param clock - the engine's time (windows are measured on it)
   * @param logger - a failed sweep is logged, not thrown
   * @param policy - the windows
   * @param options - batch size and period
   */
  constructor(
    private readonly s: Statements,
    private readonly instances: InstanceOperations,
    private readonly commits: CommitQueue,
    private readonly clock: Clock,
    private readonly logger: Logger,
    policy: RetentionPolicy,
    options: RetentionSweepOptions = {},
  ) {
    this.windows = retentionWindows(policy);
    this.batchSize = options.batchSize ?? 100;
    this.intervalMs = options.intervalMs ?? 60_000;
  }

  /** Starts the periodic sweep (and runs one now); does nothing when no status has a window. */
  start(): void {
    if (this.windows.size === 0 || this.cancelTimer) return;
    const tick = () => {
      this.cancelTimer = scheduleAfter(this.intervalMs, tick, { unref: true });
      if (this.running) return; // still sweeping: this period is skipped
      this.sweep().catch((err: unknown) =>
        this.logger.warn(
          `Weft retention: a sweep failed and is retried next period: ${(err as Error).message}`,
        ),
      );
    };
    tick();
  }

  /** Stops the periodic sweep and waits for a running one. */
  async stop(): Promise<void> {
    this.cancelTimer?.();
    this.cancelTimer = undefined;
    await this.running?.catch(() => undefined);
  }

  /**
   * Purges every instance whose window has passed at the clock's current time, batch by batch. A call
   * while a sweep runs starts another after it (measured at its own start), never two at once.
   *
   * @returns how many root instances were purged
   */
  sweep(): Promise<number> {
    const run = (this.running ?? Promise.resolve(0)).catch(() => 0).then(() => this.sweepAll());
    this.running = run;
    const clear = () => {
      if (this.running === run) this.running = undefined;
    };
    run.then(clear, clear);
    return run;
  }

  private async sweepAll(): Promise<number> {
    const now = this.clock.now();
    let purged = 0;
    for (const [status, window] of this.windows) {
      const before = now - window;
      let after = { at: -1, id: '' };
      for (;;) {
        const batch = await this.commits.enqueue(() => this.purgeBatch(status, before, after));
        purged += batch.purged;
        if (!batch.last) break;
        after = batch.last;
      }
    }
    return purged;
  }

  /** One commit: up to `batchSize` candidates after the cursor; returns the cursor when the batch was full. */
  private purgeBatch(
    status: WorkflowStatus,
    before: number,
    after: { at: number; id: string },
  ): { purged: number; last?: { at: number; id: string } } {
    const rows = this.s.retentionCandidates.all({
      status,
      before,
      afterAt: after.at,
      afterId: after.id,
      limit: this.batchSize,
    }) as { instance_id: string; completed_at: number }[];
    let purged = 0;
    for (const row of rows) {
      try {
        if (this.instances.purge(row.instance_id, true)) purged += 1;
      } catch (err) {
        // e.g. a live descendant: kept, and passed over by the cursor until the next sweep.
        this.logger.warn(`Weft retention: kept '${row.instance_id}': ${(err as Error).message}`);
      }
    }
    const tail = rows[rows.length - 1];
    return rows.length < this.batchSize || !tail
      ? { purged }
      : { purged, last: { at: tail.completed_at, id: tail.instance_id } };
  }
}

import type Database from 'better-sqlite3';
import type { Clock } from '../../core';
import { CommitQueue } from './commit-queue';
import { EagerStart } from './eager-start';
import { FusedStep } from './fused-step';
import { HistoryWriter } from './history-writer';
import { IdleInstances } from './idle-instances';
import { Inbox } from './inbox';
import { InstanceOperations } from './instance-operations';
import type { PendingEventLimits } from './instance-operations';
import { InstanceReads } from './instance-reads';
import { InstanceWatchers } from './instance-watchers';
import { Rerun } from './rerun';
import { Stalls } from './stalls';
import { prepareStatements } from './statements';
import type { Statements } from './statements';
import { StepCommit } from './step-commit';
import type { WalSync } from './wal-sync';

/**
 * The embedded engine's named parts on one open database, wired together. Writes go through `commits`
 * (group commit); reads go straight to `reads`.
 */
export class SqliteEngine {
  /** Group commit, and the hand-over of committed work to the in-process worker. */
  readonly commits: CommitQueue;
  /** Instances, histories and pages. */
  readonly reads: InstanceReads;
  /** Work queues and leases. */
  readonly inbox: Inbox;
  /** In-process change notification and waits. */
  readonly watchers: InstanceWatchers;
  /** Create, raise, control, purge. */
  readonly instances: InstanceOperations;
  /** STALLED instances: held-back events, wake-ups. */
  readonly stalls: Stalls;
  /** The step commit and activity outcomes. */
  readonly steps: StepCommit;
  /** Activity outcome and next step in one commit. */
  readonly fused: FusedStep;
  /** A new instance and its first step in one commit. */
  readonly eager: EagerStart;
  /** Rerun from an event. */
  readonly rerun: Rerun;
  /** The statement catalog (for parts built on the engine, e.g. the retention sweep). */
  readonly statements: Statements;

  /**
   * @param db - the open, migrated database
   * @param clock - the engine's time
   * @param leaseMs - how long a lease holds without renewal
   * @param maxHistoryBytes - the history size limit of each instance, bytes (none when absent)
   * @param durability - flushes commits to disk off the event loop (absent: COMMIT itself is durable)
   * @param eventLimits - what a client's raise-event may add to an inbox (absent: no limit)
   */
  constructor(
    db: Database.Database,
    clock: Clock,
    leaseMs: number,
    maxHistoryBytes?: number,
    durability?: WalSync,
    eventLimits?: PendingEventLimits,
  ) {
    const s = prepareStatements(db);
    this.statements = s;
    this.commits = new CommitQueue(db, 512, undefined, durability);
    this.reads = new InstanceReads(db, s);
    // Other connections' commits, for the waits' shared poll: sampled now, before any wait's first read.
    const reads = this.reads;
    let version = reads.dataVersion();
    this.watchers = new InstanceWatchers(() => {
      const now = reads.dataVersion();
      if (now === version) return false;
      version = now;
      return true;
    });
    this.inbox = new Inbox(s, clock, leaseMs);
    this.instances = new InstanceOperations(s, this.inbox, this.watchers, clock, eventLimits);
    this.stalls = new Stalls(s);
    const history = new HistoryWriter(db);
    const idle = new IdleInstances();
    this.steps = new StepCommit(
      s,
      history,
      this.inbox,
      this.instances,
      this.stalls,
      this.watchers,
      clock,
      idle,
      maxHistoryBytes,
    );
    this.fused = new FusedStep(this.reads, this.inbox, this.steps, clock, idle);
    this.eager = new EagerStart(this.reads, this.instances, this.steps, clock);
    this.rerun = new Rerun(s, history, this.reads, this.instances, this.inbox, this.watchers, clock);
  }
}

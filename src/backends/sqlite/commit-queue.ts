import type Database from 'better-sqlite3';

/** What an operation in a group commit may register: effects that run only once the commit is durable. */
export interface CommitScope {
  /** Runs `fn` after the transaction committed (not if this operation or the commit failed). */
  afterCommit(fn: () => void): void;
}

interface PendingOp {
  run(scope: CommitScope): unknown;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

/**
 * Group commit: operations enqueued in one turn of the event loop run in one `BEGIN IMMEDIATE`
 * transaction (each in its own savepoint, so one failing rolls back only itself), and are resolved
 * together once the commit, and its single fsync, is done.
 */
export class CommitQueue {
  private pending: PendingOp[] = [];
  private scheduled = false;
  private readonly begin: Database.Statement;
  private readonly commit: Database.Statement;
  private readonly rollback: Database.Statement;
  private readonly savepoint: Database.Statement;
  private readonly release: Database.Statement;
  private readonly rollbackTo: Database.Statement;
  /** Transactions committed so far (for diagnostics and benchmarks). */
  commits = 0;

  /**
   * @param db - the open database
   * @param maxBatch - most operations in one transaction
   * @param beforeBatch - called at the start of each batch
   */
  constructor(
    private readonly db: Database.Database,
    private readonly maxBatch = 512,
    private readonly beforeBatch: () => void = () => {},
  ) {
    this.begin = db.prepare('BEGIN IMMEDIATE');
    this.commit = db.prepare('COMMIT');
    this.rollback = db.prepare('ROLLBACK');
    this.savepoint = db.prepare('SAVEPOINT op');
    this.release = db.prepare('RELEASE op');
    this.rollbackTo = db.prepare('ROLLBACK TO op');
  }

  /**
   * Queues an operation for the next group commit.
   *
   * @param run - synchronous database work; its return value resolves the promise once committed
   * @returns the operation's result, after commit
   */
  enqueue<T>(run: (scope: CommitScope) => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.pending.push({ run, resolve: resolve as (v: unknown) => void, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  /** Runs every queued operation now (used by close). */
  flush(): void {
    this.scheduled = false;
    while (this.pending.length > 0) {
      const batch = this.pending.splice(0, this.maxBatch);
      this.runBatch(batch);
    }
  }

  /**
   * Runs a batch in one transaction. First optimistically, every operation straight in the transaction;
   * if one throws, the whole transaction is rolled back and the batch runs again with each operation in
   * its own savepoint, so only the failing ones fail. Operations are plain database work plus effects
   * registered for after the commit, so running one twice is safe.
   */
  private runBatch(batch: PendingOp[]): void {
    let outcomes = this.runInTransaction(batch, false);
    if (outcomes === 'isolate') outcomes = this.runInTransaction(batch, true);
    if (outcomes === 'isolate' || outcomes === undefined) return;
    outcomes.forEach((o, i) => {
      if (!o.ok) return batch[i].reject(o.value);
      for (const fn of o.effects) fn();
      batch[i].resolve(o.value);
    });
  }

  /**
   * @returns the outcomes once committed; `'isolate'` when an operation failed outside a savepoint (run
   *   again isolated); undefined when the transaction itself failed (every operation was rejected)
   */
  private runInTransaction(batch: PendingOp[], isolate: boolean): Outcome[] | 'isolate' | undefined {
    const outcomes: Outcome[] = [];
    try {
      this.beforeBatch();
      this.begin.run();
    } catch (err) {
      for (const op of batch) op.reject(err);
      return undefined;
    }
    for (const op of batch) {
      const effects: (() => void)[] = [];
      if (isolate) this.savepoint.run();
      try {
        const value = op.run({ afterCommit: (fn) => effects.push(fn) });
        if (isolate) this.release.run();
        outcomes.push({ ok: true, value, effects });
      } catch (err) {
        if (!isolate) {
          this.rollback.run();
          return 'isolate';
        }
        this.rollbackTo.run();
        this.release.run();
        outcomes.push({ ok: false, value: err, effects: [] });
      }
    }
    try {
      this.commit.run();
      this.commits += 1;
    } catch (err) {
      if (this.db.inTransaction) this.rollback.run();
      for (const op of batch) op.reject(err);
      return undefined;
    }
    return outcomes;
  }
}

interface Outcome {
  ok: boolean;
  value: unknown;
  effects: (() => void)[];
}

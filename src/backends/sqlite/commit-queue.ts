import type Database from 'better-sqlite3';
import { StorageError, WeftError } from '../../errors';
import type { ActivityClaim, Handover, WorkflowClaim, WorkRoom, WorkSink } from './handover';
import { emptyHandover } from './handover';
import { sqliteCode, StorageHealth } from './storage-health';
import type { WalSync } from './wal-sync';

/**
 * What an operation in a group commit may do beyond database work: register effects that run only once
 * the commit is durable, and hand work to the in-process worker. Work is handed over by collecting it
 * here; the commit queue drains it to the worker after the commit (the data code never calls the worker).
 */
export interface CommitScope {
  /** Runs `fn` once the transaction is committed and on disk (not if this operation or the commit failed). */
  afterCommit(fn: () => void): void;
  /** The lease owner of the in-process worker when it takes work in this batch; undefined otherwise. */
  readonly localOwner: string | undefined;
  /** Takes room for one workflow step in the local worker; false (noted as overflow) when there is none. */
  reserveWorkflow(): boolean;
  /** Takes room for one activity in the local worker; false (noted as overflow) when there is none. */
  reserveActivity(): boolean;
  /** Hands a step leased to the local worker over, after commit (room reserved first). */
  handWorkflow(claim: WorkflowClaim): void;
  /** Hands an activity leased to the local worker over, after commit (room reserved first). */
  handActivity(claim: ActivityClaim): void;
  /** Tells the local worker, after commit, that a message becomes due at `at` (epoch ms, engine clock). */
  noteTimer(at: number): void;
}

/**
 * When an operation's promise resolves: `'durable'` (default) once its commit is on disk, for everything a
 * caller outside the engine is told; `'commit'` as soon as the transaction committed, for the in-process
 * worker's own bookkeeping (its next work was handed over at commit already). Effects registered with
 * {@link CommitScope.afterCommit} always wait for the disk.
 */
export type CommitAck = 'durable' | 'commit';

interface PendingOp {
  run(scope: CommitScope): unknown;
  ack: CommitAck;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

/**
 * Group commit: operations enqueued in one turn of the event loop run in one `BEGIN IMMEDIATE`
 * transaction (each in its own savepoint, so one failing rolls back only itself). Right after COMMIT the
 * work the batch leased to the in-process worker is handed over; with a {@link WalSync} the operations
 * are acknowledged (and their effects run) once the commit is on disk, flushed off the event loop, so
 * the thread keeps running workflow and activity code meanwhile. Raw SQLite failures reach callers as
 * {@link StorageError} with the driver's error as `cause`; Weft's own errors pass through.
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
  private sink: WorkSink | undefined;
  /** Transactions committed so far (for diagnostics and benchmarks). */
  commits = 0;

  /**
   * @param db - the open database
   * @param maxBatch - most operations in one transaction
   */
  constructor(
    private readonly db: Database.Database,
    private readonly maxBatch = 512,
    /** Told of failed writes and of commits. */
    readonly health = new StorageHealth(),
    /** Flushes commits to disk off the event loop; without it a commit is durable when COMMIT returns. */
    private readonly durability?: WalSync,
  ) {
    this.begin = db.prepare('BEGIN IMMEDIATE');
    this.commit = db.prepare('COMMIT');
    this.rollback = db.prepare('ROLLBACK');
    this.savepoint = db.prepare('SAVEPOINT op');
    this.release = db.prepare('RELEASE op');
    this.rollbackTo = db.prepare('ROLLBACK TO op');
  }

  /**
   * Asked before every batch; an error returned refuses the whole batch with it (the file guard's
   * "database file lost").
   */
  check: (() => StorageError | undefined) | undefined;
  /** Told of every batch that failed as a whole inside SQLite (the file guard looks at the file then). */
  onFailure: ((err: unknown) => void) | undefined;
  /** Told after every commit (the checkpointer counts them). */
  onCommit: (() => void) | undefined;
  private held: Promise<void> | undefined;

  /**
   * Holds batches (operations keep queueing) until `until` settles: the checkpointer's moment without a
   * writer. The event loop is not blocked.
   */
  hold(until: Promise<void>): void {
    const held = until.finally(() => {
      if (this.held !== held) return;
      this.held = undefined;
      if (this.pending.length > 0 && !this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
    this.held = held;
  }

  /**
   * Resolves once everything committed so far is on disk (at once without a `WalSync`).
   *
   * @throws {@link StorageError} (rejects) when flushing failed
   */
  async durable(): Promise<void> {
    await this.durability?.barrier();
  }

  /** Sets (or with undefined, clears) the in-process worker that committed work is handed to. */
  attach(sink: WorkSink | undefined): void {
    this.sink = sink;
  }

  /**
   * Queues an operation for the next group commit.
   *
   * @param run - synchronous database work; its return value resolves the promise once committed
   * @param ack - when the promise resolves: once on disk (default) or once committed (see {@link CommitAck})
   * @returns the operation's result, after commit
   * @throws {@link StorageError} when SQLite fails or flushing the commit to disk failed; the operation's
   *   own {@link WeftError}s as thrown
   */
  enqueue<T>(run: (scope: CommitScope) => T, ack: CommitAck = 'durable'): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.pending.push({ run, ack, resolve: resolve as (v: unknown) => void, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  /**
   * Runs every queued operation now (used by close).
   *
   * @param force - run even while held (close must not leave operations behind)
   */
  flush(force = false): void {
    this.scheduled = false;
    if (this.held && !force) return;
    while (this.pending.length > 0) {
      const batch = this.pending.splice(0, this.maxBatch);
      try {
        this.runBatch(batch);
      } catch (err) {
        // Never let a failure escape into the event loop (it would end the process): fail the batch.
        this.abort(batch, err);
      }
    }
  }

  /**
   * Runs a batch in one transaction. First optimistically, every operation straight in the transaction;
   * if one throws, the whole transaction is rolled back and the batch runs again with each operation in
   * its own savepoint, so only the failing ones fail. Operations are plain database work plus effects
   * collected for after the commit, so running one twice is safe. After the commit, each operation's
   * effects run, then what the batch handed over goes to the worker.
   */
  private runBatch(batch: PendingOp[]): void {
    const refusal = this.check?.() ?? this.durability?.error;
    if (refusal) {
      for (const op of batch) op.reject(refusal);
      return;
    }
    let result = this.runInTransaction(batch, false);
    if (result === 'isolate') result = this.runInTransaction(batch, true);
    if (result === 'isolate' || result === undefined) return;
    const { outcomes, handover } = result;
    this.health.committed();
    const commitNumber = this.durability?.committed();
    this.onCommit?.();
    // The worker's next work goes now: it is leased in this commit, and whatever it commits next is
    // ordered after it in the WAL, so nothing derived from it can be on disk without it.
    const h = handover;
    if (h.workflows.length || h.activities.length || h.timers.length || h.overflowed) this.sink?.take(h);
    const durable: { op: PendingOp; o: Outcome }[] = [];
    outcomes.forEach((o, i) => {
      const op = batch[i];
      if (!o.ok) {
        const err = asStorageError(o.value);
        this.health.failed(err);
        return op.reject(err);
      }
      if (commitNumber === undefined) {
        for (const fn of o.effects) fn();
        return op.resolve(o.value);
      }
      if (op.ack === 'commit') op.resolve(o.value);
      durable.push({ op, o });
    });
    if (commitNumber === undefined || durable.length === 0 || !this.durability) return;
    this.durability.whenDurable(commitNumber).then(
      () => {
        for (const { op, o } of durable) {
          for (const fn of o.effects) fn();
          if (op.ack === 'durable') op.resolve(o.value);
        }
      },
      (err: unknown) => {
        for (const { op } of durable) if (op.ack === 'durable') op.reject(err);
      },
    );
  }

  /**
   * @returns the outcomes once committed; `'isolate'` when an operation failed outside a savepoint (run
   *   again isolated); undefined when the transaction itself failed (every operation was rejected)
   */
  private runInTransaction(
    batch: PendingOp[],
    isolate: boolean,
  ): { outcomes: Outcome[]; handover: Handover } | 'isolate' | undefined {
    const outcomes: Outcome[] = [];
    const handover = emptyHandover();
    // Room is read once per attempt: reservations never outlive the transaction that made them.
    const room = this.sink?.room();
    try {
      this.begin.run();
    } catch (err) {
      this.abort(batch, err);
      return undefined;
    }
    for (const op of batch) {
      const effects: (() => void)[] = [];
      const handed = emptyHandover();
      if (isolate) this.savepoint.run();
      try {
        const value = op.run(newScope(effects, handed, room));
        if (isolate) this.release.run();
        mergeHandover(handover, handed);
        outcomes.push({ ok: true, value, effects });
      } catch (err) {
        // On some failures (SQLITE_FULL, SQLITE_IOERR, ...) SQLite has already rolled the whole
        // transaction back: nothing of the batch is left to keep, so every operation fails with it.
        if (!this.db.inTransaction) {
          this.abort(batch, err);
          return undefined;
        }
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
      this.abort(batch, err);
      return undefined;
    }
    return { outcomes, handover };
  }

  /** Rolls back what is left of the transaction and fails every operation of the batch with `err`. */
  private abort(batch: PendingOp[], err: unknown): void {
    try {
      if (this.db.open && this.db.inTransaction) this.rollback.run();
    } catch {
      // The connection is gone or SQLite rolled back already: nothing is left to undo.
    }
    const failure = asStorageError(err);
    this.health.failed(failure);
    this.onFailure?.(failure);
    for (const op of batch) op.reject(failure);
  }
}

interface Outcome {
  ok: boolean;
  value: unknown;
  effects: (() => void)[];
}

/** One operation's scope: its effects (after the commit is durable) and what it hands the worker. */
function newScope(effects: (() => void)[], handover: Handover, room: WorkRoom | undefined): CommitScope {
  return {
    afterCommit: (fn) => effects.push(fn),
    localOwner: room?.ownerId,
    reserveWorkflow: () => {
      if (room && room.workflows > 0) return ((room.workflows -= 1), true);
      handover.overflowed = true;
      return false;
    },
    reserveActivity: () => {
      if (room && room.activities > 0) return ((room.activities -= 1), true);
      handover.overflowed = true;
      return false;
    },
    handWorkflow: (claim) => handover.workflows.push(claim),
    handActivity: (claim) => handover.activities.push(claim),
    noteTimer: (at) => handover.timers.push(at),
  };
}

/** Adds what one operation handed over to the batch's hand-over (only operations that committed count). */
function mergeHandover(into: Handover, from: Handover): void {
  for (const w of from.workflows) into.workflows.push(w);
  for (const a of from.activities) into.activities.push(a);
  for (const t of from.timers) into.timers.push(t);
  if (from.overflowed) into.overflowed = true;
}

/** Weft's coded errors as they are; anything else (a better-sqlite3 error) wrapped with its cause. */
function asStorageError(err: unknown): unknown {
  if (err instanceof WeftError) return err;
  const text = (err as { message?: unknown } | null)?.message;
  const message = typeof text === 'string' ? text : String(err);
  const code = sqliteCode(err);
  return new StorageError(`The Weft database failed${code ? ` (${code})` : ''}: ${message}`, { cause: err });
}

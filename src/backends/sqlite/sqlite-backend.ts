import { resolve } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { StorageError, WeftError } from '../../errors';
import type {
  Backend,
  BackendHealth,
  Clock,
  ControlRequest,
  CreateInstanceRequest,
  HistoryEvent,
  InstancePage,
  InstanceQuery,
  InstanceRecord,
  Logger,
  PurgeFilter,
  RerunRequest,
  WaitCondition,
  WorkerHandle,
  WorkerLimits,
  WorkItemProcessor,
} from '../../core';
import { defaultLogger, LIMITS, systemClock } from '../../core';
import { FileGuard } from './file-guard';
import { checkRetentionPolicy, RetentionSweeper } from './retention';
import { openDatabaseFile } from './database-file';
import { SqliteEngine } from './sqlite-engine';
import { SqliteWorker } from './sqlite-worker';
import { sqliteCode } from './storage-health';
import { Checkpointer } from './checkpointer';
import { WAL_SYNC_FAILED, WalSync } from './wal-sync';
import { checkPendingEventLimits } from './sqlite-backend-options';
import type { SqliteBackendOptions } from './sqlite-backend-options';

/**
 * The embedded durable engine: one SQLite file (WAL), group commit, leases for crash safety and for
 * several processes sharing one file. The default backend.
 *
 * @example
 * const runtime = new WorkflowRuntime({ backend: new SqliteBackend({ path: '.weft/weft.db' }) });
 */
export class SqliteBackend implements Backend {
  /** The resolved database path. */
  readonly path: string;
  private db: BetterSqlite3.Database | undefined;
  private engine: SqliteEngine | undefined;
  private worker: SqliteWorker | undefined;
  private guard: FileGuard | undefined;
  private retention: RetentionSweeper | undefined;
  private walSync: WalSync | undefined;
  private checkpointer: Checkpointer | undefined;
  private readonly clock: Clock;
  private readonly logger: Logger;

  /**
   * @param options - file, durability, timing and retention
   * @throws `ValidationError` for a retention window that is not a number of ms ≥ 0, or a pending-event limit
   *   that is not a whole number ≥ 1 (or Infinity)
   */
  constructor(private readonly options: SqliteBackendOptions = {}) {
    if (options.retention) checkRetentionPolicy(options.retention);
    checkPendingEventLimits(options);
    const path = options.path ?? '.weft/weft.db';
    this.path = path === ':memory:' ? path : resolve(path);
    this.clock = options.clock ?? systemClock;
    this.logger = options.logger ?? defaultLogger();
  }

  /**
   * Opens (creating when needed) and migrates the database.
   *
   * @throws {@link StorageError} for an unwritable path or file (read-only file or file system, full disk),
   *   a corrupt file or a newer schema; nothing is written then
   */
  async open(): Promise<void> {
    if (this.db) return;
    const synchronous = this.options.synchronous ?? 'FULL';
    const offload = this.path !== ':memory:' && (this.options.offloadSync ?? true);
    const db = openDatabaseFile(this.path, {
      busyTimeoutMs: this.options.busyTimeoutMs ?? 5000,
      offload,
      synchronous,
    });
    this.db = db;
    const maxHistoryBytes = this.options.maxHistoryBytes ?? LIMITS.historyBytes;
    const walSync =
      offload && synchronous === 'FULL' ? new WalSync(`${this.path}-wal`, this.options.syncFile) : undefined;
    this.walSync = walSync;
    const engine = new SqliteEngine(
      db,
      this.clock,
      this.options.leaseMs ?? 15_000,
      Number.isFinite(maxHistoryBytes) ? maxHistoryBytes : undefined,
      walSync,
      {
        maxPendingEvents: this.options.maxPendingEvents ?? LIMITS.pendingEvents,
        maxPendingEventBytes: this.options.maxPendingEventBytes ?? LIMITS.pendingEventBytes,
      },
    );
    this.engine = engine;
    if (walSync) {
      walSync.onFailure = (err) => {
        engine.commits.health.lost(err.message, WAL_SYNC_FAILED);
        this.logger.error(err.message);
      };
    }
    if (offload) {
      const checkpointer = new Checkpointer(
        this.path,
        this.options.busyTimeoutMs ?? 5000,
        this.logger,
        this.options.checkpoint,
      );
      this.checkpointer = checkpointer;
      engine.commits.onCommit = () => checkpointer.committed();
      checkpointer.hold = (until) => engine.commits.hold(until);
    }
    if (this.path !== ':memory:') {
      const guard = new FileGuard(
        this.path,
        db,
        engine.commits.health,
        this.logger,
        this.options.fileCheckIntervalMs ?? 1000,
      );
      this.guard = guard;
      engine.commits.check = () => guard.check();
      engine.commits.onFailure = () => guard.check();
    }
    if (this.options.retention) {
      const { statements, instances, commits } = this.engine;
      this.retention = new RetentionSweeper(
        statements,
        instances,
        commits,
        this.clock,
        this.logger,
        this.options.retention,
        this.options.retentionSweep,
      );
      this.retention.start();
    }
  }

  /**
   * How well storage works now: `ok`; `degraded` while writes fail (disk full, read-only file) and work is
   * retried with back-off, recovering by itself; `failed` once the database file was removed or replaced
   * while open (the engine refuses all work; restart). Closed backends report `ok`.
   */
  health(): BackendHealth {
    return this.engine?.commits.health.get() ?? { status: 'ok' };
  }

  /** Stops the worker (if running), writes what is queued and closes the file. */
  async close(): Promise<void> {
    await this.retention?.stop();
    this.retention = undefined;
    await this.worker?.stop();
    this.worker = undefined;
    this.engine?.commits.flush(true);
    // What was acknowledged is on disk already; wait for the flush of the rest before closing the file.
    await this.walSync?.barrier()?.catch(() => {});
    // After the last commits' effects (their watchers) ran: what is still waiting will never be answered.
    this.engine?.watchers.endWaits(
      (id) =>
        new StorageError(
          `The SqliteBackend was closed while waiting for workflow instance '${id}'; the wait ended without an answer.`,
        ),
    );
    await this.checkpointer?.close();
    this.checkpointer = undefined;
    this.guard?.stop();
    this.guard = undefined;
    if (this.db?.open) this.db.close();
    this.walSync?.close();
    this.walSync = undefined;
    this.db = undefined;
    this.engine = undefined;
  }

  /**
   * Runs the retention sweep now (it also runs every `retentionSweep.intervalMs`): purges, in batches,
   * every finished instance whose window has passed on the backend's clock.
   *
   * @returns how many root instances were purged; 0 without a retention policy
   * @throws {@link StorageError} when the backend is not open or the database fails
   */
  async sweepRetention(): Promise<number> {
    this.ready();
    return this.retention?.sweep() ?? 0;
  }

  /** Transactions committed so far (group commits), for benchmarks. */
  get commitCount(): number {
    return this.engine?.commits.commits ?? 0;
  }

  /**
   * Counters since open, for benchmarks and tests: transactions committed, WAL flushes (`fdatasync`s;
   * fewer than commits when flushes were grouped; 0 without `offloadSync` or with `NORMAL`) and
   * checkpoints run on the checkpointer thread.
   */
  get syncStats(): { commits: number; flushes: number; checkpoints: number } {
    return {
      commits: this.engine?.commits.commits ?? 0,
      flushes: this.walSync?.flushes ?? 0,
      checkpoints: this.checkpointer?.checkpoints ?? 0,
    };
  }

  /** True when the worker holds no work (used by the test harness's time skipping). */
  get isIdle(): boolean {
    return this.worker?.isIdle ?? true;
  }

  /** Resolves when the worker next has nothing to do. */
  whenIdle(): Promise<void> {
    return this.worker?.whenIdle() ?? Promise.resolve();
  }

  /** Makes the events STALLED instances hold back due now and wakes the worker (as a worker starting). */
  async retryStalled(): Promise<void> {
    const { stalls, commits } = this.ready();
    await commits.enqueue(() => stalls.wakeAll(this.clock.now()));
    this.worker?.requestClaim();
  }

  /** Wakes the worker to look for due work now (after the test clock moved). */
  poke(): void {
    this.worker?.requestClaim();
  }

  /**
   * Creates an instance. With a worker in this process that has room, its first step runs at once and
   * commits with it (the eager start, see `EagerStart`); either way the instance exists, on disk, when
   * this resolves.
   */
  async createInstance(request: CreateInstanceRequest): Promise<void> {
    const { instances, commits } = this.ready();
    if (this.worker && (await this.worker.startEagerly(request))) return;
    await commits.enqueue((scope) => instances.create(scope, request));
  }

  async getInstance(instanceId: string, includePayloads: boolean): Promise<InstanceRecord | undefined> {
    const { reads } = this.ready();
    return this.visible(() => reads.getInstance(instanceId, includePayloads));
  }

  async waitForInstance(
    instanceId: string,
    condition: WaitCondition,
    timeoutMs?: number,
  ): Promise<InstanceRecord> {
    const { watchers } = this.ready();
    const read = () => this.storage(() => this.engine?.reads.getInstance(instanceId, true));
    const readStatus = () => this.storage(() => this.engine?.reads.status(instanceId));
    const record = await watchers.waitFor(instanceId, condition, read, timeoutMs, readStatus);
    await this.walSync?.barrier();
    return record;
  }

  async raiseEvent(instanceId: string, name: string, input?: string): Promise<void> {
    const { instances, commits } = this.ready();
    await commits.enqueue((scope) => instances.raiseEvent(scope, instanceId, name, input));
  }

  /** Suspends now (the status is SUSPENDED when this resolves); see `planControl`. */
  async suspend(instanceId: string, reason?: string): Promise<void> {
    await this.control(instanceId, { kind: 'suspend', reason }, 'suspend');
  }

  /** Resumes now (RUNNING when this resolves). */
  async resume(instanceId: string, reason?: string): Promise<void> {
    await this.control(instanceId, { kind: 'resume', reason }, 'resume');
  }

  /** Terminates now, with its running children when `recursive` (all TERMINATED when this resolves). */
  async terminate(instanceId: string, output: string | undefined, recursive: boolean): Promise<void> {
    await this.control(instanceId, { kind: 'terminate', output, recursive }, 'terminate');
  }

  async purge(instanceId: string, recursive: boolean, force = false): Promise<number> {
    const { instances, commits } = this.ready();
    return commits.enqueue(() => instances.purge(instanceId, recursive, force));
  }

  async purgeWhere(filter: PurgeFilter): Promise<number> {
    const { instances, commits } = this.ready();
    return commits.enqueue(() => instances.purgeWhere(filter));
  }

  async rerunFromEvent(request: RerunRequest): Promise<string> {
    const { rerun, commits } = this.ready();
    await commits.enqueue((scope) => rerun.run(scope, request));
    return request.newInstanceId;
  }

  async listInstances(query: InstanceQuery): Promise<InstancePage> {
    const { reads } = this.ready();
    return this.visible(() => reads.listInstances(query));
  }

  async getHistory(instanceId: string): Promise<HistoryEvent[] | undefined> {
    const { reads } = this.ready();
    return this.visible(() => reads.getHistory(instanceId));
  }

  startWorker(processor: WorkItemProcessor, limits: WorkerLimits): WorkerHandle {
    const engine = this.ready();
    if (this.worker)
      throw new StorageError('This SqliteBackend already has a worker; use one runtime per backend.');
    // A starting worker may have the code stalled instances wait for: let it try them at once.
    void engine.commits.enqueue(() => engine.stalls.wakeAll(this.clock.now())).catch(() => {});
    const worker = new SqliteWorker(engine, processor, limits, this.clock, this.logger, {
      pollIntervalMs: this.options.pollIntervalMs ?? 250,
      storageRetryMs: this.options.storageRetryMs ?? { initialMs: 100, maxMs: 5000 },
    });
    this.worker = worker;
    return {
      stop: async () => {
        await worker.stop();
        if (this.worker === worker) this.worker = undefined;
      },
    };
  }

  private async control(instanceId: string, request: ControlRequest, operation: string): Promise<void> {
    const { instances, steps, commits } = this.ready();
    await commits.enqueue((scope) =>
      steps.control(scope, instances.requireRunning(instanceId, operation), request),
    );
  }

  /**
   * Runs a read for a caller outside the engine and returns it once everything committed before it is on
   * disk: no caller sees a state that a power loss could still take back.
   */
  private async visible<T>(read: () => T): Promise<T> {
    const value = this.storage(read);
    await this.walSync?.barrier();
    return value;
  }

  /** Runs a read; a raw SQLite failure becomes a {@link StorageError} with it as `cause`. */
  private storage<T>(read: () => T): T {
    const lost = this.guard?.error;
    if (lost) throw lost;
    try {
      return read();
    } catch (err) {
      if (err instanceof WeftError) throw err;
      const lostNow = this.guard?.check();
      if (lostNow) throw lostNow;
      const code = sqliteCode(err);
      const failure = new StorageError(
        `The Weft database at '${this.path}' failed${code ? ` (${code})` : ''}: ${(err as Error).message}`,
        { cause: err },
      );
      this.engine?.commits.health.failed(failure);
      throw failure;
    }
  }

  private ready(): SqliteEngine {
    const lost = this.guard?.error ?? this.walSync?.error;
    if (lost) throw lost;
    if (!this.engine) {
      throw new StorageError(
        'The SqliteBackend is not open: start the runtime or call backend.open() first.',
      );
    }
    return this.engine;
  }
}

import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type {
  ActivityResult,
  Clock,
  CreateInstanceRequest,
  Logger,
  WorkerHandle,
  WorkerLimits,
  WorkflowStepResult,
  WorkflowWorkItem,
  WorkItemProcessor,
} from '../../core';
import { WorkPump } from '../../core';
import type { ActivityClaim, Handover, WorkflowClaim, WorkRoom, WorkSink } from './handover';
import { HeldLeases } from './held-leases';
import type { SqliteEngine } from './sqlite-engine';
import { StorageBackoff } from './storage-backoff';
import type { StorageRetryTiming } from './storage-backoff';
import { isTransientStorageFailure } from './storage-health';

/** Timing knobs of the embedded worker. */
export interface SqliteWorkerTiming {
  /** How often an idle worker looks for work written by other processes or left by expired leases. */
  pollIntervalMs: number;
  /** Back-off of work that failed on storage: first wait, doubling up to the cap (ms). */
  storageRetryMs: StorageRetryTiming;
}

/**
 * The embedded engine's worker. New work written in this process is handed to it by the commit queue
 * after the commit that created it (already leased to it); the database is queried only at start, when a
 * timer comes due, on a slow poll for other processes' work, and when more work was runnable than the
 * local queues had room for. Leases are renewed while work is held, and released on stop.
 *
 * When storage fails (disk full, read-only file) nothing spins: claims pause with exponential back-off, and
 * a step or activity outcome that could not be stored is kept and its commit retried with back-off (the
 * activity is not run again), so work resumes by itself once the disk recovers. Once the database file is
 * lost (see `FileGuard`) the worker stops claiming for good.
 */
export class SqliteWorker implements WorkSink, WorkerHandle {
  readonly ownerId = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private readonly pump = new WorkPump(() => this.afterPump());
  private readonly workflows;
  private readonly activities;
  private stopping = false;
  private claiming = false;
  /** Whether the database may hold workflow / activity work this worker has not claimed yet. */
  private needWorkflows = true;
  private needActivities = true;
  private dueAt: number | undefined;
  private cancelDue: (() => void) | undefined;
  private readonly pollTimer: NodeJS.Timeout;
  private idleWaiters: (() => void)[] = [];
  /** Consecutive failed claims on storage; claims wait out a back-off while above 0. */
  private claimFailures = 0;
  private claimPause: NodeJS.Timeout | undefined;
  private readonly backoff: StorageBackoff;
  /** Claims, committed or not (for tests and diagnostics: an idle worker's count stays put). */
  claimAttempts = 0;
  /** The leases this worker holds, renewed while held. */
  private readonly held: HeldLeases;

  /**
   * @param engine - the engine's parts
   * @param processor - where work goes
   * @param limits - concurrency limits
   * @param clock - time source for timers
   * @param logger - diagnostics
   * @param timing - poll interval
   */
  constructor(
    private readonly engine: SqliteEngine,
    private readonly processor: WorkItemProcessor,
    private readonly limits: WorkerLimits,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly timing: SqliteWorkerTiming,
  ) {
    this.backoff = new StorageBackoff(timing.storageRetryMs, logger);
    this.workflows = this.pump.lane<WorkflowClaim>(limits.maxConcurrentWorkflows, (c) => this.runWorkflow(c));
    this.activities = this.pump.lane<ActivityClaim>(limits.maxConcurrentActivities, (c) =>
      this.runActivity(c),
    );
    engine.commits.attach(this);
    this.pollTimer = setInterval(() => this.requestClaim(), timing.pollIntervalMs);
    this.held = new HeldLeases(engine.commits, engine.inbox, this.ownerId, (err) => {
      if (this.halted || this.backoff.fails(err)) return;
      this.logger.error(`Weft worker could not renew its leases: ${(err as Error).message}`);
    });
    this.requestClaim();
  }

  /** True when nothing is queued, in flight or being claimed. */
  get isIdle(): boolean {
    return !this.claiming && this.pump.idle;
  }

  /** Resolves the next time the worker has nothing to do. */
  whenIdle(): Promise<void> {
    if (this.isIdle && !this.needWorkflows && !this.needActivities) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Room for new work: up to twice the limits may wait queued (read by the commit queue before a batch). */
  room(): WorkRoom | undefined {
    if (this.stopping) return undefined;
    return {
      ownerId: this.ownerId,
      workflows: this.limits.maxConcurrentWorkflows * 2 - this.workflows.queued,
      activities: this.limits.maxConcurrentActivities * 2 - this.activities.queued,
    };
  }

  /** Takes what a committed batch handed over (already leased to this worker). */
  take(handover: Handover): void {
    for (const claim of handover.workflows) this.held.holdInstance(claim.instanceId);
    for (const claim of handover.activities) this.held.holdActivity(claim.id);
    if (handover.workflows.length) this.workflows.push(...handover.workflows);
    if (handover.activities.length) this.activities.push(...handover.activities);
    for (const at of handover.timers) this.noteTimer(at);
    if (handover.overflowed) this.needWorkflows = this.needActivities = true;
  }

  /** Looks in the database for work on the next pump. */
  requestClaim(): void {
    this.needWorkflows = this.needActivities = true;
    this.pump.schedule();
  }

  async stop(): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    clearInterval(this.pollTimer);
    this.cancelDue?.();
    clearTimeout(this.claimPause);
    this.backoff.stop();
    await this.pump.drain();
    while (this.claiming) await new Promise((r) => setImmediate(r));
    await this.held.releaseAll().catch((err: unknown) => {
      // Leases that cannot be released expire by themselves; the work resumes then.
      this.logger.warn(`Weft worker could not release its leases: ${(err as Error).message}`);
    });
    this.engine.commits.attach(undefined);
    for (const w of this.idleWaiters.splice(0)) w();
  }

  private noteTimer(at: number): void {
    if (this.stopping) return;
    if (this.dueAt !== undefined && this.dueAt <= at) return;
    this.cancelDue?.();
    this.dueAt = at;
    this.cancelDue = this.clock.schedule(at, () => {
      this.dueAt = undefined;
      this.cancelDue = undefined;
      this.requestClaim();
    });
  }

  private afterPump(): void {
    // Only kinds that may have unclaimed work and have free lanes are looked for: a kind with no room is
    // remembered and claimed once room frees, instead of re-claiming the other kind in a loop.
    const wantWorkflows = this.needWorkflows ? this.workflows.wanted : 0;
    const wantActivities = this.needActivities ? this.activities.wanted : 0;
    const mayClaim = !this.claiming && this.claimPause === undefined && !this.halted;
    if (mayClaim && (wantWorkflows > 0 || wantActivities > 0)) {
      this.claim(wantWorkflows, wantActivities);
    } else if (this.isIdle) {
      for (const w of this.idleWaiters.splice(0)) w();
    }
  }

  private claim(wantWorkflows: number, wantActivities: number): void {
    this.claiming = true;
    this.claimAttempts += 1;
    if (wantWorkflows > 0) this.needWorkflows = false;
    if (wantActivities > 0) this.needActivities = false;
    const { commits, inbox } = this.engine;
    commits
      .enqueue(
        () => ({
          workflows: inbox.claimWorkflows(this.ownerId, wantWorkflows),
          activities: inbox.claimActivities(this.ownerId, wantActivities),
          dueAt: inbox.nextDueAt(),
        }),
        'commit',
      )
      .then(
        ({ workflows, activities, dueAt }) => {
          this.claiming = false;
          this.claimFailures = 0;
          this.backoff.works();
          if (this.stopping) {
            const ids = workflows.map((w) => w.instanceId);
            const activityIds = activities.map((a) => a.id);
            // Leases that cannot be released expire by themselves.
            void commits
              .enqueue(() => inbox.releaseLeases(this.ownerId, ids, activityIds), 'commit')
              .catch(() => {});
            return;
          }
          for (const w of workflows) this.held.holdInstance(w.instanceId);
          for (const a of activities) this.held.holdActivity(a.id);
          this.workflows.push(...workflows);
          this.activities.push(...activities);
          if (wantWorkflows > 0 && workflows.length >= wantWorkflows) this.needWorkflows = true;
          if (wantActivities > 0 && activities.length >= wantActivities) this.needActivities = true;
          if (dueAt !== undefined) this.noteTimer(dueAt);
          this.pump.pump();
        },
        (err: unknown) => {
          this.claiming = false;
          if (wantWorkflows > 0) this.needWorkflows = true;
          if (wantActivities > 0) this.needActivities = true;
          if (this.halted) return;
          if (!this.backoff.fails(err)) {
            this.logger.error(`Weft worker could not claim work: ${(err as Error).message}`);
          }
          this.pauseClaims();
        },
      );
  }

  /** True once the engine stopped for good (its database file was lost): nothing more is claimed. */
  private get halted(): boolean {
    return this.engine.commits.health.get().status === 'failed';
  }

  /** Claims wait out the next back-off, then look again (the claim is the probe of recovery). */
  private pauseClaims(): void {
    if (this.stopping || this.claimPause) return;
    this.claimFailures += 1;
    this.claimPause = setTimeout(() => {
      this.claimPause = undefined;
      this.requestClaim();
    }, this.backoff.delayMs(this.claimFailures));
  }

  private workItem(claim: WorkflowClaim): WorkflowWorkItem {
    return {
      instanceId: claim.instanceId,
      pastEventCount: claim.pastEventCount,
      newEvents: claim.newEvents,
      loadPastEvents: async () => this.engine.reads.getHistoryPrefix(claim.instanceId, claim.pastEventCount),
      loadPastEventsFrom: async (start: number) =>
        this.engine.reads.getHistoryRange(claim.instanceId, start, claim.pastEventCount),
    };
  }

  private async runWorkflow(claim: WorkflowClaim): Promise<void> {
    const { commits, steps, inbox } = this.engine;
    try {
      const step = await this.processor.processWorkflow(this.workItem(claim));
      const committed = await this.backoff.retry(
        () => commits.enqueue((scope) => steps.commit(scope, this.ownerId, claim, step), 'commit'),
        () => this.stopping || this.halted,
      );
      if (!committed) this.processor.abandonWorkflow?.(claim.instanceId);
    } catch (err) {
      this.logger.warn(`Weft: workflow step of '${claim.instanceId}' abandoned: ${(err as Error).message}`);
      this.processor.abandonWorkflow?.(claim.instanceId);
      await commits
        .enqueue(() => inbox.abandonWorkflow(this.ownerId, claim.instanceId), 'commit')
        .catch(() => {});
      this.needWorkflows = true;
      if (isTransientStorageFailure(err)) this.pauseClaims();
    } finally {
      this.held.releaseInstance(claim.instanceId);
    }
  }

  private async runActivity(claim: ActivityClaim): Promise<void> {
    const { commits, steps, inbox } = this.engine;
    try {
      const outcome = await this.processor.processActivity(claim.item);
      if (!(await this.completeWithNextStep(claim, outcome))) {
        await this.backoff.retry(
          () =>
            commits.enqueue((scope) => steps.completeActivity(scope, this.ownerId, claim, outcome), 'commit'),
          () => this.stopping || this.halted,
        );
      }
    } catch (err) {
      this.logger.warn(`Weft: activity '${claim.item.name}' abandoned: ${(err as Error).message}`);
      await commits.enqueue(() => inbox.abandonActivity(this.ownerId, claim), 'commit').catch(() => {});
      this.needActivities = true;
      if (isTransientStorageFailure(err)) this.pauseClaims();
    } finally {
      this.held.releaseActivity(claim.id);
    }
  }

  /**
   * The fast path for an activity whose workflow is idle here: run the workflow's next step at once and
   * commit the activity's outcome and the step together. Falls back (returns false) when the instance is
   * busy in this process or cannot take the step now; a step that turns out stale is discarded and its
   * cached execution dropped.
   *
   * @returns true when the outcome was committed (with or without the step)
   */
  private async completeWithNextStep(claim: ActivityClaim, outcome: ActivityResult): Promise<boolean> {
    const instanceId = claim.item.instanceId;
    if (this.stopping || this.held.holdsInstance(instanceId)) return false;
    if (this.workflows.inFlight >= this.workflows.limit) return false;
    const { commits, fused } = this.engine;
    const stepClaim = fused.preview(claim, outcome);
    if (!stepClaim) return false;
    this.held.holdInstance(instanceId);
    try {
      return await this.workflows.occupy(async () => {
        const step = await this.processor.processWorkflow(this.workItem(stepClaim));
        const result = await commits.enqueue(
          (scope) => fused.commit(scope, this.ownerId, claim, outcome, stepClaim, step),
          'commit',
        );
        if (result !== 'fused') this.processor.abandonWorkflow?.(instanceId);
        return true;
      });
    } catch (err) {
      this.processor.abandonWorkflow?.(instanceId);
      this.logger.warn(`Weft: fast path for '${instanceId}' fell back: ${(err as Error).message}`);
      return false;
    } finally {
      this.held.releaseInstance(instanceId);
    }
  }

  /**
   * The eager start (see `EagerStart`): runs a new instance's first step here and commits it with the
   * instance, acknowledged once on disk. Returns false, having written nothing, when it cannot (stopping,
   * no room, a processor that does not run this workflow here, e.g. `weft sidecar` forwarding to remote
   * workers, a start in the future, an id already in the file, a step that stalls, a failure running the
   * step): the caller then creates the instance the usual way.
   *
   * @throws {@link WorkflowAlreadyExistsError} when the id was taken meanwhile; `StorageError` from the commit
   */
  async startEagerly(request: CreateInstanceRequest): Promise<boolean> {
    const id = request.instanceId;
    if (this.stopping || this.halted || this.held.holdsInstance(id)) return false;
    if (!this.processor.runsWorkflowHere?.(request.name)) return false;
    if (this.workflows.inFlight >= this.workflows.limit) return false;
    const { commits, eager } = this.engine;
    const claim = eager.preview(request);
    if (!claim) return false;
    this.held.holdInstance(id);
    let started: boolean;
    try {
      started = await this.workflows.occupy(async () => {
        let step: WorkflowStepResult;
        try {
          step = await this.processor.processWorkflow(this.workItem(claim));
        } catch (err) {
          this.logger.warn(`Weft: eager start of '${id}' fell back: ${(err as Error).message}`);
          this.processor.abandonWorkflow?.(id);
          return false;
        }
        if (step.stalled) {
          this.processor.abandonWorkflow?.(id);
          return false;
        }
        try {
          // Resolved at COMMIT: the instance's next work (handed over in that commit) must find it free
          // here, to take the fast path; the caller is answered below, once the commit is on disk.
          await commits.enqueue((scope) => eager.commit(scope, this.ownerId, request, claim, step), 'commit');
        } catch (err) {
          this.processor.abandonWorkflow?.(id);
          throw err;
        }
        return true;
      });
    } finally {
      this.held.releaseInstance(id);
    }
    if (started) await commits.durable();
    return started;
  }
}

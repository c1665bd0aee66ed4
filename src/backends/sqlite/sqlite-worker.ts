import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type {
  ActivityResult,
  Clock,
  Logger,
  WorkerHandle,
  WorkerLimits,
  WorkflowWorkItem,
  WorkItemProcessor,
} from '../../core';
import type { CommitQueue } from './commit-queue';
import type { ActivityClaim, LocalDispatcher, SqliteStore, WorkflowClaim } from './sqlite-store';

/** Timing knobs of the embedded worker. */
export interface SqliteWorkerTiming {
  /** How often an idle worker looks for work written by other processes or left by expired leases. */
  pollIntervalMs: number;
}

/**
 * The embedded engine's worker loop. New work written in this process is handed to it directly by the
 * commit that creates it (already leased); the database is queried only at start, when a timer comes
 * due, on a slow poll for other processes' work, and when the local queue overflowed. Leases are renewed
 * while work is held, and released on stop.
 */
export class SqliteWorker implements LocalDispatcher, WorkerHandle {
  readonly ownerId = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private readonly workflowQueue: WorkflowClaim[] = [];
  private readonly activityQueue: ActivityClaim[] = [];
  private reservedWorkflows = 0;
  private reservedActivities = 0;
  private workflowsInFlight = 0;
  private activitiesInFlight = 0;
  private readonly inFlight = new Set<Promise<void>>();
  private stopping = false;
  private claiming = false;
  private needClaim = true;
  private pumpScheduled = false;
  private dueAt: number | undefined;
  private cancelDue: (() => void) | undefined;
  private readonly pollTimer: NodeJS.Timeout;
  private readonly renewTimer: NodeJS.Timeout;
  private idleWaiters: (() => void)[] = [];
  /** Instances this worker holds a lease on (a count: a step may hand the next one over under the same lease). */
  private readonly heldInstances = new Map<string, number>();
  /** Activities this worker holds a lease on. */
  private readonly heldActivities = new Set<number>();

  /**
   * @param store - data operations
   * @param commits - the group commit queue
   * @param processor - where work goes
   * @param limits - concurrency limits
   * @param clock - time source for timers
   * @param logger - diagnostics
   * @param timing - poll interval
   */
  constructor(
    private readonly store: SqliteStore,
    private readonly commits: CommitQueue,
    private readonly processor: WorkItemProcessor,
    private readonly limits: WorkerLimits,
    private readonly clock: Clock,
    private readonly logger: Logger,
    timing: SqliteWorkerTiming,
  ) {
    store.dispatcher = this;
    this.pollTimer = setInterval(() => this.requestClaim(), timing.pollIntervalMs);
    this.renewTimer = setInterval(() => this.renew(), Math.max(50, Math.floor(store.leaseMs / 3)));
    this.renewTimer.unref();
    this.requestClaim();
  }

  /** True when nothing is queued, in flight or being claimed. */
  get isIdle(): boolean {
    return (
      !this.claiming &&
      this.workflowsInFlight === 0 &&
      this.activitiesInFlight === 0 &&
      this.workflowQueue.length === 0 &&
      this.activityQueue.length === 0
    );
  }

  /** Resolves the next time the worker has nothing to do. */
  whenIdle(): Promise<void> {
    if (this.isIdle && !this.needClaim) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  reserveWorkflow(): boolean {
    if (this.stopping) return false;
    if (this.workflowQueue.length + this.reservedWorkflows >= this.limits.maxConcurrentWorkflows * 2) {
      this.needClaim = true;
      return false;
    }
    this.reservedWorkflows += 1;
    return true;
  }

  reserveActivity(): boolean {
    if (this.stopping) return false;
    if (this.activityQueue.length + this.reservedActivities >= this.limits.maxConcurrentActivities * 2) {
      this.needClaim = true;
      return false;
    }
    this.reservedActivities += 1;
    return true;
  }

  pushWorkflow(claim: WorkflowClaim): void {
    this.reservedWorkflows = Math.max(0, this.reservedWorkflows - 1);
    this.holdInstance(claim.instanceId);
    this.workflowQueue.push(claim);
    this.schedulePump();
  }

  pushActivity(claim: ActivityClaim): void {
    this.reservedActivities = Math.max(0, this.reservedActivities - 1);
    this.heldActivities.add(claim.id);
    this.activityQueue.push(claim);
    this.schedulePump();
  }

  noteTimer(at: number): void {
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

  /** Called at the start of every group commit: reservations never outlive the batch that made them. */
  resetReservations(): void {
    this.reservedWorkflows = 0;
    this.reservedActivities = 0;
  }

  /** Looks in the database for work on the next pump. */
  requestClaim(): void {
    this.needClaim = true;
    this.schedulePump();
  }

  async stop(): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    clearInterval(this.pollTimer);
    clearInterval(this.renewTimer);
    this.cancelDue?.();
    while (this.inFlight.size > 0 || this.claiming) {
      await Promise.all([...this.inFlight]);
      if (this.claiming) await new Promise((r) => setImmediate(r));
    }
    this.workflowQueue.length = 0;
    this.activityQueue.length = 0;
    const instances = [...this.heldInstances.keys()];
    const activities = [...this.heldActivities];
    this.heldInstances.clear();
    this.heldActivities.clear();
    await this.commits.enqueue(() => this.store.releaseLeases(this.ownerId, instances, activities));
    if (this.store.dispatcher === this) this.store.dispatcher = undefined;
    for (const w of this.idleWaiters.splice(0)) w();
  }

  private schedulePump(): void {
    if (this.pumpScheduled || this.stopping) return;
    this.pumpScheduled = true;
    setImmediate(() => {
      this.pumpScheduled = false;
      this.pump();
    });
  }

  private pump(): void {
    if (this.stopping) return;
    const { maxConcurrentWorkflows, maxConcurrentActivities } = this.limits;
    while (this.workflowsInFlight < maxConcurrentWorkflows && this.workflowQueue.length > 0) {
      this.runWorkflow(this.workflowQueue.shift() as WorkflowClaim);
    }
    while (this.activitiesInFlight < maxConcurrentActivities && this.activityQueue.length > 0) {
      this.runActivity(this.activityQueue.shift() as ActivityClaim);
    }
    const wantWorkflows = maxConcurrentWorkflows - this.workflowsInFlight - this.workflowQueue.length;
    const wantActivities = maxConcurrentActivities - this.activitiesInFlight - this.activityQueue.length;
    if (this.needClaim && !this.claiming && (wantWorkflows > 0 || wantActivities > 0)) {
      this.claim(wantWorkflows, wantActivities);
    } else if (this.isIdle) {
      for (const w of this.idleWaiters.splice(0)) w();
    }
  }

  private claim(wantWorkflows: number, wantActivities: number): void {
    this.claiming = true;
    this.needClaim = false;
    this.commits
      .enqueue(() => ({
        workflows: this.store.claimWorkflows(this.ownerId, wantWorkflows),
        activities: this.store.claimActivities(this.ownerId, wantActivities),
        dueAt: this.store.nextDueAt(),
      }))
      .then(
        ({ workflows, activities, dueAt }) => {
          this.claiming = false;
          if (this.stopping) {
            const ids = workflows.map((w) => w.instanceId);
            const activityIds = activities.map((a) => a.id);
            void this.commits.enqueue(() => this.store.releaseLeases(this.ownerId, ids, activityIds));
            return;
          }
          for (const w of workflows) this.holdInstance(w.instanceId);
          for (const a of activities) this.heldActivities.add(a.id);
          this.workflowQueue.push(...workflows);
          this.activityQueue.push(...activities);
          if (workflows.length >= wantWorkflows || activities.length >= wantActivities) this.needClaim = true;
          if (dueAt !== undefined) this.noteTimer(dueAt);
          this.pump();
        },
        (err: unknown) => {
          this.claiming = false;
          this.logger.error(`Weft worker could not claim work: ${(err as Error).message}`);
        },
      );
  }

  private track(work: Promise<void>): void {
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work));
  }

  private runWorkflow(claim: WorkflowClaim): void {
    this.workflowsInFlight += 1;
    const item: WorkflowWorkItem = {
      instanceId: claim.instanceId,
      pastEventCount: claim.pastEventCount,
      newEvents: claim.newEvents,
      loadPastEvents: async () => this.store.getHistoryPrefix(claim.instanceId, claim.pastEventCount),
    };
    const work = (async () => {
      try {
        const step = await this.processor.processWorkflow(item);
        const committed = await this.commits.enqueue((scope) =>
          this.store.completeWorkflow(scope, this.ownerId, claim, step),
        );
        if (!committed) this.processor.abandonWorkflow?.(claim.instanceId);
      } catch (err) {
        this.logger.warn(`Weft: workflow step of '${claim.instanceId}' abandoned: ${(err as Error).message}`);
        this.processor.abandonWorkflow?.(claim.instanceId);
        await this.commits
          .enqueue(() => this.store.abandonWorkflow(this.ownerId, claim.instanceId))
          .catch(() => {});
        this.needClaim = true;
      } finally {
        this.releaseHold(claim.instanceId);
        this.workflowsInFlight -= 1;
        this.schedulePump();
      }
    })();
    this.track(work);
  }

  private runActivity(claim: ActivityClaim): void {
    this.activitiesInFlight += 1;
    const work = (async () => {
      try {
        const outcome = await this.processor.processActivity(claim.item);
        if (!(await this.completeWithNextStep(claim, outcome))) {
          await this.commits.enqueue((scope) =>
            this.store.completeActivity(scope, this.ownerId, claim, outcome),
          );
        }
      } catch (err) {
        this.logger.warn(`Weft: activity '${claim.item.name}' abandoned: ${(err as Error).message}`);
        await this.commits.enqueue(() => this.store.abandonActivity(this.ownerId, claim.id)).catch(() => {});
        this.needClaim = true;
      } finally {
        this.heldActivities.delete(claim.id);
        this.activitiesInFlight -= 1;
        this.schedulePump();
      }
    })();
    this.track(work);
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
    if (this.stopping || this.heldInstances.has(instanceId)) return false;
    if (this.workflowsInFlight >= this.limits.maxConcurrentWorkflows) return false;
    const stepClaim = this.store.previewStepAfterActivity(claim, outcome);
    if (!stepClaim) return false;
    this.holdInstance(instanceId);
    this.workflowsInFlight += 1;
    try {
      const step = await this.processor.processWorkflow({
        instanceId,
        pastEventCount: stepClaim.pastEventCount,
        newEvents: stepClaim.newEvents,
        loadPastEvents: async () => this.store.getHistoryPrefix(instanceId, stepClaim.pastEventCount),
      });
      // A stalled step keeps its events in the inbox: commit the outcome the ordinary way.
      if (step.stalled) return false;
      const result = await this.commits.enqueue((scope) =>
        this.store.completeActivityWithStep(scope, this.ownerId, claim, outcome, stepClaim, step),
      );
      if (result !== 'fused') this.processor.abandonWorkflow?.(instanceId);
      return true;
    } catch (err) {
      this.processor.abandonWorkflow?.(instanceId);
      this.logger.warn(`Weft: fast path for '${instanceId}' fell back: ${(err as Error).message}`);
      return false;
    } finally {
      this.workflowsInFlight -= 1;
      this.releaseHold(instanceId);
    }
  }

  private holdInstance(instanceId: string): void {
    this.heldInstances.set(instanceId, (this.heldInstances.get(instanceId) ?? 0) + 1);
  }

  private releaseHold(instanceId: string): void {
    const count = (this.heldInstances.get(instanceId) ?? 1) - 1;
    if (count > 0) this.heldInstances.set(instanceId, count);
    else this.heldInstances.delete(instanceId);
  }

  private renew(): void {
    if (this.heldInstances.size === 0 && this.heldActivities.size === 0) return;
    const instances = [...this.heldInstances.keys()];
    const activities = [...this.heldActivities];
    void this.commits
      .enqueue(() => this.store.renewLeases(this.ownerId, instances, activities))
      .catch((err: unknown) => {
        this.logger.error(`Weft worker could not renew its leases: ${(err as Error).message}`);
      });
  }
}

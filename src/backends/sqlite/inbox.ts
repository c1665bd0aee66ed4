import type { Clock, HistoryEvent, PlannedActivity } from '../../core';
import { canRunStep, isTerminalStatus, stepEvents, WorkflowStatus } from '../../core';
import type { CommitScope } from './commit-queue';
import type { ActivityClaim, WorkflowClaim } from './handover';
import type { ActivityRow, InboxRow, InstanceRow } from './rows';
import { parseEvent, toActivityClaim } from './rows';
import type { Statements } from './statements';

/** Whether a new instance's first message is due now, and the lease it is inserted with, if any. */
export interface NewLease {
  due: boolean;
  /** The local worker, when the first step is handed to it. */
  owner?: string;
  /** Lease expiry, epoch ms (wall clock). */
  until?: number;
}

/**
 * The work queues — instance inboxes and activity rows — and the only place their leases are taken,
 * renewed and released. A lease names its owner (a worker) and expires on the wall clock, so work held by
 * a crashed process is taken again after `leaseMs`. New work is leased straight to the in-process worker
 * when the commit scope has room for it, and handed over after the commit.
 */
export class Inbox {
  /**
   * @param s - the statement catalog
   * @param clock - the engine's time, for visibility and event stamps
   * @param leaseMs - how long a lease holds without renewal
   */
  constructor(
    private readonly s: Statements,
    private readonly clock: Clock,
    readonly leaseMs: number,
  ) {}

  /**
   * Puts an event in an instance's inbox and, when it is due now, leases the instance to the local worker.
   *
   * @param visibleAt - when the message becomes due (epoch ms, engine clock); default the event's time
   * @param json - the event as JSON text, when the caller has it already
   */
  deliver(
    scope: CommitScope,
    instanceId: string,
    event: HistoryEvent,
    visibleAt = event.timestamp,
    json = JSON.stringify(event),
  ): void {
    this.s.insertInbox.run(instanceId, event.type, json, visibleAt);
    if (visibleAt <= this.clock.now()) this.offer(scope, instanceId);
    else scope.noteTimer(visibleAt);
  }

  /**
   * The lease of an instance about to be inserted with its first message: the local worker's when the
   * message is due now and the worker has room for the step (reserved here); undefined otherwise (no room
   * is noted as overflow, and the worker claims the step from the database).
   *
   * @param visibleAt - when the first message becomes due (epoch ms, engine clock)
   */
  leaseForNew(scope: CommitScope, visibleAt: number): NewLease {
    const due = visibleAt <= this.clock.now();
    const owner = scope.localOwner;
    if (!due || !owner || !scope.reserveWorkflow()) return { due };
    return { due, owner, until: Date.now() + this.leaseMs };
  }

  /**
   * {@link Inbox.deliver} for an instance inserted in this transaction with `lease` (from
   * {@link Inbox.leaseForNew} for the same `visibleAt`), whose inbox holds nothing else (its id was free):
   * when leased, its first step is handed over from the event itself, without reading back the row or the
   * message.
   */
  deliverToNew(
    scope: CommitScope,
    instanceId: string,
    event: HistoryEvent,
    lease: NewLease,
    visibleAt: number,
  ): void {
    const json = JSON.stringify(event);
    const id = Number(this.s.insertInbox.run(instanceId, event.type, json, visibleAt).lastInsertRowid);
    if (!lease.due) scope.noteTimer(visibleAt);
    if (lease.owner === undefined) return;
    scope.handWorkflow({
      instanceId,
      messageIds: [id],
      newEvents: stepEvents([parseEvent(json)], this.clock.now()),
      pastEventCount: 0,
      claimedStatus: WorkflowStatus.PENDING,
    });
  }

  /** Delivers an event to an instance only when it exists and has not finished; true when delivered. */
  deliverIfRunning(scope: CommitScope, instanceId: string, event: HistoryEvent): boolean {
    const target = this.s.getInstanceStatus.get(instanceId) as Pick<InstanceRow, 'status'> | undefined;
    if (!target || isTerminalStatus(target.status)) return false;
    this.deliver(scope, instanceId, event);
    return true;
  }

  /** Writes a message without offering the instance (for rewrites of a whole inbox). */
  append(instanceId: string, type: string, eventJson: string, visibleAt: number): void {
    this.s.insertInbox.run(instanceId, type, eventJson, visibleAt);
  }

  /** Leases an instance with runnable inbox messages to the local worker, if it has room. */
  offer(scope: CommitScope, instanceId: string): void {
    const owner = scope.localOwner;
    if (!owner) return;
    const row = this.leaseForClaim(owner, instanceId, Date.now());
    if (!row) return;
    const claim = this.readClaim(instanceId, this.clock.now(), row.status, row.history_length);
    if (!claim || !scope.reserveWorkflow()) {
      this.s.releaseInstance.run(instanceId);
      return;
    }
    scope.handWorkflow(claim);
  }

  /**
   * After a step committed without ending the execution: keeps the lease and hands the next step over when
   * messages arrived meanwhile and the local worker has room; otherwise releases the instance.
   */
  handOnOrRelease(
    scope: CommitScope,
    instanceId: string,
    status: WorkflowStatus,
    historyLength: number,
  ): void {
    const next = scope.localOwner
      ? this.readClaim(instanceId, this.clock.now(), status, historyLength)
      : undefined;
    if (next && scope.reserveWorkflow()) scope.handWorkflow(next);
    else this.s.releaseInstance.run(instanceId);
  }

  /** The next step of an instance from its due messages, or undefined when it has none it may run. */
  readClaim(
    instanceId: string,
    now: number,
    status: WorkflowStatus,
    historyLength: number,
  ): WorkflowClaim | undefined {
    const messages = this.dueMessages(instanceId, now);
    if (
      !canRunStep(
        status,
        messages.map((m) => m.type),
      )
    )
      return undefined;
    return {
      instanceId,
      messageIds: messages.map((m) => m.id),
      newEvents: stepEvents(
        messages.map((m) => parseEvent(m.event)),
        now,
      ),
      pastEventCount: historyLength,
      claimedStatus: status,
    };
  }

  /** The instance's messages due at `now`, oldest first. */
  dueMessages(instanceId: string, now: number): InboxRow[] {
    return this.s.inboxFor.all(instanceId, now) as InboxRow[];
  }

  /**
   * The external events (EventRaised) waiting in an instance's inbox, due or not, and their size in bytes of
   * event JSON; read from an index that holds only those messages.
   */
  pendingEvents(instanceId: string): { count: number; bytes: number } {
    return this.s.pendingEvents.get(instanceId) as { count: number; bytes: number };
  }

  /** Deletes the messages of the instance a committed step consumed. */
  consume(instanceId: string, messageIds: readonly number[]): void {
    for (const id of messageIds) this.s.deleteMessage.run(id, instanceId);
  }

  /** Claims up to `limit` workflow steps whose lease is free. */
  claimWorkflows(owner: string, limit: number): WorkflowClaim[] {
    if (limit <= 0) return [];
    const now = this.clock.now();
    const leaseNow = Date.now();
    const ids = this.s.candidates.all({ now, leaseNow, limit }) as { instance_id: string }[];
    const claims: WorkflowClaim[] = [];
    for (const { instance_id } of ids) {
      const row = this.leaseForClaim(owner, instance_id, leaseNow);
      if (!row) {
        this.dropIfTerminal(instance_id);
        continue;
      }
      const claim = this.readClaim(instance_id, now, row.status, row.history_length);
      if (claim) claims.push(claim);
      else this.s.releaseInstance.run(instance_id);
    }
    return claims;
  }

  /** Claims up to `limit` activities whose lease is free. */
  claimActivities(owner: string, limit: number): ActivityClaim[] {
    if (limit <= 0) return [];
    const leaseNow = Date.now();
    const rows = this.s.claimActivities.all({
      owner,
      until: leaseNow + this.leaseMs,
      leaseNow,
      limit,
    }) as ActivityRow[];
    return rows.map(toActivityClaim);
  }

  /** Writes an activity row, leased to the local worker and handed to it after commit when it has room. */
  enqueueActivity(scope: CommitScope, instanceId: string, activity: PlannedActivity, now: number): void {
    const owner = scope.localOwner;
    const local = owner !== undefined && scope.reserveActivity();
    const info = this.s.insertActivity.run(
      instanceId,
      activity.taskId,
      activity.name,
      activity.input ?? null,
      activity.attempt,
      activity.taskExecutionId,
      now,
      local ? owner : null,
      local ? Date.now() + this.leaseMs : 0,
    );
    if (!local) return;
    scope.handActivity({
      id: Number(info.lastInsertRowid),
      item: {
        instanceId,
        taskId: activity.taskId,
        name: activity.name,
        input: activity.input,
        attempt: activity.attempt,
        taskExecutionId: activity.taskExecutionId,
      },
    });
  }

  /**
   * Removes a completed activity; false when `owner` no longer holds it (nothing written). The row must be
   * the claim's call too (instance, task id, attempt, execution id): an id is used again once its row is
   * gone, and a holder whose row was deleted under it (a continue-as-new, a purge) must not take the row
   * that got its id.
   */
  finishActivity(claim: ActivityClaim, owner: string): boolean {
    return this.s.finishActivity.run(...activityClaimKey(claim, owner)).changes > 0;
  }

  /** True when `owner` holds the instance's lease (a lease that expired but was not taken still counts). */
  isHeldBy(row: Pick<InstanceRow, 'lease_owner'>, owner: string): boolean {
    return row.lease_owner === owner;
  }

  /** True when no lease on the instance is in force. */
  isFree(row: Pick<InstanceRow, 'lease_expires_at'>): boolean {
    return row.lease_expires_at < Date.now();
  }

  /** Leases a free instance to `owner` (the fused path); false when another holds it. */
  leaseInstance(owner: string, instanceId: string): boolean {
    const leaseNow = Date.now();
    return this.s.leaseInstance.run(owner, leaseNow + this.leaseMs, instanceId, leaseNow).changes > 0;
  }

  /** Leases a free, unfinished instance to `owner`; its status and history length, or undefined when taken. */
  private leaseForClaim(
    owner: string,
    instanceId: string,
    leaseNow: number,
  ): Pick<InstanceRow, 'status' | 'history_length'> | undefined {
    return this.s.leaseInstanceForClaim.get(owner, leaseNow + this.leaseMs, instanceId, leaseNow) as
      Pick<InstanceRow, 'status' | 'history_length'> | undefined;
  }

  /** Releases an instance's lease, whoever holds it (the step commit, which checked ownership). */
  releaseInstance(instanceId: string): void {
    this.s.releaseInstance.run(instanceId);
  }

  /** Gives a claimed workflow step back without changes. */
  abandonWorkflow(owner: string, instanceId: string): void {
    this.s.releaseOwnedInstance.run(instanceId, owner);
  }

  /** Gives a claimed activity back without changes (the claim's own row only, as {@link finishActivity}). */
  abandonActivity(owner: string, claim: ActivityClaim): void {
    this.s.abandonActivity.run(...activityClaimKey(claim, owner));
  }

  /**
   * Extends the leases `owner` holds on these instances and activities (by key: no index on the owner,
   * which every claim and release would otherwise have to update).
   */
  renewLeases(owner: string, instanceIds: Iterable<string>, activityIds: Iterable<number>): void {
    const until = Date.now() + this.leaseMs;
    for (const id of instanceIds) this.s.renewInstance.run(until, id, owner);
    for (const id of activityIds) this.s.renewActivity.run(until, id, owner);
  }

  /** Releases the leases `owner` holds on these instances and activities. */
  releaseLeases(owner: string, instanceIds: Iterable<string>, activityIds: Iterable<number>): void {
    for (const id of instanceIds) this.s.releaseOwnedInstance.run(id, owner);
    for (const id of activityIds) this.s.releaseActivity.run(id, owner);
  }

  /** The earliest inbox message that is not due yet (a timer, a delayed start), epoch ms. */
  nextDueAt(): number | undefined {
    const row = this.s.nextDue.get(this.clock.now()) as { at: number | null };
    return row.at ?? undefined;
  }

  /** Messages left for an instance that finished are dropped (they can never run). */
  private dropIfTerminal(instanceId: string): void {
    const row = this.s.getInstanceStatus.get(instanceId) as Pick<InstanceRow, 'status'> | undefined;
    if (row && isTerminalStatus(row.status)) this.s.deleteInbox.run(instanceId);
  }
}

/** The parameters that find a claim's own activity row, in `ACTIVITY_CLAIM`'s order (statements.ts). */
function activityClaimKey(claim: ActivityClaim, owner: string): (string | number | null)[] {
  const { instanceId, taskId, attempt, taskExecutionId } = claim.item;
  return [claim.id, owner, instanceId, taskId, attempt, taskExecutionId ?? null];
}

import {
  TooManyPendingEventsError,
  WorkflowAlreadyExistsError,
  WorkflowNotFoundError,
  WorkflowNotRunningError,
  WorkflowNotTerminalError,
} from '../../errors';
import type { Clock, CreateInstanceRequest, HistoryEvent, PlannedChildStart, PurgeFilter } from '../../core';
import { isTerminalStatus, newEvent, WorkflowStatus } from '../../core';
import type { CommitScope } from './commit-queue';
import type { Inbox, NewLease } from './inbox';
import type { InstanceWatchers } from './instance-watchers';
import type { InstanceRow, StepRow } from './rows';
import type { Statements } from './statements';

/** The ExecutionStarted event of an instance a client creates. */
export function executionStarted(req: CreateInstanceRequest, now: number): HistoryEvent {
  return newEvent('ExecutionStarted', now, {
    name: req.name,
    input: req.input,
    scheduledStartTimestamp: req.startAt,
    parentTraceContext: req.parentTraceContext,
  });
}

/** The statuses a purge may remove. */
const TERMINAL_STATUSES: readonly WorkflowStatus[] = [
  WorkflowStatus.COMPLETED,
  WorkflowStatus.FAILED,
  WorkflowStatus.TERMINATED,
  WorkflowStatus.CANCELED,
];

/** A new instance row (status PENDING). */
export interface NewInstance {
  instanceId: string;
  name: string;
  /** Input as JSON text. */
  input?: string | null;
  /** Epoch ms before which it does not start. */
  startAt?: number;
  parentId?: string;
  parentTaskId?: number;
}

/** How many external events, and how many bytes of them, one instance may have waiting (Infinity: no limit). */
export interface PendingEventLimits {
  maxPendingEvents: number;
  /** Bytes of stored event JSON. */
  maxPendingEventBytes: number;
}

/**
 * Instance lifecycle operations run inside a group commit: create (also for children and reruns),
 * raise-event and control requests (queued as inbox messages), purge and removal. They write rows and
 * messages; what a step does with the messages is the step commit's job.
 */
export class InstanceOperations {
  /**
   * @param s - the statement catalog
   * @param inbox - where messages go
   * @param watchers - told of changes after commit
   * @param clock - the engine's time
   * @param limits - what a client's raise-event may add to an inbox (default: none)
   */
  constructor(
    private readonly s: Statements,
    private readonly inbox: Inbox,
    private readonly watchers: InstanceWatchers,
    private readonly clock: Clock,
    private readonly limits: PendingEventLimits = {
      maxPendingEvents: Infinity,
      maxPendingEventBytes: Infinity,
    },
  ) {}

  /**
   * Creates an instance and queues its ExecutionStarted event.
   *
   * @throws {@link WorkflowAlreadyExistsError} when a non-terminal instance has the id (a terminal one is replaced)
   */
  create(scope: CommitScope, req: CreateInstanceRequest): void {
    this.claimId(req.instanceId);
    const now = this.clock.now();
    const visibleAt = Math.max(now, req.startAt ?? now);
    const lease = this.inbox.leaseForNew(scope, visibleAt);
    this.insert(
      { instanceId: req.instanceId, name: req.name, input: req.input, startAt: req.startAt },
      now,
      lease,
    );
    this.inbox.deliverToNew(scope, req.instanceId, executionStarted(req, now), lease, visibleAt);
    scope.afterCommit(() => this.watchers.notify(req.instanceId, WorkflowStatus.PENDING));
  }

  /**
   * Inserts a new instance, free and PENDING, whose first step ran before this commit (the eager start)
   * and commits in it next; its ExecutionStarted event is in that step's events, not in the inbox.
   *
   * @param createdAt - the ExecutionStarted event's time (epoch ms, engine clock)
   * @returns the row as the step commit reads it
   * @throws {@link WorkflowAlreadyExistsError} when a non-terminal instance has the id (a terminal one is replaced)
   */
  createForFirstStep(req: CreateInstanceRequest, createdAt: number): StepRow {
    this.claimId(req.instanceId);
    this.insert({ instanceId: req.instanceId, name: req.name, input: req.input }, createdAt);
    return {
      instance_id: req.instanceId,
      created_at: createdAt,
      name: req.name,
      status: WorkflowStatus.PENDING,
      parent_instance_id: null,
      parent_task_id: null,
      history_length: 0,
      history_bytes: 0,
      lease_owner: null,
      lease_expires_at: 0,
      version: null,
      stalled_reason: null,
    };
  }

  /**
   * Queues an external event from a client. Only here are the pending-event limits applied: events sent
   * by workflows and system messages are never refused (refusing them could wedge an instance).
   *
   * @throws {@link WorkflowNotFoundError}, {@link WorkflowNotRunningError} when the instance finished,
   *   {@link TooManyPendingEventsError} when the event would pass the instance's pending-event limits
   *   (nothing written)
   */
  raiseEvent(scope: CommitScope, instanceId: string, name: string, input: string | undefined): void {
    this.requireRunning(instanceId, 'raise an event for');
    const event = newEvent('EventRaised', this.clock.now(), { name, input });
    const json = JSON.stringify(event);
    this.requireRoomForEvent(instanceId, json);
    this.inbox.deliver(scope, instanceId, event, event.timestamp, json);
  }

  /** @throws {@link TooManyPendingEventsError} when one more event of this JSON would pass a limit */
  private requireRoomForEvent(instanceId: string, json: string): void {
    const { maxPendingEvents, maxPendingEventBytes } = this.limits;
    if (maxPendingEvents === Infinity && maxPendingEventBytes === Infinity) return;
    const eventBytes = Buffer.byteLength(json, 'utf8');
    const pending = this.inbox.pendingEvents(instanceId);
    if (pending.count + 1 <= maxPendingEvents && pending.bytes + eventBytes <= maxPendingEventBytes) return;
    throw new TooManyPendingEventsError({
      instanceId,
      pendingEvents: pending.count,
      pendingBytes: pending.bytes,
      eventBytes,
      maxPendingEvents,
      maxPendingEventBytes,
    });
  }

  /**
   * Starts a child workflow a parent's step planned; when its id is held by an instance (or a descendant
   * of one) that has not finished, the parent receives the plan's refusal instead, naming the live one.
   * The refusal is only written, not offered: the parent is the instance whose step is committing, and
   * the step commit hands its next step on (an offer here would lease the instance with the history
   * length from before the step).
   *
   * @returns true when the child was refused (a message due now is in the parent's inbox)
   */
  startChild(scope: CommitScope, parentId: string, child: PlannedChildStart, now: number): boolean {
    const existing = this.s.getInstanceMeta.get(child.instanceId) as InstanceRow | undefined;
    const live = existing && this.liveHolderOf(existing);
    if (live) {
      const refused = { ...child.refused, failureDetails: { ...child.refused.failureDetails } };
      refused.failureDetails.message = new WorkflowAlreadyExistsError(child.instanceId, live).message;
      this.inbox.append(parentId, refused.type, JSON.stringify(refused), refused.timestamp);
      return true;
    }
    if (existing) this.releaseFamily(child.instanceId);
    const lease = this.inbox.leaseForNew(scope, child.started.timestamp);
    this.insert(
      {
        instanceId: child.instanceId,
        name: child.name,
        input: child.input,
        parentId,
        parentTaskId: child.parentTaskId,
      },
      now,
      lease,
    );
    this.inbox.deliverToNew(scope, child.instanceId, child.started, lease, child.started.timestamp);
    scope.afterCommit(() => this.watchers.notify(child.instanceId, WorkflowStatus.PENDING));
    return false;
  }

  /**
   * Removes a terminal instance and, when recursive, its descendants. Refused while any descendant has
   * not finished, unless `force`: then a recursive purge removes the live ones too (a worker holding one
   * finds it gone and drops its work) and a non-recursive one leaves them without a parent.
   *
   * @returns how many instances were removed, the instance included; 0 when there was none
   * @throws {@link WorkflowNotTerminalError} naming the instance, or the first live descendant
   */
  purge(instanceId: string, recursive: boolean, force = false): number {
    const row = this.s.getInstanceMeta.get(instanceId) as InstanceRow | undefined;
    if (!row) return 0;
    if (!isTerminalStatus(row.status)) throw new WorkflowNotTerminalError(instanceId, row.status);
    const descendants = this.descendantsOf(instanceId);
    const live = descendants.find((d) => !isTerminalStatus(d.status));
    if (live && !force) throw new WorkflowNotTerminalError(live.instance_id, live.status, instanceId);
    let removed = 1;
    if (recursive) {
      for (const d of descendants) this.remove(d.instance_id);
      removed += descendants.length;
    }
    this.remove(instanceId);
    return removed;
  }

  /** Removes every terminal instance matching the filter, with its descendants; returns how many roots. */
  purgeWhere(filter: PurgeFilter): number {
    const statuses = (filter.status ?? TERMINAL_STATUSES).filter(isTerminalStatus);
    const from = filter.createdFrom ?? Number.MIN_SAFE_INTEGER;
    const to = filter.createdTo ?? Number.MAX_SAFE_INTEGER;
    let count = 0;
    for (const status of new Set(statuses)) {
      const ids = this.s.purgeCandidates.all({ status, from, to }) as { instance_id: string }[];
      for (const { instance_id } of ids) {
        // Bulk purge never forces: a family with a live member is left whole (a root purged earlier in this
        // loop may have taken this one with it).
        if (this.liveHolder(instance_id) !== undefined) continue;
        if (this.purge(instance_id, true) > 0) count += 1;
      }
    }
    return count;
  }

  /**
   * Makes an id free for a new instance: a terminal instance holding it is removed with its descendants
   * (all terminal), so the new instance adopts none of them.
   *
   * @throws {@link WorkflowAlreadyExistsError} when the instance or one of its descendants has not finished
   */
  claimId(instanceId: string): void {
    const existing = this.s.getInstanceMeta.get(instanceId) as InstanceRow | undefined;
    if (!existing) return;
    const live = this.liveHolderOf(existing);
    if (live) throw new WorkflowAlreadyExistsError(instanceId, live);
    this.releaseFamily(instanceId);
  }

  /**
   * The id of what keeps `instanceId` from being reused: the instance itself when it has not finished,
   * else its first live descendant; undefined when the id is free or held only by finished instances.
   */
  liveHolder(instanceId: string): string | undefined {
    const existing = this.s.getInstanceMeta.get(instanceId) as InstanceRow | undefined;
    return existing && this.liveHolderOf(existing);
  }

  /** {@link liveHolder} of an instance whose row was read. */
  private liveHolderOf(existing: InstanceRow): string | undefined {
    const instanceId = existing.instance_id;
    if (!isTerminalStatus(existing.status)) return instanceId;
    return this.descendantsOf(instanceId).find((d) => !isTerminalStatus(d.status))?.instance_id;
  }

  /** Removes the finished family holding an existing id (caller checked {@link liveHolder}). */
  private releaseFamily(instanceId: string): void {
    for (const d of this.descendantsOf(instanceId)) this.remove(d.instance_id);
    this.remove(instanceId);
  }

  private descendantsOf(instanceId: string): { instance_id: string; status: WorkflowStatus }[] {
    return this.s.descendants.all(instanceId) as { instance_id: string; status: WorkflowStatus }[];
  }

  /** Inserts a PENDING instance row, leased when `lease` is given. */
  insert(instance: NewInstance, now: number, lease?: NewLease): void {
    this.s.insertInstance.run({
      instanceId: instance.instanceId,
      name: instance.name,
      now,
      startAt: instance.startAt ?? null,
      input: instance.input ?? null,
      parentId: instance.parentId ?? null,
      parentTaskId: instance.parentTaskId ?? null,
      leaseOwner: lease?.owner ?? null,
      leaseUntil: lease?.until ?? 0,
    });
  }

  /**
   * Deletes an instance with its history, messages and activities; its remaining children lose their
   * parent (so that a later instance with this id adopts none).
   */
  remove(instanceId: string): void {
    this.s.orphanChildren.run(instanceId);
    this.s.deleteHistory.run({ instanceId });
    this.s.deleteInbox.run(instanceId);
    this.s.deleteActivities.run(instanceId);
    this.s.deleteInstance.run(instanceId);
  }

  /**
   * The instance's row, which must exist and not have finished.
   *
   * @throws {@link WorkflowNotFoundError}; {@link WorkflowNotRunningError} naming `operation`
   */
  requireRunning(instanceId: string, operation: string): InstanceRow {
    const row = this.s.getInstanceMeta.get(instanceId) as InstanceRow | undefined;
    if (!row)
      throw new WorkflowNotFoundError(`No workflow instance with id '${instanceId}' exists.`, { instanceId });
    if (isTerminalStatus(row.status)) throw new WorkflowNotRunningError(instanceId, row.status, operation);
    return row;
  }
}

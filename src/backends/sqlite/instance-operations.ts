import {
  WorkflowAlreadyExistsError,
  WorkflowNotFoundError,
  WorkflowNotRunningError,
  WorkflowNotTerminalError,
} from '../../errors';
import type { Clock, CreateInstanceRequest, HistoryEvent, PlannedChildStart, PurgeFilter } from '../../core';
import { isTerminalStatus, newEvent, WorkflowStatus } from '../../core';
import type { CommitScope } from './commit-queue';
import type { Inbox } from './inbox';
import type { InstanceWatchers } from './instance-watchers';
import type { InstanceRow } from './rows';
import type { Statements } from './statements';

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
   */
  constructor(
    private readonly s: Statements,
    private readonly inbox: Inbox,
    private readonly watchers: InstanceWatchers,
    private readonly clock: Clock,
  ) {}

  /**
   * Creates an instance and queues its ExecutionStarted event.
   *
   * @throws {@link WorkflowAlreadyExistsError} when a non-terminal instance has the id (a terminal one is replaced)
   */
  create(scope: CommitScope, req: CreateInstanceRequest): void {
    this.claimId(req.instanceId);
    const now = this.clock.now();
    this.insert({ instanceId: req.instanceId, name: req.name, input: req.input, startAt: req.startAt }, now);
    const started = newEvent('ExecutionStarted', now, {
      name: req.name,
      input: req.input,
      scheduledStartTimestamp: req.startAt,
      parentTraceContext: req.parentTraceContext,
    });
    this.inbox.deliver(scope, req.instanceId, started, Math.max(now, req.startAt ?? now));
    scope.afterCommit(() => this.watchers.notify(req.instanceId, WorkflowStatus.PENDING));
  }

  /**
   * Queues an external event.
   *
   * @throws {@link WorkflowNotFoundError}, {@link WorkflowNotRunningError} when the instance finished
   */
  raiseEvent(scope: CommitScope, instanceId: string, name: string, input: string | undefined): void {
    this.requireRunning(instanceId, 'raise an event for');
    this.inbox.deliver(scope, instanceId, newEvent('EventRaised', this.clock.now(), { name, input }));
  }

  /**
   * Queues a suspend, resume or terminate request (the next step records it, as daprd).
   *
   * @throws {@link WorkflowNotFoundError}, {@link WorkflowNotRunningError} when the instance finished
   */
  control(
    scope: CommitScope,
    instanceId: string,
    event: HistoryEvent & { type: 'ExecutionSuspended' | 'ExecutionResumed' | 'ExecutionTerminated' },
    operation: string,
  ): void {
    this.requireRunning(instanceId, operation);
    this.inbox.deliver(scope, instanceId, event);
  }

  /**
   * Starts a child workflow a parent's step planned; when its id is held by an instance that has not
   * finished, the parent receives the plan's refusal instead.
   */
  startChild(scope: CommitScope, parentId: string, child: PlannedChildStart, now: number): void {
    const existing = this.s.getInstanceMeta.get(child.instanceId) as InstanceRow | undefined;
    if (existing && !isTerminalStatus(existing.status)) {
      this.inbox.deliver(scope, parentId, child.refused);
      return;
    }
    if (existing) this.remove(child.instanceId);
    this.insert(
      {
        instanceId: child.instanceId,
        name: child.name,
        input: child.input,
        parentId,
        parentTaskId: child.parentTaskId,
      },
      now,
    );
    this.inbox.deliver(scope, child.instanceId, child.started);
    scope.afterCommit(() => this.watchers.notify(child.instanceId, WorkflowStatus.PENDING));
  }

  /**
   * Removes a terminal instance and, when recursive, its terminal descendants.
   *
   * @returns how many instances were removed, the instance included; 0 when there was none
   * @throws {@link WorkflowNotTerminalError} when it has not finished
   */
  purge(instanceId: string, recursive: boolean): number {
    const row = this.s.getInstanceMeta.get(instanceId) as InstanceRow | undefined;
    if (!row) return 0;
    if (!isTerminalStatus(row.status)) throw new WorkflowNotTerminalError(instanceId, row.status);
    let removed = 1;
    if (recursive) {
      for (const d of this.s.descendants.all(instanceId) as {
        instance_id: string;
        status: WorkflowStatus;
      }[]) {
        if (!isTerminalStatus(d.status)) continue;
        this.remove(d.instance_id);
        removed += 1;
      }
    }
    this.remove(instanceId);
    return removed;
  }

  /** Removes every terminal instance matching the filter, with its terminal descendants; returns how many roots. */
  purgeWhere(filter: PurgeFilter): number {
    const statuses = (filter.status ?? TERMINAL_STATUSES).filter(isTerminalStatus);
    const from = filter.createdFrom ?? Number.MIN_SAFE_INTEGER;
    const to = filter.createdTo ?? Number.MAX_SAFE_INTEGER;
    let count = 0;
    for (const status of new Set(statuses)) {
      const ids = this.s.purgeCandidates.all({ status, from, to }) as { instance_id: string }[];
      for (const { instance_id } of ids) if (this.purge(instance_id, true) > 0) count += 1;
    }
    return count;
  }

  /**
   * Makes an id free for a new instance: a terminal instance holding it is removed.
   *
   * @throws {@link WorkflowAlreadyExistsError} when a non-terminal instance holds it
   */
  claimId(instanceId: string): void {
    const existing = this.s.getInstanceMeta.get(instanceId) as InstanceRow | undefined;
    if (!existing) return;
    if (!isTerminalStatus(existing.status)) throw new WorkflowAlreadyExistsError(instanceId);
    this.remove(instanceId);
  }

  /** Inserts a PENDING instance row. */
  insert(instance: NewInstance, now: number): void {
    this.s.insertInstance.run({
      instanceId: instance.instanceId,
      name: instance.name,
      now,
      startAt: instance.startAt ?? null,
      input: instance.input ?? null,
      parentId: instance.parentId ?? null,
      parentTaskId: instance.parentTaskId ?? null,
    });
  }

  /** Deletes an instance with its history, messages and activities; its children are detached. */
  remove(instanceId: string): void {
    this.s.detachChildren.run(instanceId);
    this.s.deleteHistory.run(instanceId);
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

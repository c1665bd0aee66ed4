import type Database from 'better-sqlite3';
import {
  ValidationError,
  WorkflowAlreadyExistsError,
  WorkflowNotFoundError,
  WorkflowNotRunningError,
  WorkflowNotTerminalError,
} from '../../errors';
import type { FailureDetails } from '../../errors';
import type {
  ActivityResult,
  ActivityWorkItem,
  Clock,
  CreateInstanceRequest,
  HistoryEvent,
  InstancePage,
  InstanceQuery,
  InstanceRecord,
  PurgeFilter,
  RerunRequest,
  StalledReason,
  WorkflowStepResult,
} from '../../core';
import { isTerminalStatus, newEvent, WorkflowStatus } from '../../core';
import type { CommitScope } from './commit-queue';
import { SqliteStalls } from './stalls';

/** A workflow step claimed from the database: the inbox messages it consumes and the events they carry. */
export interface WorkflowClaim {
  instanceId: string;
  /** Inbox rows this step consumes; deleted when it commits. */
  messageIds: number[];
  /** A WorkflowStarted event followed by the inbox events. */
  newEvents: HistoryEvent[];
  /** History length before this step. */
  pastEventCount: number;
}

/** An activity claimed from the database. */
export interface ActivityClaim {
  /** The activities row. */
  id: number;
  item: ActivityWorkItem;
}

/** The in-process worker, to which new work is handed straight after the commit that creates it. */
export interface LocalDispatcher {
  readonly ownerId: string;
  /** Reserves room for one more workflow step; false when the local queue is full. */
  reserveWorkflow(): boolean;
  /** Reserves room for one more activity; false when the local queue is full. */
  reserveActivity(): boolean;
  /** Takes a reserved workflow step (after commit). */
  pushWorkflow(claim: WorkflowClaim): void;
  /** Takes a reserved activity (after commit). */
  pushActivity(claim: ActivityClaim): void;
  /** A timer was written that fires at `at`. */
  noteTimer(at: number): void;
}

interface InstanceRow {
  instance_id: string;
  name: string;
  status: WorkflowStatus;
  created_at: number;
  last_updated_at: number;
  completed_at: number | null;
  scheduled_start_at: number | null;
  input: string | null;
  output: string | null;
  custom_status: string | null;
  failure_details: string | null;
  parent_instance_id: string | null;
  parent_task_id: number | null;
  history_length: number;
  lease_owner: string | null;
  lease_expires_at: number;
  version?: string | null;
  stalled_reason?: string | null;
}

interface ActivityRow {
  id: number;
  instance_id: string;
  task_id: number;
  name: string;
  input: string | null;
  attempt: number;
  task_execution_id: string | null;
}

const TERMINAL = `('COMPLETED','FAILED','TERMINATED','CANCELED')`;

/**
 * The embedded engine's data operations. Writes are synchronous and run inside the group commit's
 * transaction (see {@link CommitQueue}); effects on the in-process worker are registered to run after commit.
 */
export class SqliteStore {
  /** The in-process worker, if one runs. */
  dispatcher: LocalDispatcher | undefined;
  private readonly s;
  /** STALLED instances (versioning). */
  readonly stalls: SqliteStalls;
  /** Listing statements by shape (which filters are present), prepared once each. */
  private readonly listStatements = new Map<string, Database.Statement>();

  /**
   * @param db - the open, migrated database
   * @param clock - the source of time for timestamps and timers
   * @param leaseMs - how long a claim holds before another worker may take the work
   */
  constructor(
    private readonly db: Database.Database,
    private readonly clock: Clock,
    readonly leaseMs: number,
  ) {
    const p = (sql: string) => db.prepare(sql);
    this.stalls = new SqliteStalls(db);
    this.s = {
      getInstance: p(`SELECT * FROM instances WHERE instance_id = ?`),
      getInstanceMeta: p(
        `SELECT instance_id, name, status, created_at, last_updated_at, completed_at, scheduled_start_at, custom_status,
                failure_details, parent_instance_id, parent_task_id, history_length, lease_owner, lease_expires_at,
                version, stalled_reason, NULL AS input, NULL AS output
           FROM instances WHERE instance_id = ?`,
      ),
      insertInstance: p(
        `INSERT INTO instances (instance_id, name, status, created_at, last_updated_at, scheduled_start_at, input,
                                parent_instance_id, parent_task_id)
         VALUES (@instanceId, @name, 'PENDING', @now, @now, @startAt, @input, @parentId, @parentTaskId)`,
      ),
      deleteInstance: p(`DELETE FROM instances WHERE instance_id = ?`),
      deleteHistory: p(`DELETE FROM history WHERE instance_id = ?`),
      deleteInbox: p(`DELETE FROM inbox WHERE instance_id = ?`),
      deleteInboxExceptEvents: p(`DELETE FROM inbox WHERE instance_id = ? AND type != 'EventRaised'`),
      deleteActivities: p(`DELETE FROM activities WHERE instance_id = ?`),
      deleteUnleasedActivities: p(`DELETE FROM activities WHERE instance_id = ? AND lease_owner IS NULL`),
      insertInbox: p(`INSERT INTO inbox (instance_id, type, event, visible_at) VALUES (?, ?, ?, ?)`),
      deleteMessage: p(`DELETE FROM inbox WHERE id = ?`),
      inboxFor: p(`SELECT id, type, event FROM inbox WHERE instance_id = ? AND visible_at <= ? ORDER BY id`),
      appendHistory: p(`INSERT INTO history (instance_id, seq, event) VALUES (?, ?, ?)`),
      history: p(`SELECT event FROM history WHERE instance_id = ? ORDER BY seq`),
      historyPrefix: p(`SELECT event FROM history WHERE instance_id = ? AND seq < ? ORDER BY seq`),
      leaseInstance: p(
        `UPDATE instances SET lease_owner = ?, lease_expires_at = ?
          WHERE instance_id = ? AND lease_expires_at < ? AND status NOT IN ${TERMINAL}`,
      ),
      releaseInstance: p(
        `UPDATE instances SET lease_owner = NULL, lease_expires_at = 0 WHERE instance_id = ?`,
      ),
      candidates: p(
        // Only messages that are due are read (by the visibility index): future timers cost nothing here.
        `SELECT m.instance_id FROM inbox m INDEXED BY inbox_by_visible
            JOIN instances i ON i.instance_id = m.instance_id
          WHERE m.visible_at <= @now AND i.lease_expires_at < @leaseNow
            AND (i.status != 'SUSPENDED' OR m.type IN ('ExecutionResumed', 'ExecutionTerminated'))
          GROUP BY m.instance_id ORDER BY MIN(m.visible_at) LIMIT @limit`,
      ),
      updateStep: p(
        `UPDATE instances SET status = @status, custom_status = @customStatus, last_updated_at = @now,
                history_length = @historyLength WHERE instance_id = @instanceId`,
      ),
      finish: p(
        `UPDATE instances SET status = @status, output = @output, failure_details = @failure, custom_status = @customStatus,
                last_updated_at = @now, completed_at = @now, history_length = @historyLength,
                lease_owner = NULL, lease_expires_at = 0
          WHERE instance_id = @instanceId`,
      ),
      restart: p(
        `UPDATE instances SET status = 'RUNNING', input = @input, output = NULL, failure_details = NULL,
                custom_status = @customStatus, last_updated_at = @now, history_length = 0 WHERE instance_id = @instanceId`,
      ),
      detachChildren: p(`UPDATE instances SET parent_task_id = NULL WHERE parent_instance_id = ?`),
      childrenRunning: p(
        `SELECT instance_id FROM instances WHERE parent_instance_id = ? AND status NOT IN ${TERMINAL}`,
      ),
      descendants: p(
        `WITH RECURSIVE tree(id) AS (SELECT instance_id FROM instances WHERE parent_instance_id = ?
           UNION SELECT i.instance_id FROM instances i JOIN tree ON i.parent_instance_id = tree.id)
         SELECT i.instance_id, i.status FROM instances i JOIN tree ON i.instance_id = tree.id`,
      ),
      insertActivity: p(
        `INSERT INTO activities (instance_id, task_id, name, input, attempt, task_execution_id, created_at, lease_owner,
                                 lease_expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      claimActivities: p(
        `UPDATE activities SET lease_owner = @owner, lease_expires_at = @until
          WHERE id IN (SELECT id FROM activities INDEXED BY activities_by_lease
                        WHERE lease_expires_at < @leaseNow LIMIT @limit)
          RETURNING id, instance_id, task_id, name, input, attempt, task_execution_id`,
      ),
      finishActivity: p(`DELETE FROM activities WHERE id = ? AND lease_owner = ?`),
      releaseActivity: p(
        `UPDATE activities SET lease_owner = NULL, lease_expires_at = 0 WHERE id = ? AND lease_owner = ?`,
      ),
      renewInstance: p(`UPDATE instances SET lease_expires_at = ? WHERE instance_id = ? AND lease_owner = ?`),
      renewActivity: p(`UPDATE activities SET lease_expires_at = ? WHERE id = ? AND lease_owner = ?`),
      releaseOwnedInstance: p(
        `UPDATE instances SET lease_owner = NULL, lease_expires_at = 0 WHERE instance_id = ? AND lease_owner = ?`,
      ),
      nextDue: p(`SELECT MIN(visible_at) AS at FROM inbox WHERE visible_at > ?`),
      purgeCandidates: p(
        `SELECT instance_id FROM instances WHERE status IN ${TERMINAL}
            AND (@status IS NULL OR status IN (SELECT value FROM json_each(@status)))
            AND (@from IS NULL OR created_at >= @from) AND (@to IS NULL OR created_at < @to)`,
      ),
    };
  }

  // ---- client operations (run inside a group commit) ----

  /** Creates an instance and queues its ExecutionStarted event. */
  createInstance(scope: CommitScope, req: CreateInstanceRequest): void {
    const existing = this.s.getInstanceMeta.get(req.instanceId) as InstanceRow | undefined;
    if (existing) {
      if (!isTerminalStatus(existing.status)) throw new WorkflowAlreadyExistsError(req.instanceId);
      this.removeInstance(req.instanceId);
    }
    const now = this.clock.now();
    this.s.insertInstance.run({
      instanceId: req.instanceId,
      name: req.name,
      now,
      startAt: req.startAt ?? null,
      input: req.input ?? null,
      parentId: null,
      parentTaskId: null,
    });
    const started = newEvent('ExecutionStarted', now, {
      name: req.name,
      input: req.input,
      scheduledStartTimestamp: req.startAt,
    });
    this.deliver(scope, req.instanceId, started, Math.max(now, req.startAt ?? now));
    scope.afterCommit(() => this.notify(req.instanceId, WorkflowStatus.PENDING));
  }

  /** Queues an external event; the instance must exist and not have finished. */
  raiseEvent(scope: CommitScope, instanceId: string, name: string, input: string | undefined): void {
    this.requireRunning(instanceId, 'raise an event for');
    this.deliver(scope, instanceId, newEvent('EventRaised', this.clock.now(), { name, input }));
  }

  /** Queues a suspend, resume or terminate request. */
  control(
    scope: CommitScope,
    instanceId: string,
    event: HistoryEvent & { type: 'ExecutionSuspended' | 'ExecutionResumed' | 'ExecutionTerminated' },
    operation: string,
  ): void {
    this.requireRunning(instanceId, operation);
    this.deliver(scope, instanceId, event);
  }

  /** Removes a terminal instance and, when recursive, its terminal descendants; false when there was none. */
  purge(instanceId: string, recursive: boolean): boolean {
    const row = this.s.getInstanceMeta.get(instanceId) as InstanceRow | undefined;
    if (!row) return false;
    if (!isTerminalStatus(row.status)) throw new WorkflowNotTerminalError(instanceId, row.status);
    if (recursive) {
      for (const d of this.s.descendants.all(instanceId) as {
        instance_id: string;
        status: WorkflowStatus;
      }[]) {
        if (isTerminalStatus(d.status)) this.removeInstance(d.instance_id);
      }
    }
    this.removeInstance(instanceId);
    return true;
  }

  /** Removes every terminal instance matching the filter, with its terminal descendants; returns how many roots. */
  purgeWhere(filter: PurgeFilter): number {
    const ids = this.s.purgeCandidates.all({
      status: filter.status ? JSON.stringify(filter.status) : null,
      from: filter.createdFrom ?? null,
      to: filter.createdTo ?? null,
    }) as { instance_id: string }[];
    let count = 0;
    for (const { instance_id } of ids) if (this.purge(instance_id, true)) count += 1;
    return count;
  }

  /**
   * Starts a new instance from the source's history cut at the step that scheduled `eventId`: events of
   * earlier steps become its history, the other events of that step its inbox, so the step re-runs.
   */
  rerunFromEvent(scope: CommitScope, req: RerunRequest): void {
    if (req.newInstanceId === req.sourceInstanceId) {
      throw new ValidationError(
        `A rerun needs a new instance id; '${req.sourceInstanceId}' is the source itself.`,
      );
    }
    const source = this.s.getInstance.get(req.sourceInstanceId) as InstanceRow | undefined;
    if (!source)
      throw new WorkflowNotFoundError(`No workflow instance with id '${req.sourceInstanceId}' exists.`);
    if (!isTerminalStatus(source.status)) {
      throw new WorkflowNotTerminalError(req.sourceInstanceId, source.status);
    }
    const history = this.getHistory(req.sourceInstanceId) ?? [];
    const target = history.findIndex(
      (e) =>
        e.eventId === req.eventId &&
        (e.type === 'TaskScheduled' || e.type === 'ChildWorkflowInstanceCreated'),
    );
    if (target < 0) {
      const found = history.find((e) => e.eventId === req.eventId);
      throw new ValidationError(
        found
          ? `Event ${req.eventId} of '${req.sourceInstanceId}' is a ${found.type}; a rerun starts from an activity ` +
              `(TaskScheduled) or child workflow (ChildWorkflowInstanceCreated) event.`
          : `Instance '${req.sourceInstanceId}' has no activity or child workflow event with id ${req.eventId}.`,
      );
    }
    let stepStart = target;
    while (stepStart > 0 && history[stepStart].type !== 'WorkflowStarted') stepStart -= 1;
    const past = history.slice(0, stepStart);
    const replayed = history
      .slice(stepStart + 1, target)
      .filter(
        (e) =>
          !['TaskScheduled', 'TimerCreated', 'ChildWorkflowInstanceCreated', 'EventSent'].includes(e.type),
      );
    // The new instance stands alone: no parent, and the replaced input when one was given.
    const rewrite = (e: HistoryEvent): HistoryEvent =>
      e.type === 'ExecutionStarted'
        ? { ...e, parentInstance: undefined, ...(req.overwriteInput ? { input: req.input } : {}) }
        : e;

    const existing = this.s.getInstanceMeta.get(req.newInstanceId) as InstanceRow | undefined;
    if (existing) {
      if (!isTerminalStatus(existing.status)) throw new WorkflowAlreadyExistsError(req.newInstanceId);
      this.removeInstance(req.newInstanceId);
    }
    const now = this.clock.now();
    this.s.insertInstance.run({
      instanceId: req.newInstanceId,
      name: source.name,
      now,
      startAt: null,
      input: req.overwriteInput ? (req.input ?? null) : source.input,
      parentId: null,
      parentTaskId: null,
    });
    past.forEach((e, i) => this.s.appendHistory.run(req.newInstanceId, i, JSON.stringify(rewrite(e))));
    this.s.updateStep.run({
      status: past.length > 0 ? WorkflowStatus.RUNNING : WorkflowStatus.PENDING,
      customStatus: null,
      now,
      historyLength: past.length,
      instanceId: req.newInstanceId,
    });
    for (const e of replayed)
      this.s.insertInbox.run(req.newInstanceId, e.type, JSON.stringify(rewrite(e)), now);
    this.offer(scope, req.newInstanceId);
    scope.afterCommit(() => this.notify(req.newInstanceId));
  }

  // ---- worker operations ----

  /** Claims up to `limit` workflow steps whose lease is free. */
  claimWorkflows(owner: string, limit: number): WorkflowClaim[] {
    if (limit <= 0) return [];
    const now = this.clock.now();
    const leaseNow = Date.now();
    const ids = this.s.candidates.all({ now, leaseNow, limit }) as { instance_id: string }[];
    const claims: WorkflowClaim[] = [];
    for (const { instance_id } of ids) {
      if (this.s.leaseInstance.run(owner, leaseNow + this.leaseMs, instance_id, leaseNow).changes === 0) {
        this.dropIfTerminal(instance_id);
        continue;
      }
      const row = this.s.getInstanceMeta.get(instance_id) as InstanceRow;
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

  /**
   * Commits a workflow step: history, new work, status and lease release, in the caller's transaction.
   *
   * @returns false when the lease was lost (nothing written)
   */
  completeWorkflow(
    scope: CommitScope,
    owner: string,
    claim: WorkflowClaim,
    step: WorkflowStepResult,
  ): boolean {
    const row = this.s.getInstanceMeta.get(claim.instanceId) as InstanceRow | undefined;
    if (!row || row.lease_owner !== owner) return false;
    if (row.history_length !== claim.pastEventCount) {
      // Another step of ours got there first; give the instance back so what is waiting gets dispatched.
      this.s.releaseInstance.run(claim.instanceId);
      this.offer(scope, claim.instanceId);
      return false;
    }
    const now = this.clock.now();
    const id = claim.instanceId;
    if (step.stalled) {
      const retryAt = this.stalls.record(row, claim.messageIds, step.stalled, now);
      scope.afterCommit(() => this.dispatcher?.noteTimer(retryAt));
      scope.afterCommit(() => this.notify(id, WorkflowStatus.STALLED));
      return true;
    }
    this.stalls.noteStep(id, step.version?.name);
    for (const messageId of claim.messageIds) this.s.deleteMessage.run(messageId);

    const events: HistoryEvent[] = [...claim.newEvents];
    if (step.version && events[0]?.type === 'WorkflowStarted')
      events[0] = { ...events[0], version: step.version };
    let completion: Extract<WorkflowStepResult['actions'][number], { type: 'CompleteWorkflow' }> | undefined;
    for (const action of step.actions) {
      switch (action.type) {
        case 'ScheduleTask': {
          events.push(
            newEvent('TaskScheduled', now, {
              eventId: action.id,
              name: action.name,
              input: action.input,
              taskExecutionId: action.taskExecutionId,
              attempt: action.attempt,
            }),
          );
          this.scheduleActivity(scope, id, action, now);
          break;
        }
        case 'CreateTimer':
          events.push(
            newEvent('TimerCreated', now, {
              eventId: action.id,
              fireAt: action.fireAt,
              origin: action.origin,
            }),
          );
          this.s.insertInbox.run(
            id,
            'TimerFired',
            JSON.stringify(
              newEvent('TimerFired', action.fireAt, { fireAt: action.fireAt, timerId: action.id }),
            ),
            action.fireAt,
          );
          if (action.fireAt > now) scope.afterCommit(() => this.dispatcher?.noteTimer(action.fireAt));
          break;
        case 'CreateChildWorkflow':
          events.push(
            newEvent('ChildWorkflowInstanceCreated', now, {
              eventId: action.id,
              instanceId: action.instanceId,
              name: action.name,
              input: action.input,
            }),
          );
          this.startChild(scope, row, action, now);
          break;
        case 'CreateDetachedWorkflow':
          events.push(
            newEvent('DetachedWorkflowInstanceCreated', now, {
              eventId: action.id,
              instanceId: action.instanceId,
              name: action.name,
              input: action.input,
            }),
          );
          // No parent link; an id a live instance holds starts nothing (the caller never hears back).
          if (!this.isLive(action.instanceId)) {
            this.createInstance(scope, {
              instanceId: action.instanceId,
              name: action.name,
              input: action.input,
            });
          }
          break;
        case 'SendEvent': {
          events.push(
            newEvent('EventSent', now, {
              eventId: action.id,
              instanceId: action.instanceId,
              name: action.name,
              input: action.data,
            }),
          );
          const target = this.s.getInstanceMeta.get(action.instanceId) as InstanceRow | undefined;
          if (target && !isTerminalStatus(target.status)) {
            this.deliver(
              scope,
              action.instanceId,
              newEvent('EventRaised', now, { name: action.name, input: action.data }),
            );
          }
          break;
        }
        case 'CompleteWorkflow':
          completion = action;
          events.push(
            newEvent('ExecutionCompleted', now, {
              eventId: action.id,
              workflowStatus: action.workflowStatus,
              result: action.result,
              failureDetails: action.failureDetails,
            }),
          );
          break;
      }
    }

    let seq = row.history_length;
    for (const event of events) this.s.appendHistory.run(id, seq++, JSON.stringify(event));
    const customStatus = step.customStatus ?? null;

    if (completion && completion.workflowStatus === WorkflowStatus.CONTINUED_AS_NEW) {
      this.continueAsNew(scope, row, completion.result, completion.carryoverEvents ?? [], customStatus, now);
    } else if (completion) {
      this.finish(scope, row, claim, completion, customStatus, seq, now);
    } else {
      const started = claim.newEvents.some((e) => e.type === 'ExecutionStarted');
      let status = row.status === WorkflowStatus.PENDING && started ? WorkflowStatus.RUNNING : row.status;
      if (status === WorkflowStatus.STALLED) status = WorkflowStatus.RUNNING;
      for (const e of claim.newEvents) {
        if (e.type === 'ExecutionSuspended') status = WorkflowStatus.SUSPENDED;
        if (e.type === 'ExecutionResumed') status = WorkflowStatus.RUNNING;
      }
      this.s.updateStep.run({ status, customStatus, now, historyLength: seq, instanceId: id });
      // Events that arrived while this step ran: keep the lease and hand the next step over directly.
      const d = this.dispatcher;
      const next = d ? this.readClaim(id, now, status, seq) : undefined;
      if (d && next && d.reserveWorkflow()) scope.afterCommit(() => d.pushWorkflow(next));
      else this.s.releaseInstance.run(id);
      scope.afterCommit(() => this.notify(id, status));
      return true;
    }
    scope.afterCommit(() => this.notify(id, completion.workflowStatus));
    return true;
  }

  /**
   * Commits an activity's outcome as an event for its workflow.
   *
   * @returns false when the activity's lease was lost or it was already completed
   */
  completeActivity(
    scope: CommitScope,
    owner: string,
    claim: ActivityClaim,
    outcome: ActivityResult,
  ): boolean {
    if (this.s.finishActivity.run(claim.id, owner).changes === 0) return false;
    const { instanceId, taskId } = claim.item;
    const row = this.s.getInstanceMeta.get(instanceId) as InstanceRow | undefined;
    if (!row || isTerminalStatus(row.status)) return true;
    this.deliver(scope, instanceId, activityOutcomeEvent(taskId, outcome, this.clock.now()));
    return true;
  }

  /**
   * Reads what the next step of an instance would be if an activity's outcome were delivered now, without
   * writing: for running the step before committing the outcome and the step together
   * ({@link SqliteStore.completeActivityWithStep}). Undefined when the instance cannot take it now
   * (leased, suspended, finished).
   */
  previewStepAfterActivity(claim: ActivityClaim, outcome: ActivityResult): WorkflowClaim | undefined {
    const row = this.s.getInstanceMeta.get(claim.item.instanceId) as InstanceRow | undefined;
    if (!row || row.status !== WorkflowStatus.RUNNING || row.lease_expires_at >= Date.now()) return undefined;
    const now = this.clock.now();
    const messages = this.s.inboxFor.all(row.instance_id, now) as {
      id: number;
      type: string;
      event: string;
    }[];
    return {
      instanceId: row.instance_id,
      messageIds: messages.map((m) => m.id),
      newEvents: [
        newEvent('WorkflowStarted', now, {}),
        ...messages.map((m) => fromInbox(m.event, now)),
        activityOutcomeEvent(claim.item.taskId, outcome, now),
      ],
      pastEventCount: row.history_length,
    };
  }

  /**
   * Commits an activity's outcome together with the workflow step that consumed it (one commit instead of
   * two). If the instance moved on meanwhile (another worker's step, a new message), the outcome is
   * delivered to its inbox as usual and the step is discarded.
   *
   * @returns `fused` when both were committed, `delivered` when only the outcome was, `lost` when the
   *   activity's lease was lost (nothing written)
   */
  completeActivityWithStep(
    scope: CommitScope,
    owner: string,
    claim: ActivityClaim,
    outcome: ActivityResult,
    stepClaim: WorkflowClaim,
    step: WorkflowStepResult,
  ): 'fused' | 'delivered' | 'lost' {
    const leaseNow = Date.now();
    const row = this.s.getInstanceMeta.get(stepClaim.instanceId) as InstanceRow | undefined;
    const messages = this.s.inboxFor.all(stepClaim.instanceId, this.clock.now()) as { id: number }[];
    const unchanged =
      row !== undefined &&
      row.status === WorkflowStatus.RUNNING &&
      row.lease_expires_at < leaseNow &&
      row.history_length === stepClaim.pastEventCount &&
      messages.length === stepClaim.messageIds.length &&
      messages.every((m, i) => m.id === stepClaim.messageIds[i]);
    if (!unchanged) return this.completeActivity(scope, owner, claim, outcome) ? 'delivered' : 'lost';
    if (this.s.finishActivity.run(claim.id, owner).changes === 0) return 'lost';
    this.s.leaseInstance.run(owner, leaseNow + this.leaseMs, stepClaim.instanceId, leaseNow);
    if (!this.completeWorkflow(scope, owner, stepClaim, step)) throw new Error('fused step could not commit');
    return 'fused';
  }

  /** Gives a claimed workflow step back without changes. */
  abandonWorkflow(owner: string, instanceId: string): void {
    const row = this.s.getInstanceMeta.get(instanceId) as InstanceRow | undefined;
    if (row?.lease_owner === owner) this.s.releaseInstance.run(instanceId);
  }

  /** Gives a claimed activity back without changes. */
  abandonActivity(owner: string, id: number): void {
    this.s.releaseActivity.run(id, owner);
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

  /** The earliest inbox message that is not visible yet (a timer, a delayed start), epoch ms. */
  nextDueAt(): number | undefined {
    const row = this.s.nextDue.get(this.clock.now()) as { at: number | null };
    return row.at ?? undefined;
  }

  // ---- reads ----

  /** Reads one instance. */
  getInstance(instanceId: string, includePayloads: boolean): InstanceRecord | undefined {
    const row = (includePayloads ? this.s.getInstance : this.s.getInstanceMeta).get(instanceId) as
      InstanceRow | undefined;
    return row && toRecord(row);
  }

  /** Reads an instance's history, or undefined when there is no such instance. */
  getHistory(instanceId: string): HistoryEvent[] | undefined {
    if (!this.s.getInstanceMeta.get(instanceId)) return undefined;
    return (this.s.history.all(instanceId) as { event: string }[]).map(
      (r) => JSON.parse(r.event) as HistoryEvent,
    );
  }

  /** Reads the first `count` history events (for replay). */
  getHistoryPrefix(instanceId: string, count: number): HistoryEvent[] {
    const rows = this.s.historyPrefix.all(instanceId, count) as { event: string }[];
    return rows.map((r) => JSON.parse(r.event) as HistoryEvent);
  }

  /** Lists instances newest first, with keyset paging. */
  listInstances(query: InstanceQuery): InstancePage {
    const where: string[] = [];
    const params: Record<string, unknown> = {};
    if (query.status?.length) {
      where.push(`status IN (SELECT value FROM json_each(@status))`);
      params.status = JSON.stringify(query.status);
    }
    if (query.name !== undefined) {
      where.push(`name = @name`);
      params.name = query.name;
    }
    if (query.createdFrom !== undefined) {
      where.push(`created_at >= @createdFrom`);
      params.createdFrom = query.createdFrom;
    }
    if (query.createdTo !== undefined) {
      where.push(`created_at < @createdTo`);
      params.createdTo = query.createdTo;
    }
    if (query.continuationToken) {
      const [createdAt, instanceId] = decodeToken(query.continuationToken);
      where.push(`(created_at < @tokenCreated OR (created_at = @tokenCreated AND instance_id < @tokenId))`);
      params.tokenCreated = createdAt;
      params.tokenId = instanceId;
    }
    const pageSize = Math.max(1, Math.min(query.pageSize ?? 100, 1000));
    params.limit = pageSize + 1;
    const sql =
      `SELECT * FROM instances ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ` +
      `ORDER BY created_at DESC, instance_id DESC LIMIT @limit`;
    let statement = this.listStatements.get(sql);
    if (!statement) this.listStatements.set(sql, (statement = this.db.prepare(sql)));
    const rows = statement.all(params) as InstanceRow[];
    const items = rows.slice(0, pageSize).map(toRecord);
    const last = rows.length > pageSize ? rows[pageSize - 1] : undefined;
    return { items, continuationToken: last && encodeToken(last.created_at, last.instance_id) };
  }

  // ---- listeners: in-process notification of instance changes ----

  private readonly listeners = new Map<string, Set<(status?: WorkflowStatus) => void>>();

  /**
   * Calls `fn` after each committed change of the instance, with its new status when known; returns the
   * unsubscribe function.
   */
  watch(instanceId: string, fn: (status?: WorkflowStatus) => void): () => void {
    const set = this.listeners.get(instanceId) ?? new Set();
    set.add(fn);
    this.listeners.set(instanceId, set);
    return () => {
      set.delete(fn);
      if (set.size === 0) this.listeners.delete(instanceId);
    };
  }

  private notify(instanceId: string, status?: WorkflowStatus): void {
    const set = this.listeners.get(instanceId);
    if (set) for (const fn of [...set]) fn(status);
  }

  // ---- internals ----

  private requireRunning(instanceId: string, operation: string): InstanceRow {
    const row = this.s.getInstanceMeta.get(instanceId) as InstanceRow | undefined;
    if (!row) throw new WorkflowNotFoundError(`No workflow instance with id '${instanceId}' exists.`);
    if (isTerminalStatus(row.status)) throw new WorkflowNotRunningError(instanceId, row.status, operation);
    return row;
  }

  /** Puts an event in an instance's inbox and, when it can run now, hands the instance to the local worker. */
  private deliver(
    scope: CommitScope,
    instanceId: string,
    event: HistoryEvent,
    visibleAt = event.timestamp,
  ): void {
    this.s.insertInbox.run(instanceId, event.type, JSON.stringify(event), visibleAt);
    if (visibleAt <= this.clock.now()) this.offer(scope, instanceId);
    else scope.afterCommit(() => this.dispatcher?.noteTimer(visibleAt));
  }

  /** Leases an instance with runnable inbox messages to the local worker, if it has room. */
  private offer(scope: CommitScope, instanceId: string): void {
    const d = this.dispatcher;
    if (!d) return;
    const leaseNow = Date.now();
    if (this.s.leaseInstance.run(d.ownerId, leaseNow + this.leaseMs, instanceId, leaseNow).changes === 0)
      return;
    const row = this.s.getInstanceMeta.get(instanceId) as InstanceRow;
    const claim = this.readClaim(instanceId, this.clock.now(), row.status, row.history_length);
    if (!claim || !d.reserveWorkflow()) {
      this.s.releaseInstance.run(instanceId);
      return;
    }
    scope.afterCommit(() => d.pushWorkflow(claim));
  }

  private readClaim(
    instanceId: string,
    now: number,
    status: WorkflowStatus,
    historyLength: number,
  ): WorkflowClaim | undefined {
    const messages = this.s.inboxFor.all(instanceId, now) as { id: number; type: string; event: string }[];
    if (messages.length === 0) return undefined;
    if (
      status === WorkflowStatus.SUSPENDED &&
      !messages.some((m) => m.type === 'ExecutionResumed' || m.type === 'ExecutionTerminated')
    ) {
      return undefined;
    }
    return {
      instanceId,
      messageIds: messages.map((m) => m.id),
      newEvents: [newEvent('WorkflowStarted', now, {}), ...messages.map((m) => fromInbox(m.event, now))],
      pastEventCount: historyLength,
    };
  }

  private isLive(instanceId: string): boolean {
    const row = this.s.getInstanceMeta.get(instanceId) as InstanceRow | undefined;
    return row !== undefined && !isTerminalStatus(row.status);
  }

  private dropIfTerminal(instanceId: string): void {
    const row = this.s.getInstanceMeta.get(instanceId) as InstanceRow | undefined;
    if (row && isTerminalStatus(row.status)) this.s.deleteInbox.run(instanceId);
  }

  private scheduleActivity(
    scope: CommitScope,
    instanceId: string,
    action: Extract<WorkflowStepResult['actions'][number], { type: 'ScheduleTask' }>,
    now: number,
  ): void {
    const d = this.dispatcher;
    const local = d !== undefined && d.reserveActivity();
    const leaseUntil = local ? Date.now() + this.leaseMs : 0;
    const info = this.s.insertActivity.run(
      instanceId,
      action.id,
      action.name,
      action.input ?? null,
      action.attempt,
      action.taskExecutionId,
      now,
      local ? d.ownerId : null,
      leaseUntil,
    );
    if (local) {
      const claim: ActivityClaim = {
        id: Number(info.lastInsertRowid),
        item: {
          instanceId,
          taskId: action.id,
          name: action.name,
          input: action.input,
          attempt: action.attempt,
          taskExecutionId: action.taskExecutionId,
        },
      };
      scope.afterCommit(() => d.pushActivity(claim));
    }
  }

  private startChild(
    scope: CommitScope,
    parent: InstanceRow,
    action: Extract<WorkflowStepResult['actions'][number], { type: 'CreateChildWorkflow' }>,
    now: number,
  ): void {
    const existing = this.s.getInstanceMeta.get(action.instanceId) as InstanceRow | undefined;
    if (existing && !isTerminalStatus(existing.status)) {
      this.deliver(
        scope,
        parent.instance_id,
        newEvent('ChildWorkflowInstanceFailed', now, {
          taskScheduledId: action.id,
          failureDetails: {
            errorType: 'WorkflowAlreadyExistsError',
            message: `Cannot start child workflow '${action.name}': instance id '${action.instanceId}' is in use.`,
          },
        }),
      );
      return;
    }
    if (existing) this.removeInstance(action.instanceId);
    this.s.insertInstance.run({
      instanceId: action.instanceId,
      name: action.name,
      now,
      startAt: null,
      input: action.input ?? null,
      parentId: parent.instance_id,
      parentTaskId: action.id,
    });
    this.deliver(
      scope,
      action.instanceId,
      newEvent('ExecutionStarted', now, {
        name: action.name,
        input: action.input,
        parentInstance: { instanceId: parent.instance_id, name: parent.name, taskScheduledId: action.id },
      }),
    );
    scope.afterCommit(() => this.notify(action.instanceId, WorkflowStatus.PENDING));
  }

  private finish(
    scope: CommitScope,
    row: InstanceRow,
    claim: WorkflowClaim,
    completion: Extract<WorkflowStepResult['actions'][number], { type: 'CompleteWorkflow' }>,
    customStatus: string | null,
    historyLength: number,
    now: number,
  ): void {
    const id = row.instance_id;
    this.s.finish.run({
      status: completion.workflowStatus,
      output: completion.result ?? null,
      failure: completion.failureDetails ? JSON.stringify(completion.failureDetails) : null,
      customStatus,
      now,
      historyLength,
      instanceId: id,
    });
    this.s.deleteInbox.run(id);
    this.s.deleteUnleasedActivities.run(id);
    if (completion.workflowStatus === WorkflowStatus.TERMINATED) {
      const terminated = claim.newEvents.find((e) => e.type === 'ExecutionTerminated');
      if (!terminated || terminated.recurse) {
        for (const child of this.s.childrenRunning.all(id) as { instance_id: string }[]) {
          this.deliver(
            scope,
            child.instance_id,
            newEvent('ExecutionTerminated', now, { input: completion.result, recurse: true }),
          );
        }
      }
    }
    if (row.parent_instance_id !== null && row.parent_task_id !== null) {
      const parent = this.s.getInstanceMeta.get(row.parent_instance_id) as InstanceRow | undefined;
      if (parent && !isTerminalStatus(parent.status)) {
        const taskScheduledId = row.parent_task_id;
        const event =
          completion.workflowStatus === WorkflowStatus.COMPLETED
            ? newEvent('ChildWorkflowInstanceCompleted', now, { taskScheduledId, result: completion.result })
            : newEvent('ChildWorkflowInstanceFailed', now, {
                taskScheduledId,
                failureDetails: completion.failureDetails ?? terminatedFailure(id, completion.workflowStatus),
              });
        this.deliver(scope, row.parent_instance_id, event);
      }
    }
  }

  private continueAsNew(
    scope: CommitScope,
    row: InstanceRow,
    input: string | undefined,
    carryover: HistoryEvent[],
    customStatus: string | null,
    now: number,
  ): void {
    const id = row.instance_id;
    this.s.deleteHistory.run(id);
    this.s.deleteInboxExceptEvents.run(id);
    // Work of the old execution must not report into the new one, whose task ids start again at 0:
    // in-flight activities lose their rows (their results are dropped) and running children are detached.
    this.s.deleteActivities.run(id);
    this.s.detachChildren.run(id);
    this.s.restart.run({ input: input ?? null, customStatus, now, instanceId: id });
    this.s.releaseInstance.run(id);
    const parent =
      row.parent_instance_id !== null && row.parent_task_id !== null
        ? (this.s.getInstanceMeta.get(row.parent_instance_id) as InstanceRow | undefined)
        : undefined;
    // The new execution's start must come before any event still waiting in the inbox.
    const pending = this.s.inboxFor.all(id, Number.MAX_SAFE_INTEGER) as {
      id: number;
      type: string;
      event: string;
    }[];
    this.s.deleteInbox.run(id);
    const started = newEvent('ExecutionStarted', now, {
      name: row.name,
      input,
      parentInstance: parent
        ? { instanceId: parent.instance_id, name: parent.name, taskScheduledId: row.parent_task_id as number }
        : undefined,
    });
    this.s.insertInbox.run(id, started.type, JSON.stringify(started), now);
    for (const e of carryover)
      this.s.insertInbox.run(id, e.type, JSON.stringify({ ...e, timestamp: now }), now);
    for (const m of pending) this.s.insertInbox.run(id, m.type, m.event, now);
    this.offer(scope, id);
  }

  private removeInstance(instanceId: string): void {
    this.s.detachChildren.run(instanceId);
    this.s.deleteHistory.run(instanceId);
    this.s.deleteInbox.run(instanceId);
    this.s.deleteActivities.run(instanceId);
    this.s.deleteInstance.run(instanceId);
  }
}

/** The history event that reports an activity's outcome to its workflow. */
function activityOutcomeEvent(taskScheduledId: number, outcome: ActivityResult, now: number): HistoryEvent {
  return outcome.failureDetails
    ? newEvent('TaskFailed', now, { taskScheduledId, failureDetails: outcome.failureDetails })
    : newEvent('TaskCompleted', now, { taskScheduledId, result: outcome.result });
}

/** An inbox event as delivered: a timer's TimerFired is stamped with the time it fired, not its due time. */
function fromInbox(json: string, now: number): HistoryEvent {
  const event = JSON.parse(json) as HistoryEvent;
  if (event.type === 'TimerFired') event.timestamp = now;
  return event;
}

function terminatedFailure(instanceId: string, status: WorkflowStatus): FailureDetails {
  return {
    errorType: 'WorkflowTerminated',
    message: `Child workflow instance '${instanceId}' ended as ${status}.`,
  };
}

function toActivityClaim(r: ActivityRow): ActivityClaim {
  return {
    id: r.id,
    item: {
      instanceId: r.instance_id,
      taskId: r.task_id,
      name: r.name,
      input: r.input ?? undefined,
      attempt: r.attempt,
      taskExecutionId: r.task_execution_id ?? undefined,
    },
  };
}

function toRecord(row: InstanceRow): InstanceRecord {
  return {
    instanceId: row.instance_id,
    name: row.name,
    status: row.status,
    createdAt: row.created_at,
    lastUpdatedAt: row.last_updated_at,
    completedAt: row.completed_at ?? undefined,
    scheduledStartAt: row.scheduled_start_at ?? undefined,
    input: row.input ?? undefined,
    output: row.output ?? undefined,
    customStatus: row.custom_status ?? undefined,
    failureDetails: row.failure_details ? (JSON.parse(row.failure_details) as FailureDetails) : undefined,
    parentInstanceId: row.parent_instance_id ?? undefined,
    version: row.version ?? undefined,
    stalledReason:
      row.status === WorkflowStatus.STALLED
        ? ((row.stalled_reason ?? undefined) as StalledReason | undefined)
        : undefined,
  };
}

function encodeToken(createdAt: number, instanceId: string): string {
  return Buffer.from(JSON.stringify([createdAt, instanceId])).toString('base64url');
}

function decodeToken(token: string): [number, string] {
  try {
    const value = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(value) && typeof value[0] === 'number' && typeof value[1] === 'string') {
      return [value[0], value[1]];
    }
  } catch {
    // fall through
  }
  throw new ValidationError(`The continuation token '${token}' is not one this engine issued.`);
}

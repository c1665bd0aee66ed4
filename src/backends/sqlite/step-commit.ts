import type {
  ActivityResult,
  Clock,
  ControlRequest,
  HistoryEvent,
  PlanInstance,
  PlannedCompletion,
  StepPlan,
  TraceContext,
  WorkflowStepResult,
} from '../../core';
import {
  activityOutcomeEvent,
  continuedExecutionStarted,
  planControl,
  planStep,
  WorkflowStatus,
} from '../../core';
import type { CommitScope } from './commit-queue';
import type { ActivityClaim, WorkflowClaim } from './handover';
import type { HistoryWriter } from './history-writer';
import type { IdleInstances } from './idle-instances';
import type { Inbox } from './inbox';
import type { InstanceOperations } from './instance-operations';
import type { InstanceWatchers } from './instance-watchers';
import type { InboxRow, InstanceRow, StepRow } from './rows';
import { parseEvent, readStepRow } from './rows';
import type { Stalls } from './stalls';
import type { Statements } from './statements';

/**
 * The step commit: the only place a workflow step commits. The core's {@link planStep} decides what the
 * step means; this persists the plan (history, activities, timers, messages, child starts, completion,
 * status) in the caller's transaction, and commits activity outcomes as messages for their workflow.
 */
export class StepCommit {
  /**
   * @param s - the statement catalog
   * @param history - appends history rows
   * @param inbox - queues and leases
   * @param instances - child and detached starts
   * @param stalls - STALLED instances
   * @param watchers - told of changes after commit
   * @param clock - the engine's time
   * @param idle - notes of instances this process left idle (for the fused path)
   * @param maxHistoryBytes - the history size limit the planner applies (bytes), if any
   */
  constructor(
    private readonly s: Statements,
    private readonly history: HistoryWriter,
    private readonly inbox: Inbox,
    private readonly instances: InstanceOperations,
    private readonly stalls: Stalls,
    private readonly watchers: InstanceWatchers,
    private readonly clock: Clock,
    private readonly idle: IdleInstances,
    private readonly maxHistoryBytes?: number,
  ) {}

  /**
   * Commits a workflow step claimed by `owner`.
   *
   * @returns false when the lease was lost, the step is stale (a terminate or another step moved the history
   *   on) or the instance was suspended while it ran: nothing of the step written
   */
  commit(scope: CommitScope, owner: string, claim: WorkflowClaim, step: WorkflowStepResult): boolean {
    const row = readStepRow(this.s.getStepRow, claim.instanceId);
    if (!row || !this.inbox.isHeldBy(row, owner)) return false;
    if (row.status === WorkflowStatus.SUSPENDED && claim.claimedStatus !== WorkflowStatus.SUSPENDED) {
      // Suspended while the step ran: the step is discarded (its messages stay) and runs again after a
      // resume, so nothing it asked for — work, completion — happens while the instance shows SUSPENDED.
      this.inbox.releaseInstance(claim.instanceId);
      return false;
    }
    if (row.history_length !== claim.pastEventCount) {
      // Another step of ours got there first; give the instance back so what is waiting gets dispatched.
      this.inbox.releaseInstance(claim.instanceId);
      this.inbox.offer(scope, claim.instanceId);
      return false;
    }
    this.commitStep(scope, owner, row, claim, step, true);
    return true;
  }

  /**
   * Commits a step of the fast path (see `FusedStep`): `row` was read in this transaction, is RUNNING, not
   * leased, and has the history and inbox the step was run on. The instance is leased to `owner` only if
   * the next step is handed over (no lease taken and released within the one commit).
   */
  commitFused(
    scope: CommitScope,
    owner: string,
    row: StepRow,
    claim: WorkflowClaim,
    step: WorkflowStepResult,
  ): void {
    this.commitStep(scope, owner, row, claim, step, false);
  }

  /**
   * Plans and persists a checked step. `held`: `owner` holds the instance's lease (else it is free).
   */
  private commitStep(
    scope: CommitScope,
    owner: string,
    row: StepRow,
    claim: WorkflowClaim,
    step: WorkflowStepResult,
    held: boolean,
  ): void {
    const now = this.clock.now();
    const plan = planStep({
      instance: planInstance(row),
      newEvents: claim.newEvents,
      actions: step.actions,
      customStatus: step.customStatus,
      version: step.version,
      stalled: step.stalled,
      waitingForEvents: step.waitingForEvents,
      now,
      maxHistoryBytes: this.maxHistoryBytes,
    });
    const id = row.instance_id;
    this.idle.forget(id);
    if (plan.completion?.kind === 'stall') {
      // Nothing consumed: the step's events wait, hidden, for a retry. Messages that arrived meanwhile
      // (a termination, say) may wake it at once, as any new message does (canRunStep).
      if (!held) this.inbox.leaseInstance(owner, id);
      const { historyLength, addedBytes } = this.persistWork(scope, row, plan, now);
      this.stalls.record(id, claim.messageIds, plan.completion, historyLength, addedBytes, now);
      this.inbox.handOnOrRelease(scope, id, plan.nextStatus, historyLength);
      scope.noteTimer(plan.completion.retryAt);
      scope.afterCommit(() => this.watchers.notify(id, plan.nextStatus));
      return;
    }
    // Only a step that ends a stall or runs a new version writes to the stall columns (not every step).
    if ((row.stalled_reason ?? null) !== null || (plan.version !== undefined && plan.version !== row.version))
      this.stalls.noteStep(id, plan.version);
    this.inbox.consume(id, claim.messageIds);
    const { historyLength, addedBytes, selfDue } = this.persistWork(scope, row, plan, now);
    const customStatus = plan.customStatus ?? null;
    let finished: InstanceRow | undefined;
    if (plan.completion?.kind === 'continueAsNew') {
      this.continueAsNew(scope, row, plan.completion, customStatus, now);
    } else if (plan.completion) {
      finished = this.finish(scope, row, plan.completion, customStatus, historyLength, addedBytes, now);
    } else {
      // Events that arrived while this step ran: the next step is handed over directly, under the lease
      // (kept, or taken for a fused step); otherwise the lease is released — in the step's own UPDATE.
      // A fused or eager step (not `held`) ran on the inbox read in this same transaction, whose due
      // messages it consumed: only what the step itself wrote for the instance can be due now (a timer
      // due at once, a message to itself, a child start refused).
      const mayHaveDue = held || selfDue;
      const next =
        scope.localOwner && mayHaveDue
          ? this.inbox.readClaim(id, this.clock.now(), plan.nextStatus, historyLength)
          : undefined;
      const handOn = next !== undefined && scope.reserveWorkflow();
      const update = plan.nextStatus === row.status ? this.s.updateStepSameStatus : this.s.updateStep;
      update.run({
        status: plan.nextStatus,
        customStatus,
        now,
        historyLength,
        addedBytes,
        waitingForEvents: plan.waitingForEvents ? JSON.stringify(plan.waitingForEvents) : null,
        leaseOwner: handOn ? owner : null,
        leaseUntil: !handOn ? 0 : held ? row.lease_expires_at : Date.now() + this.inbox.leaseMs,
        instanceId: id,
      });
      if (handOn) scope.handWorkflow(next);
      else if (next === undefined && scope.localOwner && plan.nextStatus === WorkflowStatus.RUNNING)
        this.idle.note(id, historyLength);
    }
    scope.afterCommit(() => this.watchers.notify(id, plan.nextStatus, finished));
  }

  /**
   * Records a suspend, resume or terminate in the caller's transaction without running workflow code
   * (the core's `planControl` decides): a suspend or resume sets the status now and queues its event for
   * the next step's history; a terminate finishes the instance now — its history gains the consumed inbox,
   * ExecutionTerminated and ExecutionCompleted — and, when recursive, its running children are terminated
   * the same way in the same transaction. Leases are not consulted: a step in flight on a worker finds the
   * status kept (`planStep`) or the history moved on (discarded, see {@link StepCommit.commit}).
   *
   * @param row - the instance, which exists and has not finished (the caller checked)
   */
  control(scope: CommitScope, row: InstanceRow, request: ControlRequest): void {
    const now = this.clock.now();
    const id = row.instance_id;
    this.idle.forget(id);
    // A STALLED instance can be suspended (its held-back events then wait with the suspend, and the step
    // after a resume tries the code again) and terminated (the held-back events reach its history).
    if (row.status === WorkflowStatus.STALLED && request.kind !== 'resume') this.stalls.release(id, now);
    const inbox = request.kind === 'terminate' ? this.terminationInbox(id, now) : [];
    const decided = planControl({
      instance: planInstance(row),
      request,
      inbox: inbox.map((m): HistoryEvent => parseEvent(m.event)),
      now,
    });
    if (decided.kind === 'none') return;
    if (decided.kind === 'status') {
      this.s.setControlStatus.run({ status: decided.nextStatus, now, instanceId: id });
      this.inbox.deliver(scope, id, decided.message);
      scope.afterCommit(() => this.watchers.notify(id, decided.nextStatus));
      return;
    }
    const { plan } = decided;
    this.inbox.consume(
      id,
      inbox.map((m) => m.id),
    );
    const { historyLength, addedBytes } = this.persistWork(scope, row, plan, now);
    let finished: InstanceRow | undefined;
    if (plan.completion?.kind === 'finish') {
      finished = this.finish(scope, row, plan.completion, row.custom_status, historyLength, addedBytes, now);
    } else if (addedBytes > 0) {
      this.s.addHistoryBytes.run(addedBytes, id);
    }
    scope.afterCommit(() => this.watchers.notify(id, plan.nextStatus, finished));
  }

  /** The messages a termination records: the due ones, and the start of an instance that never started. */
  private terminationInbox(instanceId: string, now: number): InboxRow[] {
    const due = new Set(this.inbox.dueMessages(instanceId, now).map((m) => m.id));
    return this.inbox
      .dueMessages(instanceId, Number.MAX_SAFE_INTEGER)
      .filter((m) => due.has(m.id) || m.type === 'ExecutionStarted');
  }

  /**
   * Commits an activity's outcome as a message for its workflow (dropped when the workflow finished).
   *
   * @returns false when the activity's lease was lost or it was already completed
   */
  completeActivity(
    scope: CommitScope,
    owner: string,
    claim: ActivityClaim,
    outcome: ActivityResult,
  ): boolean {
    if (!this.inbox.finishActivity(claim, owner)) return false;
    const { instanceId, taskId } = claim.item;
    this.inbox.deliverIfRunning(scope, instanceId, activityOutcomeEvent(taskId, outcome, this.clock.now()));
    return true;
  }

  /**
   * Appends the plan's history and writes its work; returns the new history length, the bytes appended
   * (for the instance's `history_bytes`, which the caller's UPDATE adds) and whether it wrote a message
   * due now for the instance itself. Those are written without an offer: the instance's row is not
   * updated yet (an offer would lease it with the old history length, and a fused step's instance is
   * free), and the caller hands the next step on.
   */
  private persistWork(
    scope: CommitScope,
    row: StepRow,
    plan: StepPlan,
    now: number,
  ): { historyLength: number; addedBytes: number; selfDue: boolean } {
    const id = row.instance_id;
    const addedBytes = this.history.append(
      id,
      row.created_at,
      row.history_length,
      plan.history.map((event) => JSON.stringify(event)),
    );
    let selfDue = false;
    for (const activity of plan.activities) this.inbox.enqueueActivity(scope, id, activity, now);
    for (const timer of plan.timers) {
      this.inbox.append(id, timer.event.type, JSON.stringify(timer.event), timer.fireAt);
      if (timer.fireAt > now) scope.noteTimer(timer.fireAt);
      else selfDue = true;
    }
    for (const child of plan.childStarts)
      if (this.instances.startChild(scope, id, child, now)) selfDue = true;
    for (const detached of plan.detachedStarts) {
      // No parent link; an id a live instance (or a live descendant of its holder) holds starts nothing
      // (the caller never hears back); a finished family holding it is removed, as for any id reuse.
      if (this.instances.liveHolder(detached.instanceId) === undefined)
        this.instances.create(scope, detached);
    }
    for (const message of plan.messages) {
      if (message.instanceId !== id) {
        this.inbox.deliverIfRunning(scope, message.instanceId, message.event);
        continue;
      }
      const { event } = message;
      this.inbox.append(id, event.type, JSON.stringify(event), event.timestamp);
      if (event.timestamp > now) scope.noteTimer(event.timestamp);
      else selfDue = true;
    }
    return { historyLength: row.history_length + plan.history.length, addedBytes, selfDue };
  }

  /**
   * Writes the instance's end (released in the same statement).
   *
   * @returns the finished row, when something in this process waits for the instance (read by the same
   *   statement; the wait is answered from it after commit); undefined otherwise
   */
  private finish(
    scope: CommitScope,
    row: StepRow,
    completion: Extract<PlannedCompletion, { kind: 'finish' }>,
    customStatus: string | null,
    historyLength: number,
    addedBytes: number,
    now: number,
  ): InstanceRow | undefined {
    const id = row.instance_id;
    const params = {
      status: completion.status,
      output: completion.output ?? null,
      failure: completion.failureDetails ? JSON.stringify(completion.failureDetails) : null,
      customStatus,
      now,
      historyLength,
      addedBytes,
      instanceId: id,
    };
    this.s.finish.run(params);
    const finished = this.watchers.watching(id) ? this.finishedRow(row, params) : undefined;
    this.s.deleteInbox.run(id);
    this.s.deleteUnleasedActivities.run(id);
    const terminate = completion.terminateChildren;
    if (terminate) {
      // Children end in this same transaction (recursively), so the whole family shows TERMINATED at once.
      for (const child of this.s.childrenRunning.all(id) as { instance_id: string }[]) {
        const childRow = this.s.getInstanceMeta.get(child.instance_id) as InstanceRow;
        this.control(scope, childRow, { kind: 'terminate', output: terminate.input, recursive: true });
      }
    }
    if (completion.parentNotice) {
      this.inbox.deliverIfRunning(scope, completion.parentNotice.instanceId, completion.parentNotice.event);
    }
    return finished;
  }

  /** The instance's row as {@link finish} left it (for its waits; `finish`'s parameters and the step row). */
  private finishedRow(
    row: StepRow,
    p: {
      status: WorkflowStatus;
      output: string | null;
      failure: string | null;
      customStatus: string | null;
      now: number;
      historyLength: number;
      addedBytes: number;
    },
  ): InstanceRow {
    const [input, scheduledStartAt, version] = this.s.finishedExtras.get(row.instance_id) as [
      string | null,
      number | null,
      string | null,
    ];
    return {
      instance_id: row.instance_id,
      name: row.name,
      status: p.status,
      created_at: row.created_at,
      last_updated_at: p.now,
      completed_at: p.now,
      scheduled_start_at: scheduledStartAt,
      input,
      output: p.output,
      custom_status: p.customStatus,
      failure_details: p.failure,
      parent_instance_id: row.parent_instance_id,
      parent_task_id: row.parent_task_id,
      history_length: p.historyLength,
      history_bytes: (row.history_bytes ?? 0) + p.addedBytes,
      lease_owner: null,
      lease_expires_at: 0,
      version,
      stalled_reason: null,
      waiting_for_events: null,
    };
  }

  private continueAsNew(
    scope: CommitScope,
    row: StepRow,
    completion: Extract<PlannedCompletion, { kind: 'continueAsNew' }>,
    customStatus: string | null,
    now: number,
  ): void {
    const id = row.instance_id;
    // Read before the history goes: the new execution continues the old one's trace.
    const traceContext = this.startedTraceContext(id);
    this.s.deleteHistory.run({ instanceId: id });
    this.s.deleteInboxExceptEvents.run(id);
    // Work of the old execution must not report into the new one, whose task ids start again at 0:
    // in-flight activities lose their rows (their results are dropped) and running children are detached.
    this.s.deleteActivities.run(id);
    this.s.detachChildren.run(id);
    // Released in the same statement (and offered again below).
    this.s.restart.run({ input: completion.input ?? null, customStatus, now, instanceId: id });
    const parent =
      row.parent_instance_id !== null && row.parent_task_id !== null
        ? (this.s.getInstanceMeta.get(row.parent_instance_id) as InstanceRow | undefined)
        : undefined;
    // The new execution's start must come before any event still waiting in the inbox.
    const pending = this.inbox.dueMessages(id, Number.MAX_SAFE_INTEGER);
    this.s.deleteInbox.run(id);
    const started = continuedExecutionStarted(
      row.name,
      completion.input,
      parent && {
        instanceId: parent.instance_id,
        name: parent.name,
        taskScheduledId: row.parent_task_id as number,
      },
      now,
      traceContext,
    );
    this.inbox.append(id, started.type, JSON.stringify(started), now);
    for (const e of completion.carryover) this.inbox.append(id, e.type, JSON.stringify(e), now);
    for (const m of pending) this.inbox.append(id, m.type, m.event, now);
    this.inbox.offer(scope, id);
  }

  /** The trace context of the execution's ExecutionStarted (among its first events: after WorkflowStarted). */
  private startedTraceContext(instanceId: string): TraceContext | undefined {
    const rows = this.s.historyPrefix.all({ instanceId, count: 4 }) as { event: string }[];
    for (const r of rows) {
      const event = parseEvent(r.event);
      if (event.type === 'ExecutionStarted') return event.parentTraceContext;
    }
    return undefined;
  }
}

/** The instance as the planner sees it. */
function planInstance(row: StepRow): PlanInstance {
  return {
    instanceId: row.instance_id,
    name: row.name,
    status: row.status,
    parent:
      row.parent_instance_id !== null && row.parent_task_id !== null
        ? { instanceId: row.parent_instance_id, taskScheduledId: row.parent_task_id }
        : undefined,
    historyBytes: row.history_bytes,
  };
}

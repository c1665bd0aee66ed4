import { NonDeterminismError, TaskFailedError, TimeoutError } from '../errors';
import type { FailureDetails } from '../errors';
import type { ExternalEvents } from './external-events';
import type { HistoryEvent } from './history-events';
import { parsePayload } from './payload';
import type { RetryPolicy } from './retry-policy';
import {
  actionName,
  describeAction,
  describeEvent,
  eventName,
  SCHEDULING_EVENT_TO_ACTION,
} from './step-matching';
import type { WorkflowTask } from './tasks';
import type { WorkflowAction } from './workflow-actions';

/** Where an activity or child with a retry policy is in its attempts (as durabletask's `RetryableTask`). */
export interface RetryState {
  /** The policy that decides whether and when to try again. */
  policy: RetryPolicy;
  /** The attempt being made, 1-based. */
  attempt: number;
  /** When the first attempt was scheduled, in epoch ms (step time). */
  firstAttemptAt: number;
  /** The id every attempt of an activity carries (`taskExecutionId` on the wire). */
  taskExecutionId: string;
}

/** An activity or child workflow call, waiting for its result (and retried by its policy, if any). */
export interface PendingCall {
  /** Activity or child workflow. */
  kind: 'activity' | 'child';
  /** The task the workflow code awaits. */
  task: WorkflowTask<unknown>;
  /** The registered name called. */
  name: string;
  /** The input as JSON text. */
  input?: string;
  /** The child's instance id, when the code chose one. */
  childId?: string;
  /** Set when the call has a retry policy. */
  retry?: RetryState;
}

/** A task the code is waiting on, keyed by the sequence number that history refers back to. */
export type PendingTask =
  | PendingCall
  | { kind: 'timer'; task: WorkflowTask<unknown> }
  | { kind: 'eventTimeout'; task: WorkflowTask<unknown>; name: string; timeoutMs: number }
  | { kind: 'retryTimer'; pending: PendingCall };

/** What the pending tasks need from the execution they belong to. */
export interface PendingTasksOwner {
  /** The instance id (default child ids are derived from it). */
  readonly instanceId: string;
  /** `Workflow 'name' (instance 'id')`, as error messages name the execution. */
  describe(): string;
  /** A deterministic GUID (an activity's `taskExecutionId`). */
  newGuid(): string;
}

/**
 * The sequence-numbered bookkeeping of one execution, as durabletask's `_pendingActions`/`_pendingTasks`:
 * numbers each action, keeps this step's actions until history's scheduling events match them (a mismatch
 * is a `NonDeterminismError`), and keeps the tasks waiting for results, which TaskCompleted, TaskFailed
 * and TimerFired events settle (retrying failed calls through durable timers by their policy).
 */
export class PendingTasks {
  private sequence = 0;
  private readonly actions = new Map<number, WorkflowAction>();
  private readonly tasks = new Map<number, PendingTask>();

  /**
   * @param owner - the execution: its instance id, how messages name it, deterministic GUIDs
   * @param events - the execution's external events (a wait that times out leaves them)
   */
  constructor(
    private readonly owner: PendingTasksOwner,
    private readonly events: ExternalEvents,
  ) {}

  /** How many tasks wait for a result (activities, children, timers, event timeouts; retries included). */
  get waitingTasks(): number {
    return this.tasks.size;
  }

  /** Takes the next sequence number. */
  nextId(): number {
    const id = this.sequence;
    this.sequence += 1;
    return id;
  }

  /** Adds a CreateDetachedWorkflow action (nothing waits on it). */
  createDetachedWorkflow(name: string, instanceId: string, input: string | undefined): void {
    const id = this.nextId();
    this.actions.set(id, { type: 'CreateDetachedWorkflow', id, instanceId, name, input });
  }

  /** Adds a CreateTimer action (origin `createTimer`) that completes `task` when it fires at `fireAt` (epoch ms). */
  createTimer(fireAt: number, task: WorkflowTask<unknown>): void {
    const id = this.nextId();
    this.actions.set(id, { type: 'CreateTimer', id, fireAt, origin: { kind: 'createTimer' } });
    this.tasks.set(id, { kind: 'timer', task });
  }

  /**
   * Adds the CreateTimer action (origin `externalEvent`) that fails the wait `task` for event `name` with
   * `TimeoutError` when it fires at `fireAt` (epoch ms) before the event came.
   *
   * @param timeoutMs - the wait's timeout, in ms, for the message
   */
  createEventTimeout(name: string, task: WorkflowTask<unknown>, fireAt: number, timeoutMs: number): void {
    const id = this.nextId();
    this.actions.set(id, { type: 'CreateTimer', id, fireAt, origin: { kind: 'externalEvent', name } });
    this.tasks.set(id, { kind: 'eventTimeout', task, name, timeoutMs });
  }

  /** Adds the action for an activity or child (a first attempt or a retry) under a new sequence number. */
  schedule(call: PendingCall): void {
    const id = this.nextId();
    if (call.kind === 'activity') {
      this.actions.set(id, {
        type: 'ScheduleTask',
        id,
        name: call.name,
        input: call.input,
        taskExecutionId: call.retry?.taskExecutionId ?? this.owner.newGuid(),
        attempt: call.retry?.attempt ?? 1,
      });
    } else {
      const instanceId = call.childId ?? `${this.owner.instanceId}:${id.toString(16).padStart(4, '0')}`;
      this.actions.set(id, {
        type: 'CreateChildWorkflow',
        id,
        instanceId,
        name: call.name,
        input: call.input,
      });
    }
    this.tasks.set(id, call);
  }

  /** Returns this step's actions not matched by history, in the order they were added, and forgets them. */
  takeActions(): WorkflowAction[] {
    const actions = [...this.actions.values()];
    this.actions.clear();
    return actions;
  }

  /** Forgets this step's actions (the step failed, stalled or was terminated). */
  dropActions(): void {
    this.actions.clear();
  }

  /**
   * Matches a scheduling event from history to the action the code produced at the same sequence number;
   * other events are ignored.
   *
   * @throws NonDeterminismError when the code produced nothing, or something else, at that number
   */
  match(event: HistoryEvent): void {
    const expected = SCHEDULING_EVENT_TO_ACTION[event.type];
    if (!expected) return;
    const action = this.actions.get(event.eventId);
    const recorded = describeEvent(event);
    if (!action) {
      throw new NonDeterminismError(
        `${this.owner.describe()} is not deterministic: step ${event.eventId}: ` +
          `history ${recorded}, the code now schedules nothing at this step.`,
      );
    }
    // A detached instance is matched by id, as durabletask-go does (the protocol event carries no name).
    const same =
      event.type === 'DetachedWorkflowInstanceCreated'
        ? action.type === 'CreateDetachedWorkflow' &&
          action.instanceId === event.instanceId &&
          (event.name === undefined || event.name === action.name)
        : actionName(action) === eventName(event);
    if (action.type !== expected || !same) {
      throw new NonDeterminismError(
        `${this.owner.describe()} is not deterministic: step ${event.eventId}: ` +
          `history ${recorded}, the code now ${describeAction(action)}.`,
      );
    }
    this.actions.delete(event.eventId);
  }

  /**
   * Settles the activity or child scheduled as `id` with its result (TaskCompleted,
   * ChildWorkflowInstanceCompleted).
   *
   * @returns true when a task completed (the code may run on)
   */
  complete(id: number, result: string | undefined): boolean {
    const call = this.callAt(id);
    if (!call) return false;
    this.tasks.delete(id);
    call.task.complete(parsePayload(result));
    return true;
  }

  /**
   * Fails the activity or child scheduled as `id` with `TaskFailedError` (TaskFailed,
   * ChildWorkflowInstanceFailed), or, when its retry policy allows another attempt, adds the durable
   * retry timer instead.
   *
   * @param now - the step time, in epoch ms
   * @returns true when a task failed (the code may run on)
   */
  fail(id: number, details: FailureDetails, now: number): boolean {
    const call = this.callAt(id);
    if (!call) return false;
    this.tasks.delete(id);
    const what = call.kind === 'activity' ? `Activity '${call.name}'` : `Child workflow '${call.name}'`;
    const error = new TaskFailedError(`${what} failed: ${details.message}`, details);
    const retry = call.retry;
    if (retry) {
      const at = retry.policy.nextAttemptAt(retry.attempt, retry.firstAttemptAt, now, error);
      if (at !== undefined) {
        const timerId = this.nextId();
        const origin =
          call.kind === 'activity'
            ? { kind: 'activityRetry' as const, taskExecutionId: retry.taskExecutionId }
            : { kind: 'childWorkflowRetry' as const, instanceId: call.childId ?? '' };
        this.actions.set(timerId, { type: 'CreateTimer', id: timerId, fireAt: at, origin });
        this.tasks.set(timerId, { kind: 'retryTimer', pending: call });
        return false;
      }
    }
    call.task.fail(error);
    return true;
  }

  /**
   * Handles TimerFired: completes a `createTimer` task, fails an external-event wait that is still open
   * with `TimeoutError`, or schedules the next attempt of a retried call.
   *
   * @returns true when a task completed or failed (the code may run on)
   */
  fireTimer(timerId: number): boolean {
    const pending = this.tasks.get(timerId);
    if (!pending) return false;
    this.tasks.delete(timerId);
    if (pending.kind === 'timer') {
      pending.task.complete(undefined);
      return true;
    }
    if (pending.kind === 'eventTimeout') {
      // The event won the race when the task is done: nothing cancels a durable timer, so it fires anyway.
      if (pending.task.isCompleted) return false;
      this.events.remove(pending.name, pending.task);
      pending.task.fail(
        new TimeoutError(
          `${this.owner.describe()} waited ${pending.timeoutMs} ms for external event '${pending.name}', which did not arrive.`,
        ),
      );
      return true;
    }
    if (pending.kind === 'retryTimer') {
      const call = pending.pending;
      if (call.retry) call.retry.attempt += 1;
      this.schedule(call);
    }
    return false;
  }

  private callAt(id: number): PendingCall | undefined {
    const pending = this.tasks.get(id);
    return pending && (pending.kind === 'activity' || pending.kind === 'child') ? pending : undefined;
  }
}

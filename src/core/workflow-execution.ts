import { NonDeterminismError, TaskFailedError, TimeoutError, ValidationError } from '../errors';
import type { FailureDetails } from '../errors';
import { ExternalEvents } from './external-events';
import { toFailureDetails } from './failure';
import type { HistoryEvent, HistoryEventOf } from './history-events';
import { WorkflowStatus } from './history-events';
import { gatedLogger } from './logger';
import type { Logger } from './logger';
import { parsePayload, serializePayload } from './payload';
import { RetryPolicy } from './retry-policy';
import { WhenAllTask, WhenAnyTask, WorkflowTask } from './tasks';
import { WorkflowPatches } from './workflow-patches';
import {
  actionName,
  describeAction,
  describeEvent,
  eventName,
  SCHEDULING_EVENT_TO_ACTION,
} from './step-matching';
import { uuidV5 } from './uuid-v5';
import { runWorkflowCode } from './workflow-code-runner';
import type { WorkflowAction, WorkflowStall, WorkflowStepResult } from './workflow-actions';
import type {
  ActivityCallOptions,
  ChildWorkflowOptions,
  ContinueAsNewOptions,
  DetachedWorkflowOptions,
  ExternalEventOptions,
  WorkflowContext,
  WorkflowFunction,
  WorkflowTarget,
} from './workflow-context';

/** The code of a workflow, and its version when it is a versioned one. */
export interface ResolvedWorkflow {
  /** The code to run. */
  code: WorkflowFunction;
  /** The version it is, for versioned workflows. */
  version?: string;
}

/** What an execution needs from the outside: names and code of workflows, a logger, the payload limit. */
export interface ExecutionEnvironment {
  /**
   * Finds the code of a workflow by registered name: the given version, or without one the latest (the
   * one new instances start with).
   */
  resolveWorkflow(name: string, version?: string): ResolvedWorkflow | undefined;
  /** Turns a class, function or string into the registered name. */
  nameOf(target: WorkflowTarget, kind: 'workflow' | 'activity'): string;
  /** Where `ctx.logger` writes when not replaying. */
  logger: Logger;
  /** Largest payload in bytes. */
  maxPayloadBytes: number;
}

interface RetryState {
  policy: RetryPolicy;
  attempt: number;
  firstAttemptAt: number;
  taskExecutionId: string;
}

/** A task the code is waiting on, keyed by the sequence number that history refers back to. */
type OpenTask =
  | {
      kind: 'activity' | 'child';
      task: WorkflowTask<unknown>;
      name: string;
      input?: string;
      childId?: string;
      retry?: RetryState;
    }
  | { kind: 'timer'; task: WorkflowTask<unknown> }
  | { kind: 'eventTimeout'; task: WorkflowTask<unknown>; name: string; timeoutMs: number }
  | { kind: 'retryTimer'; pending: Extract<OpenTask, { kind: 'activity' | 'child' }> };

const HELD_WHILE_SUSPENDED = new Set<HistoryEvent['type']>([
  'TaskCompleted',
  'TaskFailed',
  'ChildWorkflowInstanceCompleted',
  'ChildWorkflowInstanceFailed',
  'TimerFired',
  'EventRaised',
]);

const GUID_NAMESPACE = '9e952958-5e33-4daf-827f-2fa12937b875';

/** Drains the microtask queue, so code after an `await` of a just-completed task has run. */
const drain = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * The live state of one workflow execution: the running code, its open tasks and pending actions.
 * Feed it history with {@link WorkflowExecution.apply}; it stays usable for the next step, so a cached
 * execution only ever sees new events (no replay).
 */
export class WorkflowExecution {
  /** Number of history events this execution has accounted for, including events its own actions produce. */
  historyLength = 0;
  private name = '';
  private sequence = 0;
  private replaying = true;
  private now = 0;
  private guidCounter = 0;
  /** The name prefix of deterministic GUIDs (instance id and step time), for `guidTime`. */
  private guidPrefix = '';
  private guidTime: number | undefined;
  private detachedCounter = 0;
  private started = false;
  private suspended = false;
  private heldEvents: HistoryEvent[] = [];
  private readonly newActions = new Map<number, WorkflowAction>();
  private readonly openTasks = new Map<number, OpenTask>();
  private readonly events = new ExternalEvents();
  private readonly patches = new WorkflowPatches();
  /** The version of a versioned workflow: recorded in history, or chosen when the instance starts. */
  private versionName: string | undefined;
  private stall: WorkflowStall | undefined;
  private completion: Extract<WorkflowAction, { type: 'CompleteWorkflow' }> | undefined;
  private customStatus: string | undefined;
  private readonly context: WorkflowContext;
  /** True while `apply` runs: workflow code may only act then. */
  private inStep = false;
  /** Set when workflow code acted between steps (it awaited something that is not a workflow task). */
  private outsideStepError: NonDeterminismError | undefined;

  /**
   * @param instanceId - the instance this execution belongs to
   * @param env - names, code and limits
   */
  constructor(
    readonly instanceId: string,
    private readonly env: ExecutionEnvironment,
  ) {
    this.context = this.createContext();
  }

  /** True once the execution has produced its CompleteWorkflow action. */
  get isComplete(): boolean {
    return this.completion !== undefined;
  }

  /**
   * Applies past events (replaying) and then new events, in history order, and returns the new actions.
   *
   * @param pastEvents - events this execution has not seen that are already in history
   * @param newEvents - events that are new to the workflow
   * @returns new actions and the custom status
   */
  async apply(
    pastEvents: readonly HistoryEvent[],
    newEvents: readonly HistoryEvent[],
  ): Promise<WorkflowStepResult> {
    this.inStep = true;
    try {
      if (this.outsideStepError) throw this.outsideStepError;
      for (const event of pastEvents) {
        this.replaying = true;
        await this.process(event);
      }
      if (pastEvents.length > 0) this.stall ??= this.patches.checkReplayed(this.describe());
      for (const event of newEvents) {
        this.replaying = false;
        await this.process(event);
      }
      this.replaying = false;
    } catch (err) {
      // Code that checks patches differently from its history stalls rather than fails: right code may come.
      if (err instanceof NonDeterminismError) this.stall ??= this.patches.explain(this.describe(), err);
      // A replay that went wrong overrides whatever the code concluded.
      this.completion = undefined;
      this.failWith(toFailureDetails(err));
      this.newActions.clear();
    }
    this.inStep = false;
    const termination = newEvents.find((e) => e.type === 'ExecutionTerminated');
    if (this.stall && termination) {
      // A stalled instance can still be terminated: it must not be stuck for good.
      this.completion = undefined;
      await this.process(termination);
    }
    if (this.stall) {
      this.newActions.clear();
      return { actions: [], customStatus: this.customStatus, stalled: this.stall };
    }
    const actions = [...this.newActions.values()];
    if (this.completion && !actions.includes(this.completion)) {
      if (this.completion.carryoverEvents) this.completion.carryoverEvents = this.unprocessedEvents();
      actions.push(this.completion);
    }
    this.newActions.clear();
    this.historyLength += pastEvents.length + newEvents.length + actions.length;
    const result: WorkflowStepResult = { actions, customStatus: this.customStatus };
    const waiting = this.completion ? [] : this.events.waiting;
    if (waiting.length > 0) result.waitingForEvents = waiting;
    const patches = this.patches.applied;
    if (this.versionName !== undefined || patches.length > 0) {
      result.version = { ...(this.versionName !== undefined && { name: this.versionName }), patches };
    }
    return result;
  }

  private async process(event: HistoryEvent): Promise<void> {
    // A stalled execution runs no code, so there is nothing to match; only a termination still counts.
    if (this.stall && event.type !== 'ExecutionTerminated') return;
    if (this.completion && event.type !== 'WorkflowStarted') {
      // A finished execution takes no more input; events that would have been delivered can be carried over.
      if (event.type === 'EventRaised')
        this.events.keep({ name: event.name, input: event.input, timestamp: event.timestamp });
      this.matchScheduled(event);
      return;
    }
    if (this.suspended && HELD_WHILE_SUSPENDED.has(event.type)) {
      this.heldEvents.push(event);
      return;
    }
    switch (event.type) {
      case 'WorkflowStarted':
        this.now = event.timestamp;
        if (event.version?.name !== undefined) this.versionName = event.version.name;
        this.patches.recorded(event.version?.patches);
        return;
      case 'ExecutionStarted':
        return this.start(event);
      case 'TaskScheduled':
      case 'TimerCreated':
      case 'ChildWorkflowInstanceCreated':
      case 'DetachedWorkflowInstanceCreated':
      case 'EventSent':
        this.matchScheduled(event);
        return;
      case 'TaskCompleted':
      case 'ChildWorkflowInstanceCompleted':
        return this.onTaskCompleted(event.taskScheduledId, event.result);
      case 'TaskFailed':
      case 'ChildWorkflowInstanceFailed':
        return this.onTaskFailed(event.taskScheduledId, event.failureDetails);
      case 'TimerFired':
        return this.onTimerFired(event);
      case 'EventRaised':
        return this.onEventRaised(event);
      case 'ExecutionSuspended':
        this.suspended = true;
        return;
      case 'ExecutionResumed': {
        this.suspended = false;
        const held = this.heldEvents;
        this.heldEvents = [];
        for (const e of held) await this.process(e);
        return;
      }
      case 'ExecutionTerminated':
        this.stall = undefined;
        this.newActions.clear();
        this.completion = {
          type: 'CompleteWorkflow',
          id: this.nextId(),
          workflowStatus: WorkflowStatus.TERMINATED,
          result: event.input,
        };
        return;
      default:
        return;
    }
  }

  private async start(event: HistoryEventOf<'ExecutionStarted'>): Promise<void> {
    if (this.started) return;
    this.started = true;
    this.name = event.name;
    const resolved = this.env.resolveWorkflow(event.name, this.versionName);
    if (!resolved && this.versionName !== undefined) {
      // As durabletask-go's WorkflowVersionNotAvailable: wait for a worker that has this version.
      this.stall = {
        reason: 'VERSION_NOT_AVAILABLE',
        description: `Version not available: workflow '${event.name}' version '${this.versionName}' is not registered with this worker.`,
      };
      return;
    }
    const fn = resolved?.code;
    this.versionName = resolved?.version;
    if (!fn) {
      this.failWith({
        errorType: 'WorkflowNotFoundError',
        message: `No workflow named '${event.name}' is registered with this worker.`,
      });
      return;
    }
    let input: unknown;
    try {
      input = parsePayload(event.input);
    } catch (err) {
      this.failWith(toFailureDetails(err));
      return;
    }
    runWorkflowCode(fn, this.context, input).then(
      (output) => (this.inStep ? this.completeWith(output) : this.noteFinishedOutsideStep()),
      (err: unknown) =>
        this.inStep || err === this.outsideStepError
          ? this.failWith(toFailureDetails(err))
          : this.noteFinishedOutsideStep(),
    );
    await drain();
  }

  private noteFinishedOutsideStep(): void {
    try {
      this.assertInStep('finished');
    } catch {
      // recorded; the next step fails the instance
    }
  }

  private completeWith(output: unknown): void {
    if (this.completion) return;
    let result: string | undefined;
    try {
      result = serializePayload(output, `output of workflow '${this.name}'`, this.env.maxPayloadBytes);
    } catch (err) {
      this.failWith(toFailureDetails(err));
      return;
    }
    this.completion = {
      type: 'CompleteWorkflow',
      id: this.nextId(),
      workflowStatus: WorkflowStatus.COMPLETED,
      result,
    };
  }

  private failWith(failureDetails: FailureDetails): void {
    if (this.completion) return;
    this.completion = {
      type: 'CompleteWorkflow',
      id: this.nextId(),
      workflowStatus: WorkflowStatus.FAILED,
      failureDetails,
    };
  }

  /** Matches a scheduling event from history to the action the code produced at the same sequence number. */
  private matchScheduled(event: HistoryEvent): void {
    const expected = SCHEDULING_EVENT_TO_ACTION[event.type];
    if (!expected) return;
    const action = this.newActions.get(event.eventId);
    const recorded = describeEvent(event);
    if (!action) {
      throw new NonDeterminismError(
        `Workflow '${this.name}' (instance '${this.instanceId}') is not deterministic: step ${event.eventId}: ` +
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
        `Workflow '${this.name}' (instance '${this.instanceId}') is not deterministic: step ${event.eventId}: ` +
          `history ${recorded}, the code now ${describeAction(action)}.`,
      );
    }
    this.newActions.delete(event.eventId);
  }

  private async onTaskCompleted(id: number, result: string | undefined): Promise<void> {
    const open = this.openTasks.get(id);
    if (!open || open.kind === 'timer' || open.kind === 'retryTimer' || open.kind === 'eventTimeout') return;
    this.openTasks.delete(id);
    open.task.complete(parsePayload(result));
    await drain();
  }

  private async onTaskFailed(id: number, details: FailureDetails): Promise<void> {
    const open = this.openTasks.get(id);
    if (!open || open.kind === 'timer' || open.kind === 'retryTimer' || open.kind === 'eventTimeout') return;
    this.openTasks.delete(id);
    const what = open.kind === 'activity' ? `Activity '${open.name}'` : `Child workflow '${open.name}'`;
    const error = new TaskFailedError(`${what} failed: ${details.message}`, details);
    const retry = open.retry;
    if (retry) {
      const at = retry.policy.nextAttemptAt(retry.attempt, retry.firstAttemptAt, this.now, error);
      if (at !== undefined) {
        const timerId = this.nextId();
        const origin =
          open.kind === 'activity'
            ? { kind: 'activityRetry' as const, taskExecutionId: retry.taskExecutionId }
            : { kind: 'childWorkflowRetry' as const, instanceId: open.childId ?? '' };
        this.newActions.set(timerId, { type: 'CreateTimer', id: timerId, fireAt: at, origin });
        this.openTasks.set(timerId, { kind: 'retryTimer', pending: open });
        return;
      }
    }
    open.task.fail(error);
    await drain();
  }

  private async onTimerFired(event: HistoryEventOf<'TimerFired'>): Promise<void> {
    const open = this.openTasks.get(event.timerId);
    if (!open) return;
    this.openTasks.delete(event.timerId);
    if (open.kind === 'timer') {
      open.task.complete(undefined);
      await drain();
      return;
    }
    if (open.kind === 'eventTimeout') {
      // The event won the race when the task is done: nothing cancels a durable timer, so it fires anyway.
      if (open.task.isCompleted) return;
      this.events.remove(open.name, open.task);
      open.task.fail(
        new TimeoutError(
          `Workflow '${this.name}' (instance '${this.instanceId}') waited ${open.timeoutMs} ms for external event '${open.name}', which did not arrive.`,
        ),
      );
      await drain();
      return;
    }
    if (open.kind === 'retryTimer') {
      const pending = open.pending;
      if (pending.retry) pending.retry.attempt += 1;
      this.schedule(pending);
    }
  }

  private async onEventRaised(event: HistoryEventOf<'EventRaised'>): Promise<void> {
    if (this.events.deliver({ name: event.name, input: event.input, timestamp: event.timestamp }))
      await drain();
  }

  /** Adds the action for an activity or child (a first attempt or a retry) under a new sequence number. */
  private schedule(open: Extract<OpenTask, { kind: 'activity' | 'child' }>): void {
    this.assertInStep(`called ${open.kind === 'activity' ? 'activity' : 'child workflow'} '${open.name}'`);
    const id = this.nextId();
    if (open.kind === 'activity') {
      this.newActions.set(id, {
        type: 'ScheduleTask',
        id,
        name: open.name,
        input: open.input,
        taskExecutionId: open.retry?.taskExecutionId ?? this.deterministicGuid(),
        attempt: open.retry?.attempt ?? 1,
      });
    } else {
      const instanceId = open.childId ?? `${this.instanceId}:${id.toString(16).padStart(4, '0')}`;
      this.newActions.set(id, {
        type: 'CreateChildWorkflow',
        id,
        instanceId,
        name: open.name,
        input: open.input,
      });
    }
    this.openTasks.set(id, open);
  }

  private describe(): string {
    return `Workflow '${this.name}' (instance '${this.instanceId}')`;
  }

  /** Records (and throws into the workflow code) an action taken between steps. */
  private assertInStep(what: string): void {
    if (this.inStep) return;
    this.outsideStepError ??= new NonDeterminismError(
      `Workflow '${this.name}' (instance '${this.instanceId}') ${what} between workflow steps: it awaited ` +
        `something that is not a workflow task (a timer from setTimeout, I/O, a plain promise). Await only tasks ` +
        `from the context, and do I/O in activities.`,
    );
    throw this.outsideStepError;
  }

  private nextId(): number {
    const id = this.sequence;
    this.sequence += 1;
    return id;
  }

  private deterministicGuid(): string {
    if (this.guidTime !== this.now) {
      this.guidTime = this.now;
      this.guidPrefix = `${this.instanceId}_${new Date(this.now).toISOString()}_`;
    }
    return uuidV5(`${this.guidPrefix}${this.guidCounter++}`, GUID_NAMESPACE);
  }

  /** Events received but never waited for; continue-as-new carries them over when asked to. */
  private unprocessedEvents(): HistoryEvent[] {
    return this.events.unprocessed.map((e) => ({
      eventId: -1,
      timestamp: e.timestamp,
      type: 'EventRaised' as const,
      name: e.name,
      input: e.input,
    }));
  }

  private serialize(value: unknown, what: string): string | undefined {
    return serializePayload(value, what, this.env.maxPayloadBytes);
  }

  /**
   * A wait for an external event, as durabletask's `WaitForSingleEvent`: from the buffer when one is there;
   * with a finite `timeoutMs`, a durable timer (origin: external event) races it and fails it with
   * `TimeoutError`; 0 fails at once when nothing is buffered; undefined or Infinity waits for ever.
   */
  private waitForEvent<T>(name: string, timeoutMs: number | undefined): WorkflowTask<T> {
    if (timeoutMs !== undefined && (Number.isNaN(timeoutMs) || timeoutMs < 0)) {
      throw new ValidationError(
        `waitForExternalEvent('${name}'): timeoutMs must be 0 or more; got ${timeoutMs}.`,
      );
    }
    const task = new WorkflowTask<T>();
    const open = task as WorkflowTask<unknown>;
    if (this.events.wait(name, open)) return task;
    if (timeoutMs === undefined || timeoutMs === Infinity) return task;
    if (timeoutMs === 0) {
      this.events.remove(name, open);
      task.fail(new TimeoutError(`External event '${name}' had not arrived (timeoutMs 0).`));
      return task;
    }
    this.assertInStep(`waited for external event '${name}' with a timeout`);
    const id = this.nextId();
    const fireAt = this.now + timeoutMs;
    this.newActions.set(id, { type: 'CreateTimer', id, fireAt, origin: { kind: 'externalEvent', name } });
    this.openTasks.set(id, { kind: 'eventTimeout', task: open, name, timeoutMs });
    return task;
  }

  private createContext(): WorkflowContext {
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const self = this;
    const retryState = (
      options: ActivityCallOptions | ChildWorkflowOptions | undefined,
    ): RetryState | undefined =>
      options?.retryPolicy
        ? {
            policy: RetryPolicy.from(options.retryPolicy),
            attempt: 1,
            firstAttemptAt: self.now,
            taskExecutionId: self.deterministicGuid(),
          }
        : undefined;
    return {
      get instanceId() {
        return self.instanceId;
      },
      get name() {
        return self.name;
      },
      get isReplaying() {
        return self.replaying;
      },
      get currentUtcDateTime() {
        return new Date(self.now);
      },
      logger: gatedLogger(this.env.logger, () => !self.replaying),
      callActivity<TOut>(activity: WorkflowTarget, input?: unknown, options?: ActivityCallOptions) {
        const name = self.env.nameOf(activity, 'activity');
        const task = new WorkflowTask<TOut>();
        const open = {
          kind: 'activity' as const,
          task: task as WorkflowTask<unknown>,
          name,
          input: self.serialize(input, `input of activity '${name}'`),
          retry: retryState(options),
        };
        self.schedule(open);
        return task;
      },
      callChildWorkflow<TOut>(workflow: WorkflowTarget, input?: unknown, options?: ChildWorkflowOptions) {
        const name = self.env.nameOf(workflow, 'workflow');
        const task = new WorkflowTask<TOut>();
        self.schedule({
          kind: 'child',
          task: task as WorkflowTask<unknown>,
          name,
          input: self.serialize(input, `input of child workflow '${name}'`),
          childId: options?.instanceId,
          retry: retryState(options),
        });
        return task;
      },
      scheduleNewWorkflow(workflow: WorkflowTarget, input?: unknown, options?: DetachedWorkflowOptions) {
        const name = self.env.nameOf(workflow, 'workflow');
        self.assertInStep(`scheduled workflow '${name}'`);
        if (options?.instanceId === '')
          throw new ValidationError(
            `scheduleNewWorkflow('${name}'): instanceId is empty; omit it for the default.`,
          );
        const serialized = self.serialize(input, `input of workflow '${name}'`);
        const instanceId = options?.instanceId ?? `${self.instanceId}-${self.detachedCounter++}`;
        const id = self.nextId();
        self.newActions.set(id, { type: 'CreateDetachedWorkflow', id, instanceId, name, input: serialized });
        const task = new WorkflowTask<string>();
        task.complete(instanceId);
        return task;
      },
      createTimer(delayMsOrDate: number | Date) {
        self.assertInStep('created a timer');
        const fireAt = delayMsOrDate instanceof Date ? delayMsOrDate.getTime() : self.now + delayMsOrDate;
        if (!Number.isFinite(fireAt))
          throw new ValidationError(`createTimer needs a finite delay or a valid Date.`);
        const id = self.nextId();
        const task = new WorkflowTask<void>();
        self.newActions.set(id, { type: 'CreateTimer', id, fireAt, origin: { kind: 'createTimer' } });
        self.openTasks.set(id, { kind: 'timer', task: task as WorkflowTask<unknown> });
        return task;
      },
      waitForExternalEvent<T>(name: string, options?: ExternalEventOptions) {
        return self.waitForEvent<T>(name, options?.timeoutMs);
      },
      whenAll<T>(tasks: WorkflowTask<T>[]) {
        return new WhenAllTask<T>(tasks);
      },
      whenAny<T extends WorkflowTask<unknown>>(tasks: readonly T[]) {
        if (tasks.length === 0) throw new ValidationError('whenAny needs at least one task.');
        return new WhenAnyTask<T>(tasks);
      },
      setCustomStatus(value: unknown) {
        self.customStatus = self.serialize(value, 'custom status');
      },
      continueAsNew(input?: unknown, options?: ContinueAsNewOptions) {
        if (self.completion) return;
        const result = self.serialize(input, `input of workflow '${self.name}'`);
        const carryoverEvents: HistoryEvent[] | undefined = options?.preserveUnprocessedEvents
          ? []
          : undefined;
        self.completion = {
          type: 'CompleteWorkflow',
          id: self.nextId(),
          workflowStatus: WorkflowStatus.CONTINUED_AS_NEW,
          result,
          carryoverEvents,
        };
      },
      newGuid() {
        return self.deterministicGuid();
      },
      get version() {
        return self.versionName;
      },
      isPatched(patchName: string) {
        return self.patches.isPatched(patchName, self.replaying);
      },
    };
  }
}

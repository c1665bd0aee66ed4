import { NonDeterminismError, TimeoutError } from '../errors';
import type { FailureDetails } from '../errors';
import { ExternalEvents } from './external-events';
import { toFailureDetails } from './failure';
import type { HistoryEvent, HistoryEventOf } from './history-events';
import { WorkflowStatus } from './history-events';
import { parsePayload, serializePayload } from './payload';
import { PendingTasks } from './pending-tasks';
import { actedBetweenStepsError, strandedError } from './step-matching';
import type { PendingCall, PendingTasksOwner } from './pending-tasks';
import { DeterministicGuids } from './deterministic-guids';
import { createWorkflowContext } from './runtime-workflow-context';
import type { ContextEnvironment, WorkflowContextHost } from './runtime-workflow-context';
import type { WorkflowTask } from './tasks';
import { WorkflowPatches } from './workflow-patches';
import { runWorkflowCode } from './workflow-code-runner';
import type { WorkflowAction, WorkflowStall, WorkflowStepResult } from './workflow-actions';
import type { WorkflowContext, WorkflowFunction } from './workflow-context';

/** The code of a workflow, and its version when it is a versioned one. */
export interface ResolvedWorkflow {
  /** The code to run. */
  code: WorkflowFunction;
  /** The version it is, for versioned workflows. */
  version?: string;
}

/** What an execution needs from the outside: names and code of workflows, a logger, the payload limit. */
export interface ExecutionEnvironment extends ContextEnvironment {
  /**
   * Finds the code of a workflow by registered name: the given version, or without one the latest (the
   * one new instances start with).
   */
  resolveWorkflow(name: string, version?: string): ResolvedWorkflow | undefined;
}

type CompleteWorkflowAction = Extract<WorkflowAction, { type: 'CompleteWorkflow' }>;

const HELD_WHILE_SUSPENDED = new Set<HistoryEvent['type']>([
  'TaskCompleted',
  'TaskFailed',
  'ChildWorkflowInstanceCompleted',
  'ChildWorkflowInstanceFailed',
  'TimerFired',
  'EventRaised',
]);

/** Drains the microtask queue, so code after an `await` of a just-completed task has run. */
const drain = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * The live state of one workflow execution: replays history into the running code and collects the
 * actions it produces. Feed it history with {@link WorkflowExecution.apply}; it stays usable for the next
 * step, so a cached execution only ever sees new events (no replay). The code acts through the context
 * built over it ({@link WorkflowContextHost}); the sequence-numbered actions and waiting tasks are kept by
 * {@link PendingTasks}.
 */
export class WorkflowExecution implements WorkflowContextHost, PendingTasksOwner {
  /** Number of history events this execution has accounted for, including events its own actions produce. */
  historyLength = 0;
  private name = '';
  private replaying = true;
  private now = 0;
  private readonly guids: DeterministicGuids;
  private started = false;
  private suspended = false;
  private heldEvents: HistoryEvent[] = [];
  private readonly events = new ExternalEvents();
  private readonly pending = new PendingTasks(this, this.events);
  private readonly patches = new WorkflowPatches();
  /** The version of a versioned workflow: recorded in history, or chosen when the instance starts. */
  private versionName: string | undefined;
  private stall: WorkflowStall | undefined;
  private completion: CompleteWorkflowAction | undefined;
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
    this.guids = new DeterministicGuids(instanceId);
    this.context = createWorkflowContext(this, env);
  }

  /** The workflow's registered name (empty until ExecutionStarted is applied). */
  get workflowName(): string {
    return this.name;
  }

  /** True while past events are applied (the code re-runs steps already in history). */
  get isReplaying(): boolean {
    return this.replaying;
  }

  /** The time of the current step (its WorkflowStarted event), in epoch ms. */
  get currentTimeMs(): number {
    return this.now;
  }

  /** The version of a versioned workflow: recorded in history, or chosen when the instance started. */
  get version(): string | undefined {
    return this.versionName;
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
      this.pending.dropActions();
    }
    this.inStep = false;
    const termination = newEvents.find((e) => e.type === 'ExecutionTerminated');
    if (this.stall && termination) {
      // A stalled instance can still be terminated: it must not be stuck for good.
      this.completion = undefined;
      await this.process(termination);
    }
    if (this.stall) {
      this.pending.dropActions();
      return { actions: [], customStatus: this.customStatus, stalled: this.stall };
    }
    if (this.isStranded()) this.failWith(toFailureDetails(strandedError(this.describe())));
    const actions = this.pending.takeActions();
    if (this.completion && !actions.includes(this.completion)) {
      if (this.completion.carryoverEvents) this.completion.carryoverEvents = this.unprocessedEvents();
      actions.push(this.completion);
    }
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
      this.pending.match(event);
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
        this.pending.match(event);
        return;
      case 'TaskCompleted':
      case 'ChildWorkflowInstanceCompleted':
        if (this.pending.complete(event.taskScheduledId, event.result)) await drain();
        return;
      case 'TaskFailed':
      case 'ChildWorkflowInstanceFailed':
        if (this.pending.fail(event.taskScheduledId, event.failureDetails, this.now)) await drain();
        return;
      case 'TimerFired':
        if (this.pending.fireTimer(event.timerId)) await drain();
        return;
      case 'EventRaised':
        if (this.events.deliver({ name: event.name, input: event.input, timestamp: event.timestamp }))
          await drain();
        return;
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
        this.pending.dropActions();
        this.complete(WorkflowStatus.TERMINATED, { result: event.input });
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
    this.complete(WorkflowStatus.COMPLETED, { result });
  }

  private failWith(failureDetails: FailureDetails): void {
    if (this.completion) return;
    this.complete(WorkflowStatus.FAILED, { failureDetails });
  }

  /** Sets the CompleteWorkflow action (the last action of the execution), under the next sequence number. */
  private complete(
    workflowStatus: WorkflowStatus,
    fields: Pick<CompleteWorkflowAction, 'result' | 'failureDetails' | 'carryoverEvents'>,
  ): void {
    this.completion = { type: 'CompleteWorkflow', id: this.pending.nextId(), workflowStatus, ...fields };
  }

  /**
   * True when the running code can never be woken: it has neither finished nor stalled, yet nothing durable is
   * pending (no task waits for a result, no external event is waited for). It is then awaiting something that
   * is not a workflow task; failing at once beats an instance that stays RUNNING with nothing to run.
   */
  private isStranded(): boolean {
    return (
      this.started &&
      !this.completion &&
      !this.stall &&
      this.pending.waitingTasks === 0 &&
      this.events.waiting.length === 0
    );
  }

  /** `Workflow 'name' (instance 'id')`, as error messages name this execution. */
  describe(): string {
    return `Workflow '${this.name}' (instance '${this.instanceId}')`;
  }

  /**
   * Records (and throws into the workflow code) an action taken between steps.
   *
   * @throws NonDeterminismError outside a step (the same error on every call; the next step fails with it)
   */
  assertInStep(what: string): void {
    if (this.inStep) return;
    this.outsideStepError ??= actedBetweenStepsError(this.describe(), what);
    throw this.outsideStepError;
  }

  /** The next deterministic GUID (see {@link DeterministicGuids}). */
  newGuid(): string {
    return this.guids.next(this.now);
  }

  /** Answers `ctx.isPatched` (see {@link WorkflowPatches.isPatched}). */
  isPatched(patchName: string): boolean {
    return this.patches.isPatched(patchName, this.replaying);
  }

  /**
   * Schedules an activity or child for the workflow code.
   *
   * @throws NonDeterminismError outside a step
   */
  schedule(call: PendingCall): void {
    this.assertInStep(`called ${call.kind === 'activity' ? 'activity' : 'child workflow'} '${call.name}'`);
    this.pending.schedule(call);
  }

  /** Records a CreateDetachedWorkflow action for `ctx.scheduleNewWorkflow`. */
  createDetachedWorkflow(name: string, instanceId: string, input: string | undefined): void {
    this.pending.createDetachedWorkflow(name, instanceId, input);
  }

  /** Records a CreateTimer action for `ctx.createTimer`, completing `task` when it fires. */
  createTimer(fireAt: number, task: WorkflowTask<unknown>): void {
    this.pending.createTimer(fireAt, task);
  }

  /** Registers `ctx.waitForExternalEvent` (see {@link WorkflowContextHost.waitForEvent}). */
  waitForEvent(name: string, task: WorkflowTask<unknown>, timeoutMs: number | undefined): void {
    if (this.events.wait(name, task)) return;
    if (timeoutMs === undefined || timeoutMs === Infinity) return;
    if (timeoutMs === 0) {
      this.events.remove(name, task);
      task.fail(new TimeoutError(`External event '${name}' had not arrived (timeoutMs 0).`));
      return;
    }
    this.assertInStep(`waited for external event '${name}' with a timeout`);
    this.pending.createEventTimeout(name, task, this.now + timeoutMs, timeoutMs);
  }

  /** Sets the custom status (JSON text) for `ctx.setCustomStatus`. */
  setCustomStatus(status: string | undefined): void {
    this.customStatus = status;
  }

  /** Completes the execution as CONTINUED_AS_NEW for `ctx.continueAsNew`; the first completion wins. */
  continueAsNew(input: string | undefined, preserveUnprocessedEvents: boolean): void {
    if (this.completion) return;
    this.complete(WorkflowStatus.CONTINUED_AS_NEW, {
      result: input,
      carryoverEvents: preserveUnprocessedEvents ? [] : undefined,
    });
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
}

import { ValidationError } from '../errors';
import { gatedLogger } from './logger';
import type { Logger } from './logger';
import { serializePayload } from './payload';
import type { PendingCall, RetryState } from './pending-tasks';
import { RetryPolicy } from './retry-policy';
import { WhenAllTask, WhenAnyTask, WorkflowTask } from './tasks';
import type {
  ActivityCallOptions,
  ChildWorkflowOptions,
  ContinueAsNewOptions,
  DetachedWorkflowOptions,
  ExternalEventOptions,
  WorkflowContext,
  WorkflowTarget,
} from './workflow-context';

/** What the workflow context needs from the worker: names, the logger, the payload limit. */
export interface ContextEnvironment {
  /** Turns a class, function or string into the registered name. */
  nameOf(target: WorkflowTarget, kind: 'workflow' | 'activity'): string;
  /** Where `ctx.logger` writes when not replaying. */
  logger: Logger;
  /** Largest payload in bytes. */
  maxPayloadBytes: number;
}

/**
 * The execution, as the workflow context sees it: what it may read, and the operations it may call. Each
 * operation that records an action takes the next sequence number; the context checks and serializes its
 * arguments first, so an operation only records.
 */
export interface WorkflowContextHost {
  /** The instance id. */
  readonly instanceId: string;
  /** The workflow's registered name (empty until ExecutionStarted is applied). */
  readonly workflowName: string;
  /** True while the code re-runs steps already in history. */
  readonly isReplaying: boolean;
  /** The time of the current step, from history, in epoch ms. */
  readonly currentTimeMs: number;
  /** The version of a versioned workflow, else undefined. */
  readonly version: string | undefined;
  /** True once the execution has produced its CompleteWorkflow action. */
  readonly isComplete: boolean;
  /**
   * Fails (and remembers, so the next step fails the instance) when the code acts between steps.
   *
   * @param what - what the code did, for the message ("created a timer")
   * @throws NonDeterminismError outside a step
   */
  assertInStep(what: string): void;
  /** A deterministic UUID (v5 over instance id, step time and a counter), as durabletask's `NewGuid`. */
  newGuid(): string;
  /** Answers `ctx.isPatched`, as durabletask-go's `IsPatched`. */
  isPatched(patchName: string): boolean;
  /**
   * Schedules an activity (ScheduleTask) or starts a child (CreateChildWorkflow) whose result settles
   * `call.task`.
   *
   * @throws NonDeterminismError outside a step
   */
  schedule(call: PendingCall): void;
  /** Records a CreateDetachedWorkflow action (the caller has checked it is in a step). */
  createDetachedWorkflow(name: string, instanceId: string, input: string | undefined): void;
  /** Records a CreateTimer action (origin `createTimer`) that completes `task` at `fireAt` (epoch ms). */
  createTimer(fireAt: number, task: WorkflowTask<unknown>): void;
  /**
   * Registers a wait for an external event, as durabletask's `WaitForSingleEvent`: from the buffer when
   * one is there; with a finite `timeoutMs`, a durable timer (origin: external event) races it and fails it
   * with `TimeoutError`; 0 fails it at once when nothing is buffered; undefined or Infinity waits for ever.
   *
   * @param timeoutMs - 0 or more (checked by the caller), in ms
   */
  waitForEvent(name: string, task: WorkflowTask<unknown>, timeoutMs: number | undefined): void;
  /** Sets the custom status (JSON text, undefined for none). */
  setCustomStatus(status: string | undefined): void;
  /** Completes the execution as CONTINUED_AS_NEW with `input` (JSON text), carrying events over if asked. */
  continueAsNew(input: string | undefined, preserveUnprocessedEvents: boolean): void;
}

/**
 * Builds the {@link WorkflowContext} workflow code sees, over its execution: checks and serializes what the
 * code passes, and leaves recording to the execution. Build one per execution: it counts default detached
 * instance ids.
 *
 * @param host - the execution
 * @param env - names, logger and payload limit
 */
export function createWorkflowContext(host: WorkflowContextHost, env: ContextEnvironment): WorkflowContext {
  let detachedCounter = 0;
  const serialize = (value: unknown, what: string): string | undefined =>
    serializePayload(value, what, env.maxPayloadBytes);
  const retryState = (
    options: ActivityCallOptions | ChildWorkflowOptions | undefined,
  ): RetryState | undefined =>
    options?.retryPolicy
      ? {
          policy: RetryPolicy.from(options.retryPolicy),
          attempt: 1,
          firstAttemptAt: host.currentTimeMs,
          taskExecutionId: host.newGuid(),
        }
      : undefined;
  return {
    get instanceId() {
      return host.instanceId;
    },
    get name() {
      return host.workflowName;
    },
    get isReplaying() {
      return host.isReplaying;
    },
    get currentUtcDateTime() {
      return new Date(host.currentTimeMs);
    },
    logger: gatedLogger(env.logger, () => !host.isReplaying),
    callActivity<TOut>(activity: WorkflowTarget, input?: unknown, options?: ActivityCallOptions) {
      const name = env.nameOf(activity, 'activity');
      const task = new WorkflowTask<TOut>();
      host.schedule({
        kind: 'activity',
        task: task as WorkflowTask<unknown>,
        name,
        input: serialize(input, `input of activity '${name}'`),
        retry: retryState(options),
      });
      return task;
    },
    callChildWorkflow<TOut>(workflow: WorkflowTarget, input?: unknown, options?: ChildWorkflowOptions) {
      const name = env.nameOf(workflow, 'workflow');
      const task = new WorkflowTask<TOut>();
      host.schedule({
        kind: 'child',
        task: task as WorkflowTask<unknown>,
        name,
        input: serialize(input, `input of child workflow '${name}'`),
        childId: options?.instanceId,
        retry: retryState(options),
      });
      return task;
    },
    scheduleNewWorkflow(workflow: WorkflowTarget, input?: unknown, options?: DetachedWorkflowOptions) {
      const name = env.nameOf(workflow, 'workflow');
      host.assertInStep(`scheduled workflow '${name}'`);
      if (options?.instanceId === '')
        throw new ValidationError(
          `scheduleNewWorkflow('${name}'): instanceId is empty; omit it for the default.`,
        );
      const serialized = serialize(input, `input of workflow '${name}'`);
      const instanceId = options?.instanceId ?? `${host.instanceId}-${detachedCounter++}`;
      host.createDetachedWorkflow(name, instanceId, serialized);
      const task = new WorkflowTask<string>();
      task.complete(instanceId);
      return task;
    },
    createTimer(delayMsOrDate: number | Date) {
      host.assertInStep('created a timer');
      const fireAt =
        delayMsOrDate instanceof Date ? delayMsOrDate.getTime() : host.currentTimeMs + delayMsOrDate;
      if (!Number.isFinite(fireAt))
        throw new ValidationError(`createTimer needs a finite delay or a valid Date.`);
      const task = new WorkflowTask<void>();
      host.createTimer(fireAt, task as WorkflowTask<unknown>);
      return task;
    },
    waitForExternalEvent<T>(name: string, options?: ExternalEventOptions) {
      const timeoutMs = options?.timeoutMs;
      if (timeoutMs !== undefined && (Number.isNaN(timeoutMs) || timeoutMs < 0)) {
        throw new ValidationError(
          `waitForExternalEvent('${name}'): timeoutMs must be 0 or more; got ${timeoutMs}.`,
        );
      }
      const task = new WorkflowTask<T>();
      host.waitForEvent(name, task as WorkflowTask<unknown>, timeoutMs);
      return task;
    },
    whenAll<T>(tasks: WorkflowTask<T>[]) {
      return new WhenAllTask<T>(tasks);
    },
    whenAny<T extends WorkflowTask<unknown>>(tasks: readonly T[]) {
      if (tasks.length === 0) throw new ValidationError('whenAny needs at least one task.');
      return new WhenAnyTask<T>(tasks);
    },
    setCustomStatus(value: unknown) {
      host.setCustomStatus(serialize(value, 'custom status'));
    },
    continueAsNew(input?: unknown, options?: ContinueAsNewOptions) {
      if (host.isComplete) return;
      const result = serialize(input, `input of workflow '${host.workflowName}'`);
      host.continueAsNew(result, Boolean(options?.preserveUnprocessedEvents));
    },
    newGuid() {
      return host.newGuid();
    },
    get version() {
      return host.version;
    },
    isPatched(patchName: string) {
      return host.isPatched(patchName);
    },
  };
}

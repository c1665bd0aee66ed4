import type { Logger } from './logger';
import type { RetryPolicy, RetryPolicyOptions } from './retry-policy';
import type { WhenAnyWinner, WorkflowTask } from './tasks';

/** An activity or workflow, named by its registered name or by its class (or registered function). */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export type WorkflowTarget = string | Function;

/**
 * A workflow or activity class, seen by its `run(ctx, input)` method: what lets `callActivity` and
 * `callChildWorkflow` take their input type and result type from the class (`ActivityBase<TIn, TOut>`,
 * `WorkflowBase<TIn, TOut>`, or any class with such a `run`).
 */
export type RunnableClass<TIn, TOut> = abstract new (...args: never[]) => {
  run(ctx: never, input: TIn): Promise<TOut>;
};

/**
 * A workflow or activity registered as a function (`runtime.registerActivity(fn)`), seen by its
 * `(ctx, input)` signature: `callActivity(fn, input)` takes the input type from its second parameter and the
 * result type from what it returns (a promise's value).
 */
export type RunnableFunction<TIn, TOut> = (ctx: never, input: TIn) => TOut;

/** Options of {@link WorkflowContext.callActivity}. */
export interface ActivityCallOptions {
  /** Retries with durable backoff timers. */
  retryPolicy?: RetryPolicy | RetryPolicyOptions;
}

/** Options of {@link WorkflowContext.callChildWorkflow}. */
export interface ChildWorkflowOptions {
  /** The child's instance id; default `<parentId>:<4 hex digits of the task id>`. */
  instanceId?: string;
  /** Retries with durable backoff timers. */
  retryPolicy?: RetryPolicy | RetryPolicyOptions;
}

/** Options of {@link WorkflowContext.waitForExternalEvent}. */
export interface ExternalEventOptions {
  /**
   * How long to wait, in ms (any length). Past it the task fails with `TimeoutError`; recorded as a
   * durable timer with an external-event origin, as Dapr's SDKs do. 0 fails at once unless the event is
   * already buffered; undefined or `Infinity` waits for ever.
   */
  timeoutMs?: number;
}

/** Options of {@link WorkflowContext.scheduleNewWorkflow}. */
export interface DetachedWorkflowOptions {
  /** The new instance's id; default `<callerId>-<n>`, n counting default-id calls from 0 (deterministic). */
  instanceId?: string;
}

/** Options of {@link WorkflowContext.continueAsNew}. */
export interface ContinueAsNewOptions {
  /** Hand events received but not yet waited for to the next execution. Default false. */
  preserveUnprocessedEvents?: boolean;
}

/**
 * What workflow code sees. Everything here is deterministic: replaying the same history gives the same
 * answers, so workflow code must take time, ids and I/O only from here.
 */
export interface WorkflowContext {
  /** The instance id. */
  readonly instanceId: string;
  /** The workflow's registered name. */
  readonly name: string;
  /** True while the code is re-running past steps from history. */
  readonly isReplaying: boolean;
  /** The time of the current step, from history (never the wall clock). */
  readonly currentUtcDateTime: Date;
  /** A logger that is silent while replaying. */
  readonly logger: Logger;
  /**
   * Schedules an activity; the task completes with its result or fails with `TaskFailedError`. Given the
   * class (or the function registered), the input must be its `run`'s (the function's) input type and the
   * task has its result type; given a registered name, the result type is the type argument (default
   * `unknown`).
   */
  callActivity<TIn, TOut>(
    activity: RunnableClass<TIn, TOut>,
    input?: TIn,
    options?: ActivityCallOptions,
  ): WorkflowTask<TOut>;
  callActivity<TIn, TOut>(
    activity: RunnableFunction<TIn, TOut>,
    input?: TIn,
    options?: ActivityCallOptions,
  ): WorkflowTask<Awaited<TOut>>;
  callActivity<TOut = unknown>(
    activity: WorkflowTarget,
    input?: unknown,
    options?: ActivityCallOptions,
  ): WorkflowTask<TOut>;
  /**
   * Starts a child workflow; the task completes with its output or fails with `TaskFailedError`. Typed from
   * the class as {@link WorkflowContext.callActivity} is.
   */
  callChildWorkflow<TIn, TOut>(
    workflow: RunnableClass<TIn, TOut>,
    input?: TIn,
    options?: ChildWorkflowOptions,
  ): WorkflowTask<TOut>;
  callChildWorkflow<TIn, TOut>(
    workflow: RunnableFunction<TIn, TOut>,
    input?: TIn,
    options?: ChildWorkflowOptions,
  ): WorkflowTask<Awaited<TOut>>;
  callChildWorkflow<TOut = unknown>(
    workflow: WorkflowTarget,
    input?: unknown,
    options?: ChildWorkflowOptions,
  ): WorkflowTask<TOut>;
  /**
   * Starts a new, independent instance, as Dapr's `ScheduleNewWorkflow` from a workflow: recorded in this
   * history (CreateDetachedWorkflow / DetachedWorkflowInstanceCreated), with no parent link; this workflow
   * never waits for it or hears from it. If the id is taken by a live instance, nothing new starts.
   *
   * @returns a task, already complete, with the new instance id
   */
  scheduleNewWorkflow(
    workflow: WorkflowTarget,
    input?: unknown,
    options?: DetachedWorkflowOptions,
  ): WorkflowTask<string>;
  /** A durable timer: a delay in ms, or a Date to fire at. */
  createTimer(delayMsOrDate: number | Date): WorkflowTask<void>;
  /**
   * Waits for an external event; names match case-insensitively and events are delivered FIFO per name.
   * A wait nothing awaits any more (it lost a `whenAny`, or timed out) gives its claim up: the next event
   * of that name goes to the next live wait, or stays buffered.
   *
   * @throws `TimeoutError` (when awaited) once `options.timeoutMs` has passed without the event
   */
  waitForExternalEvent<T = unknown>(name: string, options?: ExternalEventOptions): WorkflowTask<T>;
  /** Completes with every result once all tasks completed; fails with the first failure. */
  whenAll<T>(tasks: WorkflowTask<T>[]): WorkflowTask<T[]>;
  /**
   * Completes with the first task to finish (successfully or not): the task itself, so
   * `if (winner === timeout)` works. The pending losers are let go (see `waitForExternalEvent`).
   */
  whenAny<T extends WorkflowTask<unknown>>(tasks: readonly T[]): WorkflowTask<WhenAnyWinner<T>>;
  /** Sets the custom status that clients see (JSON). */
  setCustomStatus(value: unknown): void;
  /** Ends this execution and starts the workflow afresh with a new input, same instance id. */
  continueAsNew(input?: unknown, options?: ContinueAsNewOptions): void;
  /** A deterministic UUID: the same on every replay. */
  newGuid(): string;
  /** The version of a versioned workflow this instance runs (recorded when it started); else undefined. */
  readonly version: string | undefined;
  /**
   * Whether to take the new path of a patch, as Dapr's `IsPatched`: true in an execution that reaches this
   * point for the first time (the patch is then recorded in history), or whose history recorded the patch;
   * false while replaying a history that passed this point without it. The same name gives the same answer
   * for the whole execution. Histories and code that disagree about patches stall the instance
   * (`STALLED`, `stalledReason: 'PATCH_MISMATCH'`) until a worker with matching code runs it.
   *
   * @param patchName - a name for the change, unique within the workflow
   */
  isPatched(patchName: string): boolean;
}

/** The signature of workflow code: an async function or a generator function over the context. */
export type WorkflowFunction = (ctx: WorkflowContext, input: never) => unknown;

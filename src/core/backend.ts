import type { FailureDetails } from '../errors';
import type { HistoryEvent, StalledReason, WorkflowStatus } from './history-events';
import type { TraceContext } from './trace-context';
import type { WorkflowStepResult } from './workflow-actions';

/** One workflow step to run: the events new to the workflow, and how to get the history before them. */
export interface WorkflowWorkItem {
  /** The instance. */
  instanceId: string;
  /** Number of history events before `newEvents`. */
  pastEventCount: number;
  /** Loads the history before `newEvents` (only needed when no live execution is cached). */
  loadPastEvents(): Promise<HistoryEvent[]>;
  /**
   * Loads only the events of that history from position `start` on (`pastEventCount - start` events, fewer
   * when the history is not what the caller expects), for a processor that keeps the ones before (the
   * sidecar's history cache). Optional: a processor without it calls {@link loadPastEvents}.
   */
  loadPastEventsFrom?(start: number): Promise<HistoryEvent[]>;
  /** Events to apply, starting with a WorkflowStarted event that carries the step's time. */
  newEvents: HistoryEvent[];
}

/** One activity execution to run. */
export interface ActivityWorkItem {
  /** The workflow instance that scheduled it. */
  instanceId: string;
  /** The sequence number of its TaskScheduled event. */
  taskId: number;
  /** Registered activity name. */
  name: string;
  /** Input as JSON text. */
  input?: string;
  /** 1-based attempt number. */
  attempt: number;
  /** Stable id across retries of one call. */
  taskExecutionId?: string;
  /** The trace the attempt continues, when the backend knows it (the protocol's `ActivityRequest.parentTraceContext`). */
  parentTraceContext?: TraceContext;
}

/** The outcome of an activity: a result or a failure. */
export interface ActivityResult {
  /** Output as JSON text (absent for undefined). */
  result?: string;
  /** Set when the activity failed. */
  failureDetails?: FailureDetails;
  /**
   * Set by a processor that already ran the workflow's next step on this outcome (`weft sidecar` when its
   * remote worker sent that step with the outcome): the time that step ran at, epoch ms. An engine that
   * commits the outcome together with the next step (the embedded engine's fused step) stamps the outcome
   * event and the step's WorkflowStarted with it, so the history records the time the workflow code saw.
   */
  nextStepAt?: number;
}

/** What a backend hands work to: the runtime, or the sidecar server forwarding to remote workers. */
export interface WorkItemProcessor {
  /** Runs a workflow step. */
  processWorkflow(item: WorkflowWorkItem): Promise<WorkflowStepResult>;
  /** Runs an activity. */
  processActivity(item: ActivityWorkItem): Promise<ActivityResult>;
  /** Called when a step's result could not be committed (its lease was lost): drop any cached state. */
  abandonWorkflow?(instanceId: string): void;
  /**
   * True when this processor runs the named workflow's code in this process, at once (not forwarded to a
   * remote worker that may not be there). A backend may then run a new instance's first step before
   * creating it, and commit both together (the embedded engine's eager start). Absent: never.
   */
  runsWorkflowHere?(name: string): boolean;
}

/** Concurrency limits of a worker. */
export interface WorkerLimits {
  /** Workflow steps in flight at once. */
  maxConcurrentWorkflows: number;
  /** Activities in flight at once. */
  maxConcurrentActivities: number;
}

/** A running worker; `stop` stops taking work and waits for what is in flight. */
export interface WorkerHandle {
  /** Stops claiming work and resolves once in-flight work has been completed. */
  stop(): Promise<void>;
}

/** An instance as stored: payloads as JSON text, times in epoch ms. */
export interface InstanceRecord {
  instanceId: string;
  name: string;
  status: WorkflowStatus;
  createdAt: number;
  lastUpdatedAt: number;
  completedAt?: number;
  scheduledStartAt?: number;
  input?: string;
  output?: string;
  customStatus?: string;
  failureDetails?: FailureDetails;
  parentInstanceId?: string;
  /** The version of a versioned workflow the instance runs. */
  version?: string;
  /** Why the instance is STALLED (only with that status). */
  stalledReason?: StalledReason;
  /**
   * Names of the external events the instance waits for (a Weft extension): reported by the in-process
   * executor after each step; absent when none, once finished, and under `weft sidecar` (remote workers
   * do not report it).
   */
  waitingForEvents?: string[];
}

/** A request to create an instance. */
export interface CreateInstanceRequest {
  instanceId: string;
  name: string;
  input?: string;
  /** Epoch ms before which the instance does not start. */
  startAt?: number;
  /** The caller's trace, stored in the ExecutionStarted event so that the workflow joins it. */
  parentTraceContext?: TraceContext;
}

/** Filters and paging of an instance listing; newest first. */
export interface InstanceQuery {
  status?: WorkflowStatus[];
  name?: string;
  createdFrom?: number;
  createdTo?: number;
  pageSize?: number;
  continuationToken?: string;
}

/** A page of instances. */
export interface InstancePage {
  items: InstanceRecord[];
  continuationToken?: string;
}

/** Which instances a bulk purge removes (terminal ones only). */
export interface PurgeFilter {
  createdFrom?: number;
  createdTo?: number;
  status?: WorkflowStatus[];
}

/** A request to run a new instance from a point in another instance's history. */
export interface RerunRequest {
  /** The instance whose history is copied; it must have finished. */
  sourceInstanceId: string;
  /** The `eventId` of a TaskScheduled or ChildWorkflowInstanceCreated event of the source. */
  eventId: number;
  /** Id of the new instance; random when omitted. */
  newInstanceId: string;
  /** When set, replaces the workflow's input (JSON text; undefined with `overwriteInput` clears it). */
  overwriteInput?: boolean;
  input?: string;
}

/** Options of the control operations (suspend, resume, terminate). */
export interface ControlOptions {
  /** How long to wait for the change to show, ms; `TimeoutError` past it. Default: no limit. */
  timeoutMs?: number;
}

/** What a wait waits for. */
export type WaitCondition = 'start' | 'completion';

/**
 * The storage and dispatch contract. The embedded SQLite engine and the Dapr sidecar client implement
 * it; the runtime and client use nothing else. Errors are Weft's coded errors.
 */
export interface Backend {
  /** Opens storage or connections. Idempotent. */
  open(): Promise<void>;
  /** Closes storage or connections. */
  close(): Promise<void>;
  /** Creates an instance; throws `WorkflowAlreadyExistsError` when the id is in use by a non-terminal one. */
  createInstance(request: CreateInstanceRequest): Promise<void>;
  /** Reads an instance, with or without payloads. */
  getInstance(instanceId: string, includePayloads: boolean): Promise<InstanceRecord | undefined>;
  /** Waits until the instance started or finished; throws `TimeoutError` past `timeoutMs`. */
  waitForInstance(instanceId: string, condition: WaitCondition, timeoutMs?: number): Promise<InstanceRecord>;
  /** Queues an external event for the instance. */
  raiseEvent(instanceId: string, name: string, input?: string): Promise<void>;
  /**
   * Suspends the instance; resolves once its state shows SUSPENDED (or terminal), as daprd's
   * SuspendInstance. Throws `WorkflowNotRunningError` for a finished instance.
   */
  suspend(instanceId: string, reason?: string, options?: ControlOptions): Promise<void>;
  /**
   * Resumes the instance; resolves once its state shows RUNNING (or terminal), as daprd's ResumeInstance.
   * A no-op for an instance that is not suspended.
   */
  resume(instanceId: string, reason?: string, options?: ControlOptions): Promise<void>;
  /**
   * Terminates the instance (and its running children, recursively, when `recursive`); resolves once its
   * state shows TERMINATED (or another terminal status it reached first), as daprd's TerminateInstance.
   */
  terminate(
    instanceId: string,
    output: string | undefined,
    recursive: boolean,
    options?: ControlOptions,
  ): Promise<void>;
  /**
   * Removes a terminal instance (and its descendants when `recursive`); returns how many instances were
   * removed, the instance included (0 when there was none), as daprd's PurgeInstances counts them. Throws
   * `WorkflowNotTerminalError` when it, or unless `force` any descendant, has not finished.
   */
  purge(instanceId: string, recursive: boolean, force?: boolean): Promise<number>;
  /** Removes every terminal instance the filter matches; returns how many. */
  purgeWhere(filter: PurgeFilter): Promise<number>;
  /** Lists instances, newest first. */
  listInstances(query: InstanceQuery): Promise<InstancePage>;
  /** The instance's history, or undefined when there is no such instance. */
  getHistory(instanceId: string): Promise<HistoryEvent[] | undefined>;
  /**
   * Creates a new instance whose history is the source's up to the given scheduling event, which then
   * runs on from there; returns the new instance id.
   */
  rerunFromEvent(request: RerunRequest): Promise<string>;
  /**
   * Tries the steps of STALLED instances again now (a worker that may have the code they wait for
   * connected). Optional: engines without it retry on their own schedule.
   */
  retryStalled?(): Promise<void>;
  /** Starts handing work to `processor` within `limits`. */
  startWorker(processor: WorkItemProcessor, limits: WorkerLimits): WorkerHandle;
  /** How well storage works now; a backend without it is taken as always `ok`. */
  health?(): BackendHealth;
}

/**
 * How well a backend's storage works right now. `ok`: writes commit. `degraded`: storage is failing (disk
 * full, read-only file, sidecar down) and work is retried with back-off; it recovers by itself once the
 * cause is gone. `failed`: the backend stopped accepting work and needs an operator (e.g. its database file
 * was removed or replaced while open); restart after fixing the cause.
 */
export interface BackendHealth {
  /** The state. */
  status: 'ok' | 'degraded' | 'failed';
  /** What is wrong, for people (absent when `ok`). */
  reason?: string;
  /** The stable code of the failure, e.g. `SQLITE_FULL`, `SQLITE_READONLY`, `DATABASE_LOST` (absent when `ok`). */
  cause?: string;
  /** Since when (epoch ms) the backend is in this state (absent when `ok`). */
  since?: number;
}

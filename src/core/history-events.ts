import type { TraceContext } from './trace-context';
import type { FailureDetails } from '../errors';

/**
 * Runtime status of a workflow instance. The string values are Weft's public names; the numbers the
 * Dapr protocol uses live with the protocol converters.
 */
export enum WorkflowStatus {
  PENDING = 'PENDING',
  RUNNING = 'RUNNING',
  SUSPENDED = 'SUSPENDED',
  COMPLETED = 'COMPLETED',
  FAILED = 'FAILED',
  TERMINATED = 'TERMINATED',
  CONTINUED_AS_NEW = 'CONTINUED_AS_NEW',
  CANCELED = 'CANCELED',
  STALLED = 'STALLED',
}

/** True for the statuses an instance never leaves on its own: COMPLETED, FAILED, TERMINATED, CANCELED. */
export function isTerminalStatus(status: WorkflowStatus): boolean {
  return (
    status === WorkflowStatus.COMPLETED ||
    status === WorkflowStatus.FAILED ||
    status === WorkflowStatus.TERMINATED ||
    status === WorkflowStatus.CANCELED
  );
}

/**
 * Why an instance is STALLED (the protocol's `StalledReason`): its history recorded patches the code does
 * not check the same way, or a workflow version this worker does not have.
 */
export type StalledReason = 'PATCH_MISMATCH' | 'VERSION_NOT_AVAILABLE';

/**
 * The code version a step ran with, recorded on its WorkflowStarted event (the protocol's
 * `WorkflowVersion`, as durabletask-go records it): the versioned workflow's `name`, and the patches
 * `ctx.isPatched` answered true for.
 */
export interface WorkflowVersion {
  /** The version of a versioned workflow. */
  name?: string;
  /** Patches applied so far in this execution. */
  patches?: string[];
}

/** Where a durable timer came from (the protocol's `TimerOrigin*`). */
export type TimerOrigin =
  | { kind: 'createTimer' }
  | { kind: 'externalEvent'; name: string }
  | { kind: 'activityRetry'; taskExecutionId: string }
  | { kind: 'childWorkflowRetry'; instanceId: string };

/** The parent of a child workflow, as recorded in the child's ExecutionStarted event. */
export interface ParentInstanceInfo {
  /** The parent's instance id. */
  instanceId: string;
  /** The parent's workflow name. */
  name: string;
  /** The sequence number of the parent's ChildWorkflowInstanceCreated event. */
  taskScheduledId: number;
}

interface EventBase {
  /** Sequence number for events the workflow scheduled (TaskScheduled, TimerCreated, …); -1 otherwise. */
  eventId: number;
  /** When the event was recorded, in epoch milliseconds. */
  timestamp: number;
}

/**
 * One entry of a workflow's history. The types and fields map one-to-one onto the durabletask protocol's
 * `HistoryEvent`; payloads (`input`, `result`, …) are JSON text, absent when there is none.
 */
export type HistoryEvent =
  | (EventBase & {
      type: 'ExecutionStarted';
      name: string;
      input?: string;
      parentInstance?: ParentInstanceInfo;
      scheduledStartTimestamp?: number;
      executionId?: string;
      /** The trace the instance continues (the span that scheduled it), as the protocol's `parentTraceContext`. */
      parentTraceContext?: TraceContext;
    })
  | (EventBase & {
      type: 'ExecutionCompleted';
      workflowStatus: WorkflowStatus;
      result?: string;
      failureDetails?: FailureDetails;
    })
  | (EventBase & { type: 'ExecutionTerminated'; input?: string; recurse: boolean })
  | (EventBase & {
      type: 'TaskScheduled';
      name: string;
      input?: string;
      taskExecutionId?: string;
      /** 1-based attempt number of this scheduling (Weft extension, not on the wire). */
      attempt?: number;
    })
  | (EventBase & { type: 'TaskCompleted'; taskScheduledId: number; result?: string })
  | (EventBase & { type: 'TaskFailed'; taskScheduledId: number; failureDetails: FailureDetails })
  | (EventBase & { type: 'ChildWorkflowInstanceCreated'; instanceId: string; name: string; input?: string })
  | (EventBase & { type: 'ChildWorkflowInstanceCompleted'; taskScheduledId: number; result?: string })
  | (EventBase & {
      type: 'ChildWorkflowInstanceFailed';
      taskScheduledId: number;
      failureDetails: FailureDetails;
    })
  | (EventBase & {
      type: 'DetachedWorkflowInstanceCreated';
      instanceId: string;
      /** The workflow started (Weft records it to match replays; the protocol event has the id only). */
      name?: string;
      input?: string;
    })
  | (EventBase & { type: 'TimerCreated'; fireAt: number; origin?: TimerOrigin })
  | (EventBase & { type: 'TimerFired'; fireAt: number; timerId: number })
  | (EventBase & { type: 'WorkflowStarted'; version?: WorkflowVersion })
  | (EventBase & { type: 'ExecutionStalled'; reason: StalledReason; description?: string })
  | (EventBase & { type: 'WorkflowCompleted' })
  | (EventBase & { type: 'EventSent'; instanceId: string; name: string; input?: string })
  | (EventBase & { type: 'EventRaised'; name: string; input?: string })
  | (EventBase & { type: 'ContinueAsNew'; input?: string })
  | (EventBase & { type: 'ExecutionSuspended'; input?: string })
  | (EventBase & { type: 'ExecutionResumed'; input?: string });

/** The `type` names of {@link HistoryEvent}. */
export type HistoryEventType = HistoryEvent['type'];

/** The event of a given type. */
export type HistoryEventOf<T extends HistoryEventType> = Extract<HistoryEvent, { type: T }>;

/** Builds a history event with `eventId` -1 unless given; a typed shorthand used by engines and tests. */
export function newEvent<T extends HistoryEventType>(
  type: T,
  timestamp: number,
  fields: Omit<HistoryEventOf<T>, 'type' | 'eventId' | 'timestamp'> & { eventId?: number },
): HistoryEventOf<T> {
  return { eventId: -1, ...fields, type, timestamp } as unknown as HistoryEventOf<T>;
}

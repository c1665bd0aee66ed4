import type { FailureDetails } from '../errors';
import type {
  HistoryEvent,
  StalledReason,
  TimerOrigin,
  WorkflowStatus,
  WorkflowVersion,
} from './history-events';
import type { TraceContext } from './trace-context';

/**
 * What one workflow step asks the engine to do. Maps one-to-one onto the protocol's `WorkflowAction`;
 * `id` is the step's sequence number, which the matching history event carries as its `eventId`.
 */
export type WorkflowAction =
  | {
      type: 'ScheduleTask';
      id: number;
      name: string;
      input?: string;
      taskExecutionId: string;
      attempt: number;
    }
  | {
      type: 'CreateChildWorkflow';
      id: number;
      instanceId: string;
      name: string;
      input?: string;
      /** The trace the child continues (set by the runtime's tracing); copied into the child's ExecutionStarted. */
      parentTraceContext?: TraceContext;
    }
  /** A new instance with no parent link (the protocol's `CreateDetachedWorkflowAction`). */
  | { type: 'CreateDetachedWorkflow'; id: number; instanceId: string; name: string; input?: string }
  | { type: 'CreateTimer'; id: number; fireAt: number; origin: TimerOrigin }
  | { type: 'SendEvent'; id: number; instanceId: string; name: string; data?: string }
  | {
      type: 'CompleteWorkflow';
      id: number;
      workflowStatus: WorkflowStatus;
      result?: string;
      failureDetails?: FailureDetails;
      /** Events handed to the next execution by continue-as-new. */
      carryoverEvents?: HistoryEvent[];
    };

/** The `type` names of {@link WorkflowAction}. */
export type WorkflowActionType = WorkflowAction['type'];

/** A step that could not run with this code: the instance waits, STALLED, for a worker that has it. */
export interface WorkflowStall {
  /** Why (the protocol's `StalledReason`). */
  reason: StalledReason;
  /** What is missing or differs, for people. */
  description: string;
}

/** The result of running one workflow step: the new actions and the custom status after it. */
export interface WorkflowStepResult {
  /** New actions, in the order the code asked for them (none when stalled). */
  actions: WorkflowAction[];
  /** Custom status as JSON text, absent when never set. */
  customStatus?: string;
  /** The version and patches the step ran with; the engine records it on the step's WorkflowStarted event. */
  version?: WorkflowVersion;
  /**
   * Set when the step stalled (as durabletask's WorkflowVersionNotAvailable action / ExecutionStalled
   * event): the engine keeps the step's new events for a later attempt and marks the instance STALLED.
   */
  stalled?: WorkflowStall;
  /**
   * Names of the external events the code still waits for after the step (`waitForExternalEvent` waits
   * not yet answered, timed out or let go after losing a `whenAny`), one per name; absent when none.
   * A Weft extension, so that an instance can say what it waits for even when the wait has no timeout
   * (and so no TimerCreated in history). Workers over the durabletask protocol do not report it.
   */
  waitingForEvents?: string[];
}

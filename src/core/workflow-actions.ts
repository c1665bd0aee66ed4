import type { FailureDetails } from '../errors';
import type { HistoryEvent, TimerOrigin, WorkflowStatus } from './history-events';
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

/** The result of running one workflow step: the new actions and the custom status after it. */
export interface WorkflowStepResult {
  /** New actions, in the order the code asked for them. */
  actions: WorkflowAction[];
  /** Custom status as JSON text, absent when never set. */
  customStatus?: string;
}

// Original file: proto/orchestrator_service.proto

import type { WorkflowResponse as _WorkflowResponse, WorkflowResponse__Output as _WorkflowResponse__Output } from './WorkflowResponse';
import type { ActivityResponse as _ActivityResponse, ActivityResponse__Output as _ActivityResponse__Output } from './ActivityResponse';
import type { NextStep as _NextStep, NextStep__Output as _NextStep__Output } from './NextStep';
import type { Long } from '@grpc/proto-loader';

/**
 * Weft extension: a worker's completion sent as a message of the CompleteTasks stream instead of a call of
 * its own (CompleteWorkflowTask, CompleteActivityTask), answered by a TaskCompletionResult of the same
 * sequence number.
 */
export interface TaskCompletion {
  'sequence'?: (number | string | Long);
  'workflowResponse'?: (_WorkflowResponse | null);
  'activityResponse'?: (_ActivityResponse | null);
  /**
   * Weft extension: with an activityResponse, the workflow step the worker already ran on that outcome (its
   * instance idle in the worker), for the sidecar to commit with the outcome instead of sending the step
   * (the sidecar says it takes these with the weft-sidecar-features header `next-step` on GetWorkItems).
   */
  'nextStep'?: (_NextStep | null);
  /**
   * When true, the sidecar may answer this completion, if it is taken, later and together with others
   * (TaskCompletionResult.alsoTaken) instead of with a message of its own.
   */
  'deferAnswer'?: (boolean);
  'completion'?: "workflowResponse"|"activityResponse";
}

/**
 * Weft extension: a worker's completion sent as a message of the CompleteTasks stream instead of a call of
 * its own (CompleteWorkflowTask, CompleteActivityTask), answered by a TaskCompletionResult of the same
 * sequence number.
 */
export interface TaskCompletion__Output {
  'sequence'?: (number);
  'workflowResponse'?: (_WorkflowResponse__Output);
  'activityResponse'?: (_ActivityResponse__Output);
  /**
   * Weft extension: with an activityResponse, the workflow step the worker already ran on that outcome (its
   * instance idle in the worker), for the sidecar to commit with the outcome instead of sending the step
   * (the sidecar says it takes these with the weft-sidecar-features header `next-step` on GetWorkItems).
   */
  'nextStep'?: (_NextStep__Output);
  /**
   * When true, the sidecar may answer this completion, if it is taken, later and together with others
   * (TaskCompletionResult.alsoTaken) instead of with a message of its own.
   */
  'deferAnswer'?: (boolean);
  'completion'?: "workflowResponse"|"activityResponse";
}

// Original file: proto/orchestrator_actions.proto

import type { ScheduleTaskAction as _ScheduleTaskAction, ScheduleTaskAction__Output as _ScheduleTaskAction__Output } from './ScheduleTaskAction';
import type { CreateChildWorkflowAction as _CreateChildWorkflowAction, CreateChildWorkflowAction__Output as _CreateChildWorkflowAction__Output } from './CreateChildWorkflowAction';
import type { CreateTimerAction as _CreateTimerAction, CreateTimerAction__Output as _CreateTimerAction__Output } from './CreateTimerAction';
import type { SendEventAction as _SendEventAction, SendEventAction__Output as _SendEventAction__Output } from './SendEventAction';
import type { CompleteWorkflowAction as _CompleteWorkflowAction, CompleteWorkflowAction__Output as _CompleteWorkflowAction__Output } from './CompleteWorkflowAction';
import type { TerminateWorkflowAction as _TerminateWorkflowAction, TerminateWorkflowAction__Output as _TerminateWorkflowAction__Output } from './TerminateWorkflowAction';
import type { WorkflowVersionNotAvailableAction as _WorkflowVersionNotAvailableAction, WorkflowVersionNotAvailableAction__Output as _WorkflowVersionNotAvailableAction__Output } from './WorkflowVersionNotAvailableAction';
import type { CreateDetachedWorkflowAction as _CreateDetachedWorkflowAction, CreateDetachedWorkflowAction__Output as _CreateDetachedWorkflowAction__Output } from './CreateDetachedWorkflowAction';

export interface WorkflowAction {
  'id'?: (number);
  'scheduleTask'?: (_ScheduleTaskAction | null);
  'createChildWorkflow'?: (_CreateChildWorkflowAction | null);
  'createTimer'?: (_CreateTimerAction | null);
  'sendEvent'?: (_SendEventAction | null);
  'completeWorkflow'?: (_CompleteWorkflowAction | null);
  'terminateWorkflow'?: (_TerminateWorkflowAction | null);
  'workflowVersionNotAvailable'?: (_WorkflowVersionNotAvailableAction | null);
  'createDetachedWorkflow'?: (_CreateDetachedWorkflowAction | null);
  'workflowActionType'?: "scheduleTask"|"createChildWorkflow"|"createTimer"|"sendEvent"|"completeWorkflow"|"terminateWorkflow"|"workflowVersionNotAvailable"|"createDetachedWorkflow";
}

export interface WorkflowAction__Output {
  'id'?: (number);
  'scheduleTask'?: (_ScheduleTaskAction__Output);
  'createChildWorkflow'?: (_CreateChildWorkflowAction__Output);
  'createTimer'?: (_CreateTimerAction__Output);
  'sendEvent'?: (_SendEventAction__Output);
  'completeWorkflow'?: (_CompleteWorkflowAction__Output);
  'terminateWorkflow'?: (_TerminateWorkflowAction__Output);
  'workflowVersionNotAvailable'?: (_WorkflowVersionNotAvailableAction__Output);
  'createDetachedWorkflow'?: (_CreateDetachedWorkflowAction__Output);
  'workflowActionType'?: "scheduleTask"|"createChildWorkflow"|"createTimer"|"sendEvent"|"completeWorkflow"|"terminateWorkflow"|"workflowVersionNotAvailable"|"createDetachedWorkflow";
}

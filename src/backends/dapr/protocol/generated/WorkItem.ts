// Original file: proto/orchestrator_service.proto

import type { WorkflowRequest as _WorkflowRequest, WorkflowRequest__Output as _WorkflowRequest__Output } from './WorkflowRequest';
import type { ActivityRequest as _ActivityRequest, ActivityRequest__Output as _ActivityRequest__Output } from './ActivityRequest';

export interface WorkItem {
  'workflowRequest'?: (_WorkflowRequest | null);
  'activityRequest'?: (_ActivityRequest | null);
  'completionToken'?: (string);
  'request'?: "workflowRequest"|"activityRequest";
}

export interface WorkItem__Output {
  'workflowRequest'?: (_WorkflowRequest__Output);
  'activityRequest'?: (_ActivityRequest__Output);
  'completionToken'?: (string);
  'request'?: "workflowRequest"|"activityRequest";
}

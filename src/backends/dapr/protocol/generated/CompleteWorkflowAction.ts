// Original file: proto/orchestrator_actions.proto

import type { OrchestrationStatus as _OrchestrationStatus, OrchestrationStatus__Output as _OrchestrationStatus__Output } from './OrchestrationStatus';
import type { StringValue as _google_protobuf_StringValue, StringValue__Output as _google_protobuf_StringValue__Output } from './google/protobuf/StringValue';
import type { HistoryEvent as _HistoryEvent, HistoryEvent__Output as _HistoryEvent__Output } from './HistoryEvent';
import type { TaskFailureDetails as _TaskFailureDetails, TaskFailureDetails__Output as _TaskFailureDetails__Output } from './TaskFailureDetails';

export interface CompleteWorkflowAction {
  'workflowStatus'?: (_OrchestrationStatus);
  'result'?: (_google_protobuf_StringValue | null);
  'details'?: (_google_protobuf_StringValue | null);
  'newVersion'?: (_google_protobuf_StringValue | null);
  'carryoverEvents'?: (_HistoryEvent)[];
  'failureDetails'?: (_TaskFailureDetails | null);
}

export interface CompleteWorkflowAction__Output {
  'workflowStatus'?: (_OrchestrationStatus__Output);
  'result'?: (_google_protobuf_StringValue__Output);
  'details'?: (_google_protobuf_StringValue__Output);
  'newVersion'?: (_google_protobuf_StringValue__Output);
  'carryoverEvents'?: (_HistoryEvent__Output)[];
  'failureDetails'?: (_TaskFailureDetails__Output);
}

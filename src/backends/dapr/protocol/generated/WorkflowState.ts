// Original file: proto/orchestration.proto

import type { StringValue as _google_protobuf_StringValue, StringValue__Output as _google_protobuf_StringValue__Output } from './google/protobuf/StringValue';
import type { OrchestrationStatus as _OrchestrationStatus, OrchestrationStatus__Output as _OrchestrationStatus__Output } from './OrchestrationStatus';
import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from './google/protobuf/Timestamp';
import type { TaskFailureDetails as _TaskFailureDetails, TaskFailureDetails__Output as _TaskFailureDetails__Output } from './TaskFailureDetails';

export interface WorkflowState {
  'instanceId'?: (string);
  'name'?: (string);
  'version'?: (_google_protobuf_StringValue | null);
  'workflowStatus'?: (_OrchestrationStatus);
  'scheduledStartTimestamp'?: (_google_protobuf_Timestamp | null);
  'createdTimestamp'?: (_google_protobuf_Timestamp | null);
  'lastUpdatedTimestamp'?: (_google_protobuf_Timestamp | null);
  'input'?: (_google_protobuf_StringValue | null);
  'output'?: (_google_protobuf_StringValue | null);
  'customStatus'?: (_google_protobuf_StringValue | null);
  'failureDetails'?: (_TaskFailureDetails | null);
  'executionId'?: (_google_protobuf_StringValue | null);
  'completedTimestamp'?: (_google_protobuf_Timestamp | null);
  'parentInstanceId'?: (_google_protobuf_StringValue | null);
  'tags'?: ({[key: string]: string});
  'parentAppId'?: (_google_protobuf_StringValue | null);
}

export interface WorkflowState__Output {
  'instanceId'?: (string);
  'name'?: (string);
  'version'?: (_google_protobuf_StringValue__Output);
  'workflowStatus'?: (_OrchestrationStatus__Output);
  'scheduledStartTimestamp'?: (_google_protobuf_Timestamp__Output);
  'createdTimestamp'?: (_google_protobuf_Timestamp__Output);
  'lastUpdatedTimestamp'?: (_google_protobuf_Timestamp__Output);
  'input'?: (_google_protobuf_StringValue__Output);
  'output'?: (_google_protobuf_StringValue__Output);
  'customStatus'?: (_google_protobuf_StringValue__Output);
  'failureDetails'?: (_TaskFailureDetails__Output);
  'executionId'?: (_google_protobuf_StringValue__Output);
  'completedTimestamp'?: (_google_protobuf_Timestamp__Output);
  'parentInstanceId'?: (_google_protobuf_StringValue__Output);
  'tags'?: ({[key: string]: string});
  'parentAppId'?: (_google_protobuf_StringValue__Output);
}

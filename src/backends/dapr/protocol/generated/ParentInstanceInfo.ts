// Original file: proto/orchestration.proto

import type { StringValue as _google_protobuf_StringValue, StringValue__Output as _google_protobuf_StringValue__Output } from './google/protobuf/StringValue';
import type { WorkflowInstance as _WorkflowInstance, WorkflowInstance__Output as _WorkflowInstance__Output } from './WorkflowInstance';

export interface ParentInstanceInfo {
  'taskScheduledId'?: (number);
  'name'?: (_google_protobuf_StringValue | null);
  'version'?: (_google_protobuf_StringValue | null);
  'workflowInstance'?: (_WorkflowInstance | null);
}

export interface ParentInstanceInfo__Output {
  'taskScheduledId'?: (number);
  'name'?: (_google_protobuf_StringValue__Output);
  'version'?: (_google_protobuf_StringValue__Output);
  'workflowInstance'?: (_WorkflowInstance__Output);
}

// Original file: proto/orchestrator_actions.proto

import type { WorkflowInstance as _WorkflowInstance, WorkflowInstance__Output as _WorkflowInstance__Output } from './WorkflowInstance';
import type { StringValue as _google_protobuf_StringValue, StringValue__Output as _google_protobuf_StringValue__Output } from './google/protobuf/StringValue';

export interface SendEventAction {
  'instance'?: (_WorkflowInstance | null);
  'name'?: (string);
  'data'?: (_google_protobuf_StringValue | null);
}

export interface SendEventAction__Output {
  'instance'?: (_WorkflowInstance__Output);
  'name'?: (string);
  'data'?: (_google_protobuf_StringValue__Output);
}

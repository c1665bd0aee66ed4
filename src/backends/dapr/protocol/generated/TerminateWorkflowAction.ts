// Original file: proto/orchestrator_actions.proto

import type { StringValue as _google_protobuf_StringValue, StringValue__Output as _google_protobuf_StringValue__Output } from './google/protobuf/StringValue';

export interface TerminateWorkflowAction {
  'instanceId'?: (string);
  'reason'?: (_google_protobuf_StringValue | null);
  'recurse'?: (boolean);
}

export interface TerminateWorkflowAction__Output {
  'instanceId'?: (string);
  'reason'?: (_google_protobuf_StringValue__Output);
  'recurse'?: (boolean);
}

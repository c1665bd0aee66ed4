// Original file: proto/orchestration.proto

import type { StringValue as _google_protobuf_StringValue, StringValue__Output as _google_protobuf_StringValue__Output } from './google/protobuf/StringValue';

export interface WorkflowInstance {
  'instanceId'?: (string);
  'executionId'?: (_google_protobuf_StringValue | null);
}

export interface WorkflowInstance__Output {
  'instanceId'?: (string);
  'executionId'?: (_google_protobuf_StringValue__Output);
}

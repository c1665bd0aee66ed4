// Original file: proto/orchestrator_actions.proto

import type { StringValue as _google_protobuf_StringValue, StringValue__Output as _google_protobuf_StringValue__Output } from './google/protobuf/StringValue';

export interface CreateChildWorkflowAction {
  'instanceId'?: (string);
  'name'?: (string);
  'version'?: (_google_protobuf_StringValue | null);
  'input'?: (_google_protobuf_StringValue | null);
}

export interface CreateChildWorkflowAction__Output {
  'instanceId'?: (string);
  'name'?: (string);
  'version'?: (_google_protobuf_StringValue__Output);
  'input'?: (_google_protobuf_StringValue__Output);
}

// Original file: proto/orchestrator_service.proto

import type { StringValue as _google_protobuf_StringValue, StringValue__Output as _google_protobuf_StringValue__Output } from './google/protobuf/StringValue';

export interface TerminateRequest {
  'instanceId'?: (string);
  'output'?: (_google_protobuf_StringValue | null);
  'recursive'?: (boolean);
}

export interface TerminateRequest__Output {
  'instanceId'?: (string);
  'output'?: (_google_protobuf_StringValue__Output);
  'recursive'?: (boolean);
}

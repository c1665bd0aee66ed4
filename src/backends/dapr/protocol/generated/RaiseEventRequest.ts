// Original file: proto/orchestrator_service.proto

import type { StringValue as _google_protobuf_StringValue, StringValue__Output as _google_protobuf_StringValue__Output } from './google/protobuf/StringValue';

export interface RaiseEventRequest {
  'instanceId'?: (string);
  'name'?: (string);
  'input'?: (_google_protobuf_StringValue | null);
}

export interface RaiseEventRequest__Output {
  'instanceId'?: (string);
  'name'?: (string);
  'input'?: (_google_protobuf_StringValue__Output);
}

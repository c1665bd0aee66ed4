// Original file: proto/orchestrator_service.proto

import type { StringValue as _google_protobuf_StringValue, StringValue__Output as _google_protobuf_StringValue__Output } from './google/protobuf/StringValue';

export interface ResumeRequest {
  'instanceId'?: (string);
  'reason'?: (_google_protobuf_StringValue | null);
}

export interface ResumeRequest__Output {
  'instanceId'?: (string);
  'reason'?: (_google_protobuf_StringValue__Output);
}

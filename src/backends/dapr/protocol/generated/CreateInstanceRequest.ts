// Original file: proto/orchestrator_service.proto

import type { StringValue as _google_protobuf_StringValue, StringValue__Output as _google_protobuf_StringValue__Output } from './google/protobuf/StringValue';
import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from './google/protobuf/Timestamp';
import type { TraceContext as _TraceContext, TraceContext__Output as _TraceContext__Output } from './TraceContext';

export interface CreateInstanceRequest {
  'instanceId'?: (string);
  'name'?: (string);
  'version'?: (_google_protobuf_StringValue | null);
  'input'?: (_google_protobuf_StringValue | null);
  'scheduledStartTimestamp'?: (_google_protobuf_Timestamp | null);
  'executionId'?: (_google_protobuf_StringValue | null);
  'tags'?: ({[key: string]: string});
  'parentTraceContext'?: (_TraceContext | null);
}

export interface CreateInstanceRequest__Output {
  'instanceId'?: (string);
  'name'?: (string);
  'version'?: (_google_protobuf_StringValue__Output);
  'input'?: (_google_protobuf_StringValue__Output);
  'scheduledStartTimestamp'?: (_google_protobuf_Timestamp__Output);
  'executionId'?: (_google_protobuf_StringValue__Output);
  'tags'?: ({[key: string]: string});
  'parentTraceContext'?: (_TraceContext__Output);
}

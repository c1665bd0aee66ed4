// Original file: proto/history_events.proto

import type { StringValue as _google_protobuf_StringValue, StringValue__Output as _google_protobuf_StringValue__Output } from './google/protobuf/StringValue';
import type { TraceContext as _TraceContext, TraceContext__Output as _TraceContext__Output } from './TraceContext';

export interface ChildWorkflowInstanceCreatedEvent {
  'instanceId'?: (string);
  'name'?: (string);
  'version'?: (_google_protobuf_StringValue | null);
  'input'?: (_google_protobuf_StringValue | null);
  'parentTraceContext'?: (_TraceContext | null);
}

export interface ChildWorkflowInstanceCreatedEvent__Output {
  'instanceId'?: (string);
  'name'?: (string);
  'version'?: (_google_protobuf_StringValue__Output);
  'input'?: (_google_protobuf_StringValue__Output);
  'parentTraceContext'?: (_TraceContext__Output);
}

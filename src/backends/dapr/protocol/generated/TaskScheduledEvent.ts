// Original file: proto/history_events.proto

import type { StringValue as _google_protobuf_StringValue, StringValue__Output as _google_protobuf_StringValue__Output } from './google/protobuf/StringValue';
import type { TraceContext as _TraceContext, TraceContext__Output as _TraceContext__Output } from './TraceContext';

export interface TaskScheduledEvent {
  'name'?: (string);
  'version'?: (_google_protobuf_StringValue | null);
  'input'?: (_google_protobuf_StringValue | null);
  'parentTraceContext'?: (_TraceContext | null);
  'taskExecutionId'?: (string);
  /**
   * Weft extension: 1-based attempt number of this scheduling.
   */
  'attempt'?: (number);
}

export interface TaskScheduledEvent__Output {
  'name'?: (string);
  'version'?: (_google_protobuf_StringValue__Output);
  'input'?: (_google_protobuf_StringValue__Output);
  'parentTraceContext'?: (_TraceContext__Output);
  'taskExecutionId'?: (string);
  /**
   * Weft extension: 1-based attempt number of this scheduling.
   */
  'attempt'?: (number);
}

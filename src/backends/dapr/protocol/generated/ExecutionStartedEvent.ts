// Original file: proto/history_events.proto

import type { StringValue as _google_protobuf_StringValue, StringValue__Output as _google_protobuf_StringValue__Output } from './google/protobuf/StringValue';
import type { WorkflowInstance as _WorkflowInstance, WorkflowInstance__Output as _WorkflowInstance__Output } from './WorkflowInstance';
import type { ParentInstanceInfo as _ParentInstanceInfo, ParentInstanceInfo__Output as _ParentInstanceInfo__Output } from './ParentInstanceInfo';
import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from './google/protobuf/Timestamp';
import type { TraceContext as _TraceContext, TraceContext__Output as _TraceContext__Output } from './TraceContext';

export interface ExecutionStartedEvent {
  'name'?: (string);
  'version'?: (_google_protobuf_StringValue | null);
  'input'?: (_google_protobuf_StringValue | null);
  'workflowInstance'?: (_WorkflowInstance | null);
  'parentInstance'?: (_ParentInstanceInfo | null);
  'scheduledStartTimestamp'?: (_google_protobuf_Timestamp | null);
  'parentTraceContext'?: (_TraceContext | null);
  'workflowSpanID'?: (_google_protobuf_StringValue | null);
  'tags'?: ({[key: string]: string});
}

export interface ExecutionStartedEvent__Output {
  'name'?: (string);
  'version'?: (_google_protobuf_StringValue__Output);
  'input'?: (_google_protobuf_StringValue__Output);
  'workflowInstance'?: (_WorkflowInstance__Output);
  'parentInstance'?: (_ParentInstanceInfo__Output);
  'scheduledStartTimestamp'?: (_google_protobuf_Timestamp__Output);
  'parentTraceContext'?: (_TraceContext__Output);
  'workflowSpanID'?: (_google_protobuf_StringValue__Output);
  'tags'?: ({[key: string]: string});
}

// Original file: proto/history_events.proto

import type { StringValue as _google_protobuf_StringValue, StringValue__Output as _google_protobuf_StringValue__Output } from './google/protobuf/StringValue';

export interface ChildWorkflowInstanceCompletedEvent {
  'taskScheduledId'?: (number);
  'result'?: (_google_protobuf_StringValue | null);
}

export interface ChildWorkflowInstanceCompletedEvent__Output {
  'taskScheduledId'?: (number);
  'result'?: (_google_protobuf_StringValue__Output);
}

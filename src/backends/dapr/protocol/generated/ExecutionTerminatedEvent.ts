// Original file: proto/history_events.proto

import type { StringValue as _google_protobuf_StringValue, StringValue__Output as _google_protobuf_StringValue__Output } from './google/protobuf/StringValue';

export interface ExecutionTerminatedEvent {
  'input'?: (_google_protobuf_StringValue | null);
  'recurse'?: (boolean);
}

export interface ExecutionTerminatedEvent__Output {
  'input'?: (_google_protobuf_StringValue__Output);
  'recurse'?: (boolean);
}

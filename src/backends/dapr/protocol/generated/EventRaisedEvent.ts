// Original file: proto/history_events.proto

import type { StringValue as _google_protobuf_StringValue, StringValue__Output as _google_protobuf_StringValue__Output } from './google/protobuf/StringValue';

export interface EventRaisedEvent {
  'name'?: (string);
  'input'?: (_google_protobuf_StringValue | null);
}

export interface EventRaisedEvent__Output {
  'name'?: (string);
  'input'?: (_google_protobuf_StringValue__Output);
}

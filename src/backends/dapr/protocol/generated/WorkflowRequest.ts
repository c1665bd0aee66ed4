// Original file: proto/orchestrator_service.proto

import type { StringValue as _google_protobuf_StringValue, StringValue__Output as _google_protobuf_StringValue__Output } from './google/protobuf/StringValue';
import type { HistoryEvent as _HistoryEvent, HistoryEvent__Output as _HistoryEvent__Output } from './HistoryEvent';

export interface WorkflowRequest {
  'instanceId'?: (string);
  'executionId'?: (_google_protobuf_StringValue | null);
  'pastEvents'?: (_HistoryEvent)[];
  'newEvents'?: (_HistoryEvent)[];
  'requiresHistoryStreaming'?: (boolean);
}

export interface WorkflowRequest__Output {
  'instanceId'?: (string);
  'executionId'?: (_google_protobuf_StringValue__Output);
  'pastEvents'?: (_HistoryEvent__Output)[];
  'newEvents'?: (_HistoryEvent__Output)[];
  'requiresHistoryStreaming'?: (boolean);
}

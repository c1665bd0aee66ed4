// Original file: proto/orchestrator_service.proto

import type { StringValue as _google_protobuf_StringValue, StringValue__Output as _google_protobuf_StringValue__Output } from './google/protobuf/StringValue';
import type { HistoryEvent as _HistoryEvent, HistoryEvent__Output as _HistoryEvent__Output } from './HistoryEvent';
import type { CachedHistory as _CachedHistory, CachedHistory__Output as _CachedHistory__Output } from './CachedHistory';

export interface WorkflowRequest {
  'instanceId'?: (string);
  'executionId'?: (_google_protobuf_StringValue | null);
  'pastEvents'?: (_HistoryEvent)[];
  'newEvents'?: (_HistoryEvent)[];
  'requiresHistoryStreaming'?: (boolean);
  /**
   * When present, pastEvents holds only the events after the first cachedHistory.eventCount of the
   * history, which the worker (one that advertised WORKER_CAPABILITY_STATEFUL_HISTORY) already holds; as
   * durabletask-go's WorkflowRequest.cachedHistory.
   */
  'cachedHistory'?: (_CachedHistory | null);
  '_cachedHistory'?: "cachedHistory";
}

export interface WorkflowRequest__Output {
  'instanceId'?: (string);
  'executionId'?: (_google_protobuf_StringValue__Output);
  'pastEvents'?: (_HistoryEvent__Output)[];
  'newEvents'?: (_HistoryEvent__Output)[];
  'requiresHistoryStreaming'?: (boolean);
  /**
   * When present, pastEvents holds only the events after the first cachedHistory.eventCount of the
   * history, which the worker (one that advertised WORKER_CAPABILITY_STATEFUL_HISTORY) already holds; as
   * durabletask-go's WorkflowRequest.cachedHistory.
   */
  'cachedHistory'?: (_CachedHistory__Output);
  '_cachedHistory'?: "cachedHistory";
}

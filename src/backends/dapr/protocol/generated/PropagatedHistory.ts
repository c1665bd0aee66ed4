// Original file: proto/history_events.proto

import type { HistoryPropagationScope as _HistoryPropagationScope, HistoryPropagationScope__Output as _HistoryPropagationScope__Output } from './HistoryPropagationScope';
import type { PropagatedHistoryChunk as _PropagatedHistoryChunk, PropagatedHistoryChunk__Output as _PropagatedHistoryChunk__Output } from './PropagatedHistoryChunk';

export interface PropagatedHistory {
  'scope'?: (_HistoryPropagationScope);
  'chunks'?: (_PropagatedHistoryChunk)[];
}

export interface PropagatedHistory__Output {
  'scope'?: (_HistoryPropagationScope__Output);
  'chunks'?: (_PropagatedHistoryChunk__Output)[];
}

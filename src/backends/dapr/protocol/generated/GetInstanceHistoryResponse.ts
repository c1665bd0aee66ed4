// Original file: proto/orchestrator_service.proto

import type { HistoryEvent as _HistoryEvent, HistoryEvent__Output as _HistoryEvent__Output } from './HistoryEvent';

export interface GetInstanceHistoryResponse {
  'events'?: (_HistoryEvent)[];
}

export interface GetInstanceHistoryResponse__Output {
  'events'?: (_HistoryEvent__Output)[];
}

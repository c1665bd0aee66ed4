// Original file: proto/orchestrator_service.proto


export interface CachedHistory {
  'eventCount'?: (number);
}

export interface CachedHistory__Output {
  'eventCount'?: (number);
}

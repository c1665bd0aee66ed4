// Original file: proto/history_events.proto


export interface TimerOriginActivityRetry {
  'taskExecutionId'?: (string);
}

export interface TimerOriginActivityRetry__Output {
  'taskExecutionId'?: (string);
}

// Original file: proto/history_events.proto


export interface TimerOriginChildWorkflowRetry {
  'instanceId'?: (string);
}

export interface TimerOriginChildWorkflowRetry__Output {
  'instanceId'?: (string);
}

// Original file: proto/history_events.proto


export interface TimerOriginExternalEvent {
  'name'?: (string);
}

export interface TimerOriginExternalEvent__Output {
  'name'?: (string);
}

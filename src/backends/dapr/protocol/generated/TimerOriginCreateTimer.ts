// Original file: proto/history_events.proto


export interface TimerOriginCreateTimer {
}

export interface TimerOriginCreateTimer__Output {
}

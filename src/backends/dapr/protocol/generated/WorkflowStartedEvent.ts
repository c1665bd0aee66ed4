// Original file: proto/history_events.proto


export interface WorkflowStartedEvent {
}

export interface WorkflowStartedEvent__Output {
}

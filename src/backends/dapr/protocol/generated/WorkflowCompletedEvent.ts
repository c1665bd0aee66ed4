// Original file: proto/history_events.proto


export interface WorkflowCompletedEvent {
}

export interface WorkflowCompletedEvent__Output {
}

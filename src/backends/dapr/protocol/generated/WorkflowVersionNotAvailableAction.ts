// Original file: proto/orchestrator_actions.proto


export interface WorkflowVersionNotAvailableAction {
}

export interface WorkflowVersionNotAvailableAction__Output {
}

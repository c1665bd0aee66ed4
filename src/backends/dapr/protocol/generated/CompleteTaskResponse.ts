// Original file: proto/orchestrator_service.proto


export interface CompleteTaskResponse {
}

export interface CompleteTaskResponse__Output {
}

// Original file: proto/orchestrator_service.proto


export interface SuspendResponse {
}

export interface SuspendResponse__Output {
}

// Original file: proto/orchestrator_service.proto


export interface TerminateResponse {
}

export interface TerminateResponse__Output {
}

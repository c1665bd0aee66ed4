// Original file: proto/orchestrator_service.proto


export interface RaiseEventResponse {
}

export interface RaiseEventResponse__Output {
}

// Original file: proto/orchestrator_service.proto


export interface ResumeResponse {
}

export interface ResumeResponse__Output {
}

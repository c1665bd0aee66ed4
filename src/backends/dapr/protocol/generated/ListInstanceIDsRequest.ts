// Original file: proto/orchestrator_service.proto


export interface ListInstanceIDsRequest {
}

export interface ListInstanceIDsRequest__Output {
}

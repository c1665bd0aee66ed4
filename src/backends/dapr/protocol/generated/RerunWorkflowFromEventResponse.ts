// Original file: proto/orchestrator_service.proto


export interface RerunWorkflowFromEventResponse {
  'newInstanceID'?: (string);
}

export interface RerunWorkflowFromEventResponse__Output {
  'newInstanceID'?: (string);
}

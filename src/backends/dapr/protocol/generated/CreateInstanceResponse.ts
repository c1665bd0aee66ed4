// Original file: proto/orchestrator_service.proto


export interface CreateInstanceResponse {
  'instanceId'?: (string);
}

export interface CreateInstanceResponse__Output {
  'instanceId'?: (string);
}

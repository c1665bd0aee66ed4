// Original file: proto/orchestrator_service.proto


export interface GetInstanceHistoryRequest {
  'instanceId'?: (string);
}

export interface GetInstanceHistoryRequest__Output {
  'instanceId'?: (string);
}

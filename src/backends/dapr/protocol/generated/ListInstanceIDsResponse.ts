// Original file: proto/orchestrator_service.proto


export interface ListInstanceIDsResponse {
  'instanceIds'?: (string)[];
}

export interface ListInstanceIDsResponse__Output {
  'instanceIds'?: (string)[];
}

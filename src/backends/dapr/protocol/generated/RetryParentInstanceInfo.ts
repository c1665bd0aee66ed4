// Original file: proto/orchestration.proto


export interface RetryParentInstanceInfo {
  'instanceID'?: (string);
}

export interface RetryParentInstanceInfo__Output {
  'instanceID'?: (string);
}

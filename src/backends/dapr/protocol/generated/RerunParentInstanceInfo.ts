// Original file: proto/orchestration.proto


export interface RerunParentInstanceInfo {
  'instanceID'?: (string);
}

export interface RerunParentInstanceInfo__Output {
  'instanceID'?: (string);
}

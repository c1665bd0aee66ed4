// Original file: proto/orchestration.proto


export interface TaskRouter {
  'sourceAppID'?: (string);
}

export interface TaskRouter__Output {
  'sourceAppID'?: (string);
}

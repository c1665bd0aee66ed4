// Original file: proto/orchestration.proto


export interface WorkflowVersion {
  'patches'?: (string)[];
}

export interface WorkflowVersion__Output {
  'patches'?: (string)[];
}

// Original file: proto/orchestration.proto


export interface WorkflowVersion {
  'patches'?: (string)[];
  'name'?: (string);
}

export interface WorkflowVersion__Output {
  'patches'?: (string)[];
  'name'?: (string);
}

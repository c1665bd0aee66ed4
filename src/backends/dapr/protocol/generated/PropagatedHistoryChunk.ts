// Original file: proto/history_events.proto


export interface PropagatedHistoryChunk {
  'rawEvents'?: (Buffer | Uint8Array | string)[];
  'appId'?: (string);
  'instanceId'?: (string);
  'workflowName'?: (string);
  'rawSignatures'?: (Buffer | Uint8Array | string)[];
  'signingCertChains'?: (Buffer | Uint8Array | string)[];
}

export interface PropagatedHistoryChunk__Output {
  'rawEvents'?: (Buffer)[];
  'appId'?: (string);
  'instanceId'?: (string);
  'workflowName'?: (string);
  'rawSignatures'?: (Buffer)[];
  'signingCertChains'?: (Buffer)[];
}

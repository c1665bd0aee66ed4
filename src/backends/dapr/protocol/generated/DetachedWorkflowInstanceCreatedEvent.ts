// Original file: proto/history_events.proto


export interface DetachedWorkflowInstanceCreatedEvent {
  'instanceId'?: (string);
}

export interface DetachedWorkflowInstanceCreatedEvent__Output {
  'instanceId'?: (string);
}

// Original file: proto/history_events.proto

import type { WorkflowVersion as _WorkflowVersion, WorkflowVersion__Output as _WorkflowVersion__Output } from './WorkflowVersion';

export interface WorkflowStartedEvent {
  'version'?: (_WorkflowVersion | null);
}

export interface WorkflowStartedEvent__Output {
  'version'?: (_WorkflowVersion__Output);
}

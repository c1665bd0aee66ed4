// Original file: proto/history_events.proto

import type { TaskFailureDetails as _TaskFailureDetails, TaskFailureDetails__Output as _TaskFailureDetails__Output } from './TaskFailureDetails';

export interface ChildWorkflowInstanceFailedEvent {
  'taskScheduledId'?: (number);
  'failureDetails'?: (_TaskFailureDetails | null);
}

export interface ChildWorkflowInstanceFailedEvent__Output {
  'taskScheduledId'?: (number);
  'failureDetails'?: (_TaskFailureDetails__Output);
}

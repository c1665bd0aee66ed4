// Original file: proto/history_events.proto

import type { TaskFailureDetails as _TaskFailureDetails, TaskFailureDetails__Output as _TaskFailureDetails__Output } from './TaskFailureDetails';

export interface TaskFailedEvent {
  'taskScheduledId'?: (number);
  'failureDetails'?: (_TaskFailureDetails | null);
  'taskExecutionId'?: (string);
}

export interface TaskFailedEvent__Output {
  'taskScheduledId'?: (number);
  'failureDetails'?: (_TaskFailureDetails__Output);
  'taskExecutionId'?: (string);
}

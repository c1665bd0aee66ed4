// Original file: proto/history_events.proto

import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from './google/protobuf/Timestamp';
import type { ExecutionStartedEvent as _ExecutionStartedEvent, ExecutionStartedEvent__Output as _ExecutionStartedEvent__Output } from './ExecutionStartedEvent';
import type { ExecutionCompletedEvent as _ExecutionCompletedEvent, ExecutionCompletedEvent__Output as _ExecutionCompletedEvent__Output } from './ExecutionCompletedEvent';
import type { ExecutionTerminatedEvent as _ExecutionTerminatedEvent, ExecutionTerminatedEvent__Output as _ExecutionTerminatedEvent__Output } from './ExecutionTerminatedEvent';
import type { TaskScheduledEvent as _TaskScheduledEvent, TaskScheduledEvent__Output as _TaskScheduledEvent__Output } from './TaskScheduledEvent';
import type { TaskCompletedEvent as _TaskCompletedEvent, TaskCompletedEvent__Output as _TaskCompletedEvent__Output } from './TaskCompletedEvent';
import type { TaskFailedEvent as _TaskFailedEvent, TaskFailedEvent__Output as _TaskFailedEvent__Output } from './TaskFailedEvent';
import type { ChildWorkflowInstanceCreatedEvent as _ChildWorkflowInstanceCreatedEvent, ChildWorkflowInstanceCreatedEvent__Output as _ChildWorkflowInstanceCreatedEvent__Output } from './ChildWorkflowInstanceCreatedEvent';
import type { ChildWorkflowInstanceCompletedEvent as _ChildWorkflowInstanceCompletedEvent, ChildWorkflowInstanceCompletedEvent__Output as _ChildWorkflowInstanceCompletedEvent__Output } from './ChildWorkflowInstanceCompletedEvent';
import type { ChildWorkflowInstanceFailedEvent as _ChildWorkflowInstanceFailedEvent, ChildWorkflowInstanceFailedEvent__Output as _ChildWorkflowInstanceFailedEvent__Output } from './ChildWorkflowInstanceFailedEvent';
import type { TimerCreatedEvent as _TimerCreatedEvent, TimerCreatedEvent__Output as _TimerCreatedEvent__Output } from './TimerCreatedEvent';
import type { TimerFiredEvent as _TimerFiredEvent, TimerFiredEvent__Output as _TimerFiredEvent__Output } from './TimerFiredEvent';
import type { WorkflowStartedEvent as _WorkflowStartedEvent, WorkflowStartedEvent__Output as _WorkflowStartedEvent__Output } from './WorkflowStartedEvent';
import type { WorkflowCompletedEvent as _WorkflowCompletedEvent, WorkflowCompletedEvent__Output as _WorkflowCompletedEvent__Output } from './WorkflowCompletedEvent';
import type { EventSentEvent as _EventSentEvent, EventSentEvent__Output as _EventSentEvent__Output } from './EventSentEvent';
import type { EventRaisedEvent as _EventRaisedEvent, EventRaisedEvent__Output as _EventRaisedEvent__Output } from './EventRaisedEvent';
import type { ContinueAsNewEvent as _ContinueAsNewEvent, ContinueAsNewEvent__Output as _ContinueAsNewEvent__Output } from './ContinueAsNewEvent';
import type { ExecutionSuspendedEvent as _ExecutionSuspendedEvent, ExecutionSuspendedEvent__Output as _ExecutionSuspendedEvent__Output } from './ExecutionSuspendedEvent';
import type { ExecutionResumedEvent as _ExecutionResumedEvent, ExecutionResumedEvent__Output as _ExecutionResumedEvent__Output } from './ExecutionResumedEvent';
import type { ExecutionStalledEvent as _ExecutionStalledEvent, ExecutionStalledEvent__Output as _ExecutionStalledEvent__Output } from './ExecutionStalledEvent';
import type { DetachedWorkflowInstanceCreatedEvent as _DetachedWorkflowInstanceCreatedEvent, DetachedWorkflowInstanceCreatedEvent__Output as _DetachedWorkflowInstanceCreatedEvent__Output } from './DetachedWorkflowInstanceCreatedEvent';

export interface HistoryEvent {
  'eventId'?: (number);
  'timestamp'?: (_google_protobuf_Timestamp | null);
  'executionStarted'?: (_ExecutionStartedEvent | null);
  'executionCompleted'?: (_ExecutionCompletedEvent | null);
  'executionTerminated'?: (_ExecutionTerminatedEvent | null);
  'taskScheduled'?: (_TaskScheduledEvent | null);
  'taskCompleted'?: (_TaskCompletedEvent | null);
  'taskFailed'?: (_TaskFailedEvent | null);
  'childWorkflowInstanceCreated'?: (_ChildWorkflowInstanceCreatedEvent | null);
  'childWorkflowInstanceCompleted'?: (_ChildWorkflowInstanceCompletedEvent | null);
  'childWorkflowInstanceFailed'?: (_ChildWorkflowInstanceFailedEvent | null);
  'timerCreated'?: (_TimerCreatedEvent | null);
  'timerFired'?: (_TimerFiredEvent | null);
  'workflowStarted'?: (_WorkflowStartedEvent | null);
  'workflowCompleted'?: (_WorkflowCompletedEvent | null);
  'eventSent'?: (_EventSentEvent | null);
  'eventRaised'?: (_EventRaisedEvent | null);
  'continueAsNew'?: (_ContinueAsNewEvent | null);
  'executionSuspended'?: (_ExecutionSuspendedEvent | null);
  'executionResumed'?: (_ExecutionResumedEvent | null);
  'executionStalled'?: (_ExecutionStalledEvent | null);
  'detachedWorkflowInstanceCreated'?: (_DetachedWorkflowInstanceCreatedEvent | null);
  'eventType'?: "executionStarted"|"executionCompleted"|"executionTerminated"|"taskScheduled"|"taskCompleted"|"taskFailed"|"childWorkflowInstanceCreated"|"childWorkflowInstanceCompleted"|"childWorkflowInstanceFailed"|"timerCreated"|"timerFired"|"workflowStarted"|"workflowCompleted"|"eventSent"|"eventRaised"|"continueAsNew"|"executionSuspended"|"executionResumed"|"executionStalled"|"detachedWorkflowInstanceCreated";
}

export interface HistoryEvent__Output {
  'eventId'?: (number);
  'timestamp'?: (_google_protobuf_Timestamp__Output);
  'executionStarted'?: (_ExecutionStartedEvent__Output);
  'executionCompleted'?: (_ExecutionCompletedEvent__Output);
  'executionTerminated'?: (_ExecutionTerminatedEvent__Output);
  'taskScheduled'?: (_TaskScheduledEvent__Output);
  'taskCompleted'?: (_TaskCompletedEvent__Output);
  'taskFailed'?: (_TaskFailedEvent__Output);
  'childWorkflowInstanceCreated'?: (_ChildWorkflowInstanceCreatedEvent__Output);
  'childWorkflowInstanceCompleted'?: (_ChildWorkflowInstanceCompletedEvent__Output);
  'childWorkflowInstanceFailed'?: (_ChildWorkflowInstanceFailedEvent__Output);
  'timerCreated'?: (_TimerCreatedEvent__Output);
  'timerFired'?: (_TimerFiredEvent__Output);
  'workflowStarted'?: (_WorkflowStartedEvent__Output);
  'workflowCompleted'?: (_WorkflowCompletedEvent__Output);
  'eventSent'?: (_EventSentEvent__Output);
  'eventRaised'?: (_EventRaisedEvent__Output);
  'continueAsNew'?: (_ContinueAsNewEvent__Output);
  'executionSuspended'?: (_ExecutionSuspendedEvent__Output);
  'executionResumed'?: (_ExecutionResumedEvent__Output);
  'executionStalled'?: (_ExecutionStalledEvent__Output);
  'detachedWorkflowInstanceCreated'?: (_DetachedWorkflowInstanceCreatedEvent__Output);
  'eventType'?: "executionStarted"|"executionCompleted"|"executionTerminated"|"taskScheduled"|"taskCompleted"|"taskFailed"|"childWorkflowInstanceCreated"|"childWorkflowInstanceCompleted"|"childWorkflowInstanceFailed"|"timerCreated"|"timerFired"|"workflowStarted"|"workflowCompleted"|"eventSent"|"eventRaised"|"continueAsNew"|"executionSuspended"|"executionResumed"|"executionStalled"|"detachedWorkflowInstanceCreated";
}

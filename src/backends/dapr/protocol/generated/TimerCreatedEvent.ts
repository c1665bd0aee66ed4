// Original file: proto/history_events.proto

import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from './google/protobuf/Timestamp';
import type { TimerOriginCreateTimer as _TimerOriginCreateTimer, TimerOriginCreateTimer__Output as _TimerOriginCreateTimer__Output } from './TimerOriginCreateTimer';
import type { TimerOriginExternalEvent as _TimerOriginExternalEvent, TimerOriginExternalEvent__Output as _TimerOriginExternalEvent__Output } from './TimerOriginExternalEvent';
import type { TimerOriginActivityRetry as _TimerOriginActivityRetry, TimerOriginActivityRetry__Output as _TimerOriginActivityRetry__Output } from './TimerOriginActivityRetry';
import type { TimerOriginChildWorkflowRetry as _TimerOriginChildWorkflowRetry, TimerOriginChildWorkflowRetry__Output as _TimerOriginChildWorkflowRetry__Output } from './TimerOriginChildWorkflowRetry';

export interface TimerCreatedEvent {
  'fireAt'?: (_google_protobuf_Timestamp | null);
  'createTimer'?: (_TimerOriginCreateTimer | null);
  'externalEvent'?: (_TimerOriginExternalEvent | null);
  'activityRetry'?: (_TimerOriginActivityRetry | null);
  'childWorkflowRetry'?: (_TimerOriginChildWorkflowRetry | null);
  'origin'?: "createTimer"|"externalEvent"|"activityRetry"|"childWorkflowRetry";
}

export interface TimerCreatedEvent__Output {
  'fireAt'?: (_google_protobuf_Timestamp__Output);
  'createTimer'?: (_TimerOriginCreateTimer__Output);
  'externalEvent'?: (_TimerOriginExternalEvent__Output);
  'activityRetry'?: (_TimerOriginActivityRetry__Output);
  'childWorkflowRetry'?: (_TimerOriginChildWorkflowRetry__Output);
  'origin'?: "createTimer"|"externalEvent"|"activityRetry"|"childWorkflowRetry";
}

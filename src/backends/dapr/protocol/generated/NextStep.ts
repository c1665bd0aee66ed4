// Original file: proto/orchestrator_service.proto

import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from './google/protobuf/Timestamp';
import type { WorkflowResponse as _WorkflowResponse, WorkflowResponse__Output as _WorkflowResponse__Output } from './WorkflowResponse';

/**
 * Weft extension: a workflow step a worker ran at once on an activity's outcome. The step's new events are
 * a WorkflowStarted and the activity's TaskCompleted (or TaskFailed), both stamped startedAt, after the
 * first pastEventCount events of the history; the sidecar takes the step only when that is exactly the
 * step it would send (else it sends its own, and the worker's execution replays).
 */
export interface NextStep {
  'pastEventCount'?: (number);
  'startedAt'?: (_google_protobuf_Timestamp | null);
  'response'?: (_WorkflowResponse | null);
}

/**
 * Weft extension: a workflow step a worker ran at once on an activity's outcome. The step's new events are
 * a WorkflowStarted and the activity's TaskCompleted (or TaskFailed), both stamped startedAt, after the
 * first pastEventCount events of the history; the sidecar takes the step only when that is exactly the
 * step it would send (else it sends its own, and the worker's execution replays).
 */
export interface NextStep__Output {
  'pastEventCount'?: (number);
  'startedAt'?: (_google_protobuf_Timestamp__Output);
  'response'?: (_WorkflowResponse__Output);
}

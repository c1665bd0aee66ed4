// Original file: proto/orchestrator_actions.proto

import type { StringValue as _google_protobuf_StringValue, StringValue__Output as _google_protobuf_StringValue__Output } from './google/protobuf/StringValue';

export interface ScheduleTaskAction {
  'name'?: (string);
  'version'?: (_google_protobuf_StringValue | null);
  'input'?: (_google_protobuf_StringValue | null);
  'taskExecutionId'?: (string);
  /**
   * Weft extension: 1-based attempt number of this scheduling.
   */
  'attempt'?: (number);
}

export interface ScheduleTaskAction__Output {
  'name'?: (string);
  'version'?: (_google_protobuf_StringValue__Output);
  'input'?: (_google_protobuf_StringValue__Output);
  'taskExecutionId'?: (string);
  /**
   * Weft extension: 1-based attempt number of this scheduling.
   */
  'attempt'?: (number);
}

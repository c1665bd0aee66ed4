// Original file: proto/orchestrator_service.proto

import type { StringValue as _google_protobuf_StringValue, StringValue__Output as _google_protobuf_StringValue__Output } from './google/protobuf/StringValue';
import type { TaskFailureDetails as _TaskFailureDetails, TaskFailureDetails__Output as _TaskFailureDetails__Output } from './TaskFailureDetails';

export interface ActivityResponse {
  'instanceId'?: (string);
  'taskId'?: (number);
  'result'?: (_google_protobuf_StringValue | null);
  'failureDetails'?: (_TaskFailureDetails | null);
  'completionToken'?: (string);
}

export interface ActivityResponse__Output {
  'instanceId'?: (string);
  'taskId'?: (number);
  'result'?: (_google_protobuf_StringValue__Output);
  'failureDetails'?: (_TaskFailureDetails__Output);
  'completionToken'?: (string);
}

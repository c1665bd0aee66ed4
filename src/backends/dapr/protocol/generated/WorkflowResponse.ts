// Original file: proto/orchestrator_service.proto

import type { WorkflowAction as _WorkflowAction, WorkflowAction__Output as _WorkflowAction__Output } from './WorkflowAction';
import type { StringValue as _google_protobuf_StringValue, StringValue__Output as _google_protobuf_StringValue__Output } from './google/protobuf/StringValue';
import type { Int32Value as _google_protobuf_Int32Value, Int32Value__Output as _google_protobuf_Int32Value__Output } from './google/protobuf/Int32Value';
import type { WorkflowVersion as _WorkflowVersion, WorkflowVersion__Output as _WorkflowVersion__Output } from './WorkflowVersion';

export interface WorkflowResponse {
  'instanceId'?: (string);
  'actions'?: (_WorkflowAction)[];
  'customStatus'?: (_google_protobuf_StringValue | null);
  'completionToken'?: (string);
  'numEventsProcessed'?: (_google_protobuf_Int32Value | null);
  'version'?: (_WorkflowVersion | null);
}

export interface WorkflowResponse__Output {
  'instanceId'?: (string);
  'actions'?: (_WorkflowAction__Output)[];
  'customStatus'?: (_google_protobuf_StringValue__Output);
  'completionToken'?: (string);
  'numEventsProcessed'?: (_google_protobuf_Int32Value__Output);
  'version'?: (_WorkflowVersion__Output);
}

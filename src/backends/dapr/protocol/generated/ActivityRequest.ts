// Original file: proto/orchestrator_service.proto

import type { StringValue as _google_protobuf_StringValue, StringValue__Output as _google_protobuf_StringValue__Output } from './google/protobuf/StringValue';
import type { WorkflowInstance as _WorkflowInstance, WorkflowInstance__Output as _WorkflowInstance__Output } from './WorkflowInstance';
import type { TraceContext as _TraceContext, TraceContext__Output as _TraceContext__Output } from './TraceContext';

export interface ActivityRequest {
  'name'?: (string);
  'version'?: (_google_protobuf_StringValue | null);
  'input'?: (_google_protobuf_StringValue | null);
  'workflowInstance'?: (_WorkflowInstance | null);
  'taskId'?: (number);
  'parentTraceContext'?: (_TraceContext | null);
  'taskExecutionId'?: (string);
  /**
   * Weft extension: 1-based attempt number.
   */
  'attempt'?: (number);
}

export interface ActivityRequest__Output {
  'name'?: (string);
  'version'?: (_google_protobuf_StringValue__Output);
  'input'?: (_google_protobuf_StringValue__Output);
  'workflowInstance'?: (_WorkflowInstance__Output);
  'taskId'?: (number);
  'parentTraceContext'?: (_TraceContext__Output);
  'taskExecutionId'?: (string);
  /**
   * Weft extension: 1-based attempt number.
   */
  'attempt'?: (number);
}

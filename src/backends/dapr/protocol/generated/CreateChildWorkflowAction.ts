// Original file: proto/orchestrator_actions.proto

import type { StringValue as _google_protobuf_StringValue, StringValue__Output as _google_protobuf_StringValue__Output } from './google/protobuf/StringValue';
import type { TraceContext as _TraceContext, TraceContext__Output as _TraceContext__Output } from './TraceContext';

export interface CreateChildWorkflowAction {
  'instanceId'?: (string);
  'name'?: (string);
  'version'?: (_google_protobuf_StringValue | null);
  'input'?: (_google_protobuf_StringValue | null);
  /**
   * Weft extension: the trace the child continues (daprd ignores it and traces children itself).
   */
  'parentTraceContext'?: (_TraceContext | null);
}

export interface CreateChildWorkflowAction__Output {
  'instanceId'?: (string);
  'name'?: (string);
  'version'?: (_google_protobuf_StringValue__Output);
  'input'?: (_google_protobuf_StringValue__Output);
  /**
   * Weft extension: the trace the child continues (daprd ignores it and traces children itself).
   */
  'parentTraceContext'?: (_TraceContext__Output);
}

// Original file: proto/orchestration.proto

import type { StringValue as _google_protobuf_StringValue, StringValue__Output as _google_protobuf_StringValue__Output } from './google/protobuf/StringValue';

export interface TraceContext {
  'traceParent'?: (string);
  /**
   * @deprecated
   */
  'spanID'?: (string);
  'traceState'?: (_google_protobuf_StringValue | null);
}

export interface TraceContext__Output {
  'traceParent'?: (string);
  /**
   * @deprecated
   */
  'spanID'?: (string);
  'traceState'?: (_google_protobuf_StringValue__Output);
}

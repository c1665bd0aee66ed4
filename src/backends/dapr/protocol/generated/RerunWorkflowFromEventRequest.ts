// Original file: proto/orchestrator_service.proto

import type { StringValue as _google_protobuf_StringValue, StringValue__Output as _google_protobuf_StringValue__Output } from './google/protobuf/StringValue';

export interface RerunWorkflowFromEventRequest {
  'sourceInstanceID'?: (string);
  'eventID'?: (number);
  /**
   * Id of the new instance; the server picks a random one when empty.
   */
  'newInstanceID'?: (string);
  'input'?: (_google_protobuf_StringValue | null);
  'overwriteInput'?: (boolean);
}

export interface RerunWorkflowFromEventRequest__Output {
  'sourceInstanceID'?: (string);
  'eventID'?: (number);
  /**
   * Id of the new instance; the server picks a random one when empty.
   */
  'newInstanceID'?: (string);
  'input'?: (_google_protobuf_StringValue__Output);
  'overwriteInput'?: (boolean);
}

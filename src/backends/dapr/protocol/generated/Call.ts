// Original file: proto/orchestrator_service.proto

import type { Long } from '@grpc/proto-loader';

/**
 * Weft extension: a unary call of this service sent as a message of the Calls stream instead of a call (an
 * HTTP/2 stream) of its own, answered by a CallResult of the same sequence number.
 */
export interface Call {
  'sequence'?: (number | string | Long);
  /**
   * The method's name, e.g. "StartInstance".
   */
  'method'?: (string);
  /**
   * The method's request message, encoded.
   */
  'request'?: (Buffer | Uint8Array | string);
  /**
   * The call's deadline, ms after the sidecar reads the message; 0 for none.
   */
  'timeoutMs'?: (number | string | Long);
}

/**
 * Weft extension: a unary call of this service sent as a message of the Calls stream instead of a call (an
 * HTTP/2 stream) of its own, answered by a CallResult of the same sequence number.
 */
export interface Call__Output {
  'sequence'?: (number);
  /**
   * The method's name, e.g. "StartInstance".
   */
  'method'?: (string);
  /**
   * The method's request message, encoded.
   */
  'request'?: (Buffer);
  /**
   * The call's deadline, ms after the sidecar reads the message; 0 for none.
   */
  'timeoutMs'?: (number);
}

// Original file: proto/orchestrator_service.proto

import type { Long } from '@grpc/proto-loader';

/**
 * Weft extension: how a Call ended, as the status of the call it replaces, with its response.
 */
export interface CallResult {
  'sequence'?: (number | string | Long);
  /**
   * A gRPC status code; 0 (OK) when the call succeeded.
   */
  'code'?: (number);
  'message'?: (string);
  /**
   * Weft's error code (as the weft-error-code trailer of a call), when the answer is an error.
   */
  'errorCode'?: (string);
  /**
   * The method's response message, encoded, when the call succeeded.
   */
  'response'?: (Buffer | Uint8Array | string);
  /**
   * The fields of Weft's error as JSON (as the weft-error-fields-bin trailer of a call), when it has any.
   */
  'errorFields'?: (string);
}

/**
 * Weft extension: how a Call ended, as the status of the call it replaces, with its response.
 */
export interface CallResult__Output {
  'sequence'?: (number);
  /**
   * A gRPC status code; 0 (OK) when the call succeeded.
   */
  'code'?: (number);
  'message'?: (string);
  /**
   * Weft's error code (as the weft-error-code trailer of a call), when the answer is an error.
   */
  'errorCode'?: (string);
  /**
   * The method's response message, encoded, when the call succeeded.
   */
  'response'?: (Buffer);
  /**
   * The fields of Weft's error as JSON (as the weft-error-fields-bin trailer of a call), when it has any.
   */
  'errorFields'?: (string);
}

// Original file: proto/orchestrator_service.proto

import type { Long } from '@grpc/proto-loader';

/**
 * Weft extension: how a TaskCompletion ended, as the status of the call it replaces.
 */
export interface TaskCompletionResult {
  'sequence'?: (number | string | Long);
  /**
   * A gRPC status code; 0 (OK) when the completion was taken.
   */
  'code'?: (number);
  'message'?: (string);
  /**
   * Weft's error code (as the weft-error-code trailer of a call), when the answer is an error.
   */
  'errorCode'?: (string);
  /**
   * The fields of Weft's error as JSON (as the weft-error-fields-bin trailer of a call), when it has any.
   */
  'errorFields'?: (string);
  /**
   * More completions taken (code 0), by sequence number: answers deferred (TaskCompletion.deferAnswer).
   */
  'alsoTaken'?: (number | string | Long)[];
}

/**
 * Weft extension: how a TaskCompletion ended, as the status of the call it replaces.
 */
export interface TaskCompletionResult__Output {
  'sequence'?: (number);
  /**
   * A gRPC status code; 0 (OK) when the completion was taken.
   */
  'code'?: (number);
  'message'?: (string);
  /**
   * Weft's error code (as the weft-error-code trailer of a call), when the answer is an error.
   */
  'errorCode'?: (string);
  /**
   * The fields of Weft's error as JSON (as the weft-error-fields-bin trailer of a call), when it has any.
   */
  'errorFields'?: (string);
  /**
   * More completions taken (code 0), by sequence number: answers deferred (TaskCompletion.deferAnswer).
   */
  'alsoTaken'?: (number)[];
}

import {
  ErrorCodes,
  WorkflowNotFoundError,
  WorkflowNotRunningError,
  WorkflowNotTerminalError,
} from '../../../errors';
import { NO_SUCH_INSTANCE } from '../grpc-errors';
import { GrpcStatus } from '../grpc-status';
import { errorFields, grpcError, GrpcAnswerError } from './grpc-error-response';

/**
 * The answers the reference sidecar (durabletask-go v0.14.0, the engine inside daprd) gives where Weft's
 * engine throws a contract error, so SDKs written against daprd see the same thing from `weft sidecar`.
 * The answers were recorded with `bench/sidecar-parity.ts`; Weft's own client (`DaprSidecarBackend`) keeps
 * its contract errors by checking state itself and by the `weft-error-code` trailer.
 */

/**
 * The error durabletask-go answers for an unknown instance: UNKNOWN with its text, and Weft's
 * WORKFLOW_NOT_FOUND as trailer.
 *
 * @param prefix - what the reference puts before the text (e.g. "failed to purge workflow state: ")
 * @returns the error to throw from a handler
 */
export function noSuchInstance(prefix = ''): GrpcAnswerError {
  return new GrpcAnswerError(
    grpcError(GrpcStatus.UNKNOWN, `${prefix}${NO_SUCH_INSTANCE}`, ErrorCodes.WORKFLOW_NOT_FOUND),
  );
}

/**
 * Runs an operation on an instance, answering an unknown instance as durabletask-go does
 * ({@link noSuchInstance}).
 *
 * @param operation - the engine call
 * @returns its result
 */
export async function unknownAsReference<T>(operation: Promise<T>): Promise<T> {
  try {
    return await operation;
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) throw noSuchInstance();
    throw err;
  }
}

/**
 * Runs a suspend, resume or terminate request; on an instance that already finished it does nothing and
 * answers OK, as durabletask-go (which queues the request and returns once the instance is suspended,
 * running or finished).
 *
 * @param operation - the engine call
 */
export async function finishedAsNoop(operation: Promise<void>): Promise<void> {
  try {
    await operation;
  } catch (err) {
    if (!(err instanceof WorkflowNotRunningError)) throw err;
  }
}

/**
 * Raises an event; one for an instance that finished or does not exist is discarded and answered OK, as
 * durabletask-go (the Python SDK documents such events as silently discarded).
 *
 * @param operation - the engine call
 */
export async function discardedWhenNotRunning(operation: Promise<void>): Promise<void> {
  try {
    await operation;
  } catch (err) {
    if (!(err instanceof WorkflowNotRunningError) && !(err instanceof WorkflowNotFoundError)) throw err;
  }
}

/**
 * Runs a purge, answering one of an instance that has not finished as durabletask-go does (UNKNOWN,
 * "failed to purge workflow state: orchestration has not yet completed"), followed by Weft's message, with
 * WORKFLOW_NOT_TERMINAL as trailer.
 *
 * @param operation - the engine call
 * @returns its result
 */
export async function notTerminalAsReference<T>(operation: Promise<T>): Promise<T> {
  try {
    return await operation;
  } catch (err) {
    if (!(err instanceof WorkflowNotTerminalError)) throw err;
    throw new GrpcAnswerError(
      grpcError(
        GrpcStatus.UNKNOWN,
        `failed to purge workflow state: orchestration has not yet completed (${err.message})`,
        ErrorCodes.WORKFLOW_NOT_TERMINAL,
        errorFields(err),
      ),
    );
  }
}

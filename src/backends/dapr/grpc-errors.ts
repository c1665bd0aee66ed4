import type { ServiceError } from '@grpc/grpc-js';
import {
  ErrorCodes,
  NonDeterminismError,
  RegistrationError,
  StorageError,
  TimeoutError,
  TooManyPendingEventsError,
  ValidationError,
  WorkflowAlreadyExistsError,
  WorkflowNotFoundError,
  WorkflowNotRunningError,
  WorkflowNotTerminalError,
} from '../../errors';
import type { ErrorCode, PendingEventsState } from '../../errors';
import { GrpcStatus } from './grpc-status';
import type { GrpcStatusCode } from './grpc-status';

/**
 * What durabletask-go (the engine inside daprd) answers, with gRPC status UNKNOWN, for a call about an
 * instance that does not exist (v0.14.0: Suspend/Resume/Terminate, WaitForInstance*, PurgeInstances
 * prefixed "failed to purge workflow state: "). SDKs match on this text.
 */
export const NO_SUCH_INSTANCE = 'no such instance exists';

/** Trailer that carries Weft's stable error code next to the gRPC status. */
export const WEFT_ERROR_CODE_HEADER = 'weft-error-code';

/**
 * Trailer that carries the fields of Weft's error (its own properties, e.g. `instanceId`, `pendingEvents`)
 * as UTF-8 JSON, so a Weft client rebuilds the error with them; other clients see only the status and
 * message. A binary (`-bin`) trailer: the fields hold what callers sent (an instance id may be any text),
 * and a text trailer may carry only printable ASCII (grpc-js throws on anything else).
 */
export const WEFT_ERROR_FIELDS_HEADER = 'weft-error-fields-bin';

/** The one table from Weft error codes to gRPC status codes. */
export const GRPC_STATUS_BY_ERROR_CODE: Readonly<Record<ErrorCode, GrpcStatusCode>> = {
  [ErrorCodes.WORKFLOW_NOT_FOUND]: GrpcStatus.NOT_FOUND,
  [ErrorCodes.WORKFLOW_ALREADY_EXISTS]: GrpcStatus.ALREADY_EXISTS,
  [ErrorCodes.WORKFLOW_NOT_RUNNING]: GrpcStatus.FAILED_PRECONDITION,
  [ErrorCodes.WORKFLOW_NOT_TERMINAL]: GrpcStatus.FAILED_PRECONDITION,
  [ErrorCodes.TASK_FAILED]: GrpcStatus.ABORTED,
  [ErrorCodes.NON_RETRYABLE]: GrpcStatus.ABORTED,
  [ErrorCodes.NON_DETERMINISM]: GrpcStatus.INTERNAL,
  [ErrorCodes.TIMEOUT]: GrpcStatus.DEADLINE_EXCEEDED,
  [ErrorCodes.VALIDATION]: GrpcStatus.INVALID_ARGUMENT,
  [ErrorCodes.REGISTRATION]: GrpcStatus.FAILED_PRECONDITION,
  [ErrorCodes.STORAGE]: GrpcStatus.UNAVAILABLE,
  [ErrorCodes.TOO_MANY_PENDING_EVENTS]: GrpcStatus.RESOURCE_EXHAUSTED,
};

/** True for a value that looks like a grpc-js call error. */
export function isServiceError(err: unknown): err is ServiceError {
  return err instanceof Error && typeof (err as Partial<ServiceError>).code === 'number';
}

/** The error's fields a Weft sidecar sent (its `weft-error-fields-bin` trailer), empty when none or unreadable. */
function fieldsOf(err: ServiceError): Record<string, unknown> {
  const json = err.metadata?.get(WEFT_ERROR_FIELDS_HEADER)[0]?.toString('utf8');
  if (!json) return {};
  try {
    const fields: unknown = JSON.parse(json);
    return fields && typeof fields === 'object' && !Array.isArray(fields)
      ? (fields as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const count = (value: unknown): number | undefined => (typeof value === 'number' ? value : undefined);

/** The pending-events state of a TOO_MANY_PENDING_EVENTS answer, when its fields are all there. */
function pendingEventsState(
  fields: Record<string, unknown>,
  instanceId: string,
): PendingEventsState | undefined {
  const state = {
    instanceId: text(fields.instanceId) ?? instanceId,
    pendingEvents: count(fields.pendingEvents),
    pendingBytes: count(fields.pendingBytes),
    eventBytes: count(fields.eventBytes),
    maxPendingEvents: count(fields.maxPendingEvents),
    maxPendingEventBytes: count(fields.maxPendingEventBytes),
  };
  return Object.values(state).every((v) => v !== undefined) ? (state as PendingEventsState) : undefined;
}

/**
 * Turns a failed call into the matching Weft error: the trailer's code when the server is Weft (with the
 * error's fields from its fields trailer), else by gRPC status (a real daprd). Errors without a Weft
 * meaning are returned as they are.
 *
 * @param err - the call's error
 * @param instanceId - the instance the call was about, for messages
 * @returns the error to throw
 */
export function fromGrpcError(err: unknown, instanceId = ''): Error {
  if (!isServiceError(err)) return err instanceof Error ? err : new Error(String(err));
  const weftCode = err.metadata?.get(WEFT_ERROR_CODE_HEADER)[0]?.toString() as ErrorCode | undefined;
  const message = err.details || err.message;
  const fields = fieldsOf(err);
  const id = text(fields.instanceId) ?? instanceId;
  const withMessage = <E extends Error>(e: E, text = message): E => {
    e.message = text;
    (e as { cause?: unknown }).cause = err;
    return e;
  };
  switch (weftCode ?? codeForStatus(err.code, message)) {
    case ErrorCodes.WORKFLOW_NOT_FOUND:
      // daprd's text ("no such instance exists") names no instance: say which.
      return withMessage(
        new WorkflowNotFoundError(message, text(fields.instanceId) ? { instanceId: id } : {}),
        instanceId && message.includes(NO_SUCH_INSTANCE)
          ? `No workflow instance with id '${instanceId}' exists.`
          : message,
      );
    case ErrorCodes.WORKFLOW_ALREADY_EXISTS:
      return withMessage(new WorkflowAlreadyExistsError(id, text(fields.liveInstanceId) ?? id));
    case ErrorCodes.WORKFLOW_NOT_RUNNING:
      return withMessage(new WorkflowNotRunningError(id, text(fields.status) ?? 'not running', 'change'));
    case ErrorCodes.WORKFLOW_NOT_TERMINAL:
      // Weft's sidecar sends daprd's text with its own in parentheses: keep Weft's.
      return withMessage(
        new WorkflowNotTerminalError(
          id,
          text(fields.status) ?? 'not terminal',
          text(fields.purgedInstanceId) ?? id,
        ),
        /\((Cannot purge .*)\)$/s.exec(message)?.[1] ?? message,
      );
    case ErrorCodes.TIMEOUT:
      return withMessage(new TimeoutError(message));
    case ErrorCodes.VALIDATION:
      return withMessage(new ValidationError(message, fields.details));
    case ErrorCodes.REGISTRATION:
      return withMessage(new RegistrationError(message));
    case ErrorCodes.NON_DETERMINISM:
      return withMessage(
        new NonDeterminismError(message, {
          instanceId: text(fields.instanceId),
          step: count(fields.step),
          expected: text(fields.expected),
          actual: text(fields.actual),
        }),
      );
    case ErrorCodes.TOO_MANY_PENDING_EVENTS: {
      // An older Weft sidecar sends the code without the fields: the plain error then.
      const state = pendingEventsState(fields, instanceId);
      return state ? withMessage(new TooManyPendingEventsError(state)) : err;
    }
    case ErrorCodes.STORAGE:
      return new StorageError(`The Dapr sidecar is unavailable: ${message}`, { cause: err });
    default:
      return err;
  }
}

/** The Weft code a gRPC status (and daprd's text) means when the server sent none (daprd). */
function codeForStatus(code: number, message: string): ErrorCode | undefined {
  switch (code) {
    case GrpcStatus.UNKNOWN:
      return message.includes(NO_SUCH_INSTANCE) ? ErrorCodes.WORKFLOW_NOT_FOUND : undefined;
    case GrpcStatus.NOT_FOUND:
      return ErrorCodes.WORKFLOW_NOT_FOUND;
    case GrpcStatus.ALREADY_EXISTS:
      return ErrorCodes.WORKFLOW_ALREADY_EXISTS;
    case GrpcStatus.DEADLINE_EXCEEDED:
      return ErrorCodes.TIMEOUT;
    case GrpcStatus.INVALID_ARGUMENT:
      return ErrorCodes.VALIDATION;
    default:
      return undefined;
  }
}

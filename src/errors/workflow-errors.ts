import { ErrorCodes } from './codes';
import { WeftError } from './weft-error';

/** A workflow instance, workflow name or activity name that does not exist. */
export class WorkflowNotFoundError extends WeftError {
  /** The instance looked for, when an instance (not a workflow or activity name) was missing. */
  readonly instanceId?: string;

  /**
   * @param message - names what was looked for
   * @param fields - `instanceId` when the missing thing is an instance
   */
  constructor(message: string, fields: { instanceId?: string } = {}) {
    super(ErrorCodes.WORKFLOW_NOT_FOUND, message);
    if (fields.instanceId !== undefined) this.instanceId = fields.instanceId;
  }
}

/** An instance id that a non-terminal instance already uses. */
export class WorkflowAlreadyExistsError extends WeftError {
  /**
   * @param instanceId - the id in use
   * @param liveInstanceId - what has not finished: the instance itself (default) or a descendant of the
   *   earlier run with this id (an id is reusable only once the whole family has finished)
   */
  constructor(
    readonly instanceId: string,
    readonly liveInstanceId: string = instanceId,
  ) {
    super(
      ErrorCodes.WORKFLOW_ALREADY_EXISTS,
      liveInstanceId === instanceId
        ? `Workflow instance '${instanceId}' already exists and has not finished; choose another id or wait for it to finish.`
        : `Workflow instance id '${instanceId}' is in use: '${liveInstanceId}', a descendant of its earlier run, has not finished; choose another id, or wait for it to finish or terminate it.`,
    );
  }
}

/** Raise-event, suspend, resume or terminate aimed at an instance that has finished. */
export class WorkflowNotRunningError extends WeftError {
  /**
   * @param instanceId - the instance
   * @param status - its current status
   * @param operation - what was attempted
   */
  constructor(
    readonly instanceId: string,
    readonly status: string,
    operation: string,
  ) {
    super(
      ErrorCodes.WORKFLOW_NOT_RUNNING,
      `Cannot ${operation} workflow instance '${instanceId}': it is ${status}.`,
    );
  }
}

/** Purge of an instance that has not reached a terminal status. */
export class WorkflowNotTerminalError extends WeftError {
  /**
   * @param instanceId - the instance that has not finished
   * @param status - its current status
   * @param purgedInstanceId - the instance whose purge was refused, when `instanceId` is a descendant of it
   */
  constructor(
    readonly instanceId: string,
    readonly status: string,
    readonly purgedInstanceId: string = instanceId,
  ) {
    super(
      ErrorCodes.WORKFLOW_NOT_TERMINAL,
      purgedInstanceId === instanceId
        ? `Cannot purge workflow instance '${instanceId}': it is ${status}. Terminate it first or wait for it to finish.`
        : `Cannot purge workflow instance '${purgedInstanceId}': its descendant '${instanceId}' is ${status}. Terminate it first, wait for it to finish, or purge with force.`,
    );
  }
}

/** Where a failed task came from: the failure as recorded in history. */
export interface FailureDetails {
  /** The error's class name, e.g. `TypeError`. */
  errorType: string;
  /** The error's message. */
  message: string;
  /** The stack trace, when there was one. */
  stackTrace?: string;
  /** True when the failure must not be retried ({@link NonRetryableError}). */
  isNonRetriable?: boolean;
}

/** An activity or child workflow that failed after its retries were spent. */
export class TaskFailedError extends WeftError {
  /**
   * @param message - what failed
   * @param details - the failure recorded in history
   */
  constructor(
    message: string,
    readonly details: FailureDetails,
  ) {
    super(ErrorCodes.TASK_FAILED, message);
  }
}

/** Thrown by an activity to fail it at once, without retries. */
export class NonRetryableError extends WeftError {
  /** @param message - why the activity failed */
  constructor(message: string, options?: { cause?: unknown }) {
    super(ErrorCodes.NON_RETRYABLE, message, options);
  }
}

/** Replayed workflow code asked for a different step than history recorded. */
export class NonDeterminismError extends WeftError {
  /** The instance whose replay diverged, when known. */
  readonly instanceId?: string;
  /** The step (sequence number) at which it diverged, when known. */
  readonly step?: number;
  /** What history recorded at that step, e.g. `activity 'ProcessPayment'`. */
  readonly expected?: string;
  /** What the code asked for instead, e.g. `activity 'ChargeCard'` (absent: nothing). */
  readonly actual?: string;

  /**
   * @param message - names the step, what history recorded and what the code did
   * @param fields - the same facts as fields, for programs
   */
  constructor(
    message: string,
    fields: { instanceId?: string; step?: number; expected?: string; actual?: string } = {},
  ) {
    super(ErrorCodes.NON_DETERMINISM, message);
    Object.assign(this, fields);
  }
}

/** A wait that ended before its condition held. */
export class TimeoutError extends WeftError {
  /** @param message - what was waited for, and how long */
  constructor(message: string) {
    super(ErrorCodes.TIMEOUT, message);
  }
}

/** Input that Weft refuses before storing anything: not JSON, too large, malformed. */
export class ValidationError extends WeftError {
  /**
   * @param message - what is wrong with the input
   * @param details - optional structured detail, e.g. failed constraints
   */
  constructor(
    message: string,
    readonly details?: unknown,
  ) {
    super(ErrorCodes.VALIDATION, message);
  }
}

/** A registration problem found at start-up: duplicate names, missing `run`, late registration. */
export class RegistrationError extends WeftError {
  /** @param message - names the classes involved */
  constructor(message: string) {
    super(ErrorCodes.REGISTRATION, message);
  }
}

/** The storage could not be opened or used: unwritable path, corrupt file, newer schema. */
export class StorageError extends WeftError {
  /** @param message - what is wrong with the storage and what to do */
  constructor(message: string, options?: { cause?: unknown }) {
    super(ErrorCodes.STORAGE, message, options);
  }
}

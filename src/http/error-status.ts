import type { ErrorCode } from '../errors';
import { ErrorCodes, WeftError } from '../errors';

/** Codes the HTTP layer adds to the contract's {@link ErrorCodes}: no such route, and an unexpected failure. */
export const HttpErrorCodes = {
  ROUTE_NOT_FOUND: 'ROUTE_NOT_FOUND',
  INTERNAL: 'INTERNAL',
} as const;

/** Every code an HTTP error answer can carry. */
export type HttpErrorCode = ErrorCode | (typeof HttpErrorCodes)[keyof typeof HttpErrorCodes];

/**
 * The one table from error code to HTTP status. User input maps to 4xx; only failures of the service
 * itself map to 5xx.
 */
export const ERROR_STATUS: Readonly<Record<HttpErrorCode, number>> = {
  [ErrorCodes.WORKFLOW_NOT_FOUND]: 404,
  [ErrorCodes.WORKFLOW_ALREADY_EXISTS]: 409,
  [ErrorCodes.WORKFLOW_NOT_RUNNING]: 409,
  [ErrorCodes.WORKFLOW_NOT_TERMINAL]: 409,
  [ErrorCodes.VALIDATION]: 400,
  [ErrorCodes.TIMEOUT]: 504,
  [ErrorCodes.TASK_FAILED]: 500,
  [ErrorCodes.NON_RETRYABLE]: 500,
  [ErrorCodes.NON_DETERMINISM]: 500,
  [ErrorCodes.REGISTRATION]: 500,
  [ErrorCodes.STORAGE]: 503,
  // A quota on one instance that drains as the workflow consumes its events: "back off and retry", as
  // gRPC's RESOURCE_EXHAUSTED maps to HTTP. Not 409 (the instance's state is fine, clients rarely retry a
  // conflict) nor 413 (the body itself is within limits).
  [ErrorCodes.TOO_MANY_PENDING_EVENTS]: 429,
  [HttpErrorCodes.ROUTE_NOT_FOUND]: 404,
  [HttpErrorCodes.INTERNAL]: 500,
};

/** The JSON body of every error answer of the generic routes: `{ error: { code, message, details? } }`. */
export interface ErrorResponseBody {
  error: {
    /** A stable code: one of the contract's error codes, `ROUTE_NOT_FOUND` or `INTERNAL`. */
    code: HttpErrorCode;
    /** What failed, for people. */
    message: string;
    /** Structured detail, e.g. the failed constraints of a DTO, and an example body. */
    details?: unknown;
  };
}

/**
 * An error the HTTP layer raises itself, with the status to answer (e.g. 413 or 415 for a body that Weft
 * refuses, which is still a `VALIDATION` error).
 */
export class HttpStatusError extends Error {
  /**
   * @param status - the HTTP status to answer
   * @param code - the stable code in the body
   * @param message - what is wrong with the request
   * @param details - structured detail for the body
   */
  constructor(
    readonly status: number,
    readonly code: HttpErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'HttpStatusError';
  }
}

/** An error answer: the status, the body, headers to set, and whether it was an unexpected failure (to be logged). */
export interface ErrorResponse {
  status: number;
  body: ErrorResponseBody;
  /** Extra headers, e.g. `Retry-After` on a 503. */
  headers?: Record<string, string>;
  unexpected: boolean;
}

/**
 * Seconds a client is asked to wait (`Retry-After`) before retrying a call refused with 503 `STORAGE`
 * (disk full, read-only file, database lost, sidecar down). Safe to retry with the same `instanceId`.
 */
export const STORAGE_RETRY_AFTER_SECONDS = 5;

/** The fields body-parser puts on the errors it raises. */
interface BodyParserError {
  type: string;
  status?: number;
  message: string;
  length?: number;
  limit?: number;
}

/**
 * Turns anything thrown while serving a request into an answer. Coded Weft errors and body-parser errors
 * keep their meaning; anything else becomes a 500 whose message never includes the original error or its stack.
 *
 * @param err - what was thrown
 * @returns the status and JSON body to send
 */
export function toErrorResponse(err: unknown): ErrorResponse {
  if (err instanceof HttpStatusError) {
    return answer(err.status, err.code, err.message, err.details);
  }
  if (err instanceof WeftError) {
    const status = ERROR_STATUS[err.code] ?? 500;
    const details = 'details' in err ? (err as { details?: unknown }).details : undefined;
    if (err.code === ErrorCodes.STORAGE) return storageUnavailable();
    // A timeout answers the caller's own `?wait=` (the change may still take effect): say what did not show.
    if (err.code === ErrorCodes.TIMEOUT) return answer(status, err.code, err.message);
    if (status >= 500) return internal(err.code);
    return answer(status, err.code, err.message, details);
  }
  const parserError = asBodyParserError(err);
  if (parserError) return fromBodyParser(parserError);
  const clientStatus = clientErrorStatus(err);
  if (clientStatus !== undefined) {
    return answer(
      clientStatus,
      ErrorCodes.VALIDATION,
      `The request is malformed: ${(err as Error).message}.`,
    );
  }
  return internal(HttpErrorCodes.INTERNAL);
}

/** The 4xx status Express or its parsers put on an error about the request (e.g. a bad %-escape in the path). */
function clientErrorStatus(err: unknown): number | undefined {
  if (!(err instanceof Error)) return undefined;
  const { status, statusCode } = err as { status?: unknown; statusCode?: unknown };
  const value = typeof status === 'number' ? status : statusCode;
  return typeof value === 'number' && value >= 400 && value < 500 ? value : undefined;
}

function answer(status: number, code: HttpErrorCode, message: string, details?: unknown): ErrorResponse {
  const error: ErrorResponseBody['error'] = { code, message };
  if (details !== undefined) error.details = details;
  return { status, body: { error }, unexpected: false };
}

/**
 * 503 `STORAGE` with `Retry-After`: the storage failed, not the request. The message names no paths or
 * driver errors (the server logs them).
 */
function storageUnavailable(): ErrorResponse {
  return {
    status: ERROR_STATUS[ErrorCodes.STORAGE],
    body: {
      error: {
        code: ErrorCodes.STORAGE,
        message: `Workflow storage is unavailable; the request was not carried out. Retry after ${STORAGE_RETRY_AFTER_SECONDS} s (with the same instanceId, a retried start is safe).`,
      },
    },
    headers: { 'Retry-After': String(STORAGE_RETRY_AFTER_SECONDS) },
    unexpected: true,
  };
}

function internal(code: HttpErrorCode): ErrorResponse {
  return {
    status: ERROR_STATUS[code] ?? 500,
    body: {
      error: {
        code,
        message: 'The server failed to handle this request; the failure was logged. Try again later.',
      },
    },
    unexpected: true,
  };
}

function asBodyParserError(err: unknown): BodyParserError | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const candidate = err as Partial<BodyParserError>;
  if (typeof candidate.type !== 'string' || typeof candidate.message !== 'string') return undefined;
  return candidate as BodyParserError;
}

function fromBodyParser(err: BodyParserError): ErrorResponse {
  switch (err.type) {
    case 'entity.parse.failed':
      return answer(400, ErrorCodes.VALIDATION, `The request body is not valid JSON: ${err.message}`);
    case 'entity.too.large':
      return answer(
        413,
        ErrorCodes.VALIDATION,
        `The request body is ${err.length ?? 'more than the limit of'} bytes, over the limit of ${err.limit} bytes.`,
      );
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return answer(415, ErrorCodes.VALIDATION, `${err.message}. Send UTF-8 JSON.`);
    case 'request.aborted':
    case 'request.size.invalid':
    case 'stream.encoding.set':
      return answer(400, ErrorCodes.VALIDATION, `The request body could not be read: ${err.message}.`);
    default:
      if (err.status !== undefined && err.status >= 400 && err.status < 500) {
        return answer(err.status, ErrorCodes.VALIDATION, err.message);
      }
      return internal(HttpErrorCodes.INTERNAL);
  }
}

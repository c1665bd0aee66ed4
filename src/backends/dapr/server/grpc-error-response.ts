import { Metadata } from '@grpc/grpc-js';
import { WeftError } from '../../../errors';
import type { ErrorCode } from '../../../errors';
import { GRPC_STATUS_BY_ERROR_CODE, WEFT_ERROR_CODE_HEADER, WEFT_ERROR_FIELDS_HEADER } from '../grpc-errors';
import { GrpcStatus } from '../grpc-status';
import type { GrpcStatusCode } from '../grpc-status';

/** A gRPC error as a server handler passes it to its callback. */
export interface GrpcErrorObject {
  code: GrpcStatusCode;
  details: string;
  metadata: Metadata;
}

/**
 * Longest status message sent, in bytes of UTF-8. The message travels percent-encoded in the `grpc-message`
 * trailer; a trailer over the peer's header-list limit is never delivered and the call hangs, so longer
 * messages are cut.
 */
export const MAX_STATUS_MESSAGE_BYTES = 1024;

/** Largest fields trailer sent, bytes of JSON; an error whose fields are larger goes without them. */
export const MAX_ERROR_FIELDS_BYTES = 2048;

/** Properties every error has: not fields of its own. */
const NOT_FIELDS: ReadonlySet<string> = new Set(['code', 'name', 'message', 'stack', 'cause']);

/**
 * Builds a gRPC error for a server handler.
 *
 * @param code - the gRPC status
 * @param details - a message that says what failed and what to do; cut to {@link MAX_STATUS_MESSAGE_BYTES}
 * @param weftCode - Weft's code, sent as a trailer so Weft clients rebuild the exact error
 * @param fields - the error's fields, sent as JSON in a trailer (left out over {@link MAX_ERROR_FIELDS_BYTES})
 * @returns the error object
 */
export function grpcError(
  code: GrpcStatusCode,
  details: string,
  weftCode?: ErrorCode,
  fields?: Record<string, unknown>,
): GrpcErrorObject {
  const metadata = new Metadata();
  if (weftCode) metadata.set(WEFT_ERROR_CODE_HEADER, weftCode);
  const json = fields && Object.keys(fields).length > 0 ? JSON.stringify(fields) : undefined;
  if (json && Buffer.byteLength(json, 'utf8') <= MAX_ERROR_FIELDS_BYTES) {
    metadata.set(WEFT_ERROR_FIELDS_HEADER, Buffer.from(json, 'utf8'));
  }
  return { code, details: cutToBytes(details, MAX_STATUS_MESSAGE_BYTES), metadata };
}

/**
 * A Weft error's own fields (e.g. `instanceId`, `pendingEvents`, a NonDeterminismError's `expected`), the ones
 * JSON can carry.
 *
 * @param err - the error
 * @returns its fields by name
 */
export function errorFields(err: WeftError): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(err)) {
    if (NOT_FIELDS.has(name) || value === undefined || typeof value === 'function') continue;
    fields[name] = value;
  }
  return fields;
}

/**
 * The trailers of an error as the fields of a `CallResult` / `TaskCompletionResult` (Weft's code and fields).
 *
 * @param err - the error
 * @returns `errorCode` and `errorFields`, each left out when absent
 */
export function errorTrailers(err: GrpcErrorObject): { errorCode?: string; errorFields?: string } {
  const errorCode = err.metadata?.get(WEFT_ERROR_CODE_HEADER)[0]?.toString();
  const errorFields = err.metadata?.get(WEFT_ERROR_FIELDS_HEADER)[0]?.toString('utf8');
  return { ...(errorCode && { errorCode }), ...(errorFields && { errorFields }) };
}

/** Thrown by a handler to answer with exactly this status (see `reference-answers.ts`). */
export class GrpcAnswerError extends Error {
  /** @param answer - the status, message and trailers to send */
  constructor(readonly answer: GrpcErrorObject) {
    super(answer.details);
  }
}

/**
 * Turns whatever a handler threw into a gRPC error: a {@link GrpcAnswerError} as it is, Weft errors
 * through the table, anything else INTERNAL.
 *
 * @param err - the thrown value
 * @returns the gRPC error
 */
export function toGrpcError(err: unknown): GrpcErrorObject {
  if (err instanceof GrpcAnswerError) return err.answer;
  if (err instanceof WeftError) {
    return grpcError(GRPC_STATUS_BY_ERROR_CODE[err.code], err.message, err.code, errorFields(err));
  }
  return grpcError(GrpcStatus.INTERNAL, err instanceof Error ? err.message : String(err));
}

/** The text cut (at a character boundary) to at most `maxBytes` bytes of UTF-8, marked with `…` when cut. */
function cutToBytes(text: string, maxBytes: number): string {
  if (Buffer.byteLength(text, 'utf8') <= maxBytes) return text;
  let cut = Buffer.from(text, 'utf8')
    .subarray(0, maxBytes - 3)
    .toString('utf8');
  if (cut.endsWith('\uFFFD')) cut = cut.slice(0, -1);
  return `${cut}…`;
}

import type { MethodDefinition, ServiceDefinition } from '@grpc/grpc-js';
import { ErrorCodes, ValidationError } from '../../../errors';
import { jsonTextNestsDeeperThan, LIMITS, quoteInput } from '../../../core/limits';
import { GrpcStatus } from '../grpc-status';
import type { WireStringValue } from '../protocol/wire-types';
import { grpcError, toGrpcError } from './grpc-error-response';
import type { GrpcErrorObject } from './grpc-error-response';

/** Marks a request grpc-js could not decode; the handler answers INVALID_ARGUMENT instead of grpc-js's INTERNAL. */
const UNDECODABLE = Symbol('weft.undecodable');

/** What the tolerant deserializer hands the handler for bytes that are not a valid message. */
interface UndecodableRequest {
  [UNDECODABLE]: string;
}

/** Top-level request fields that hold an instance id (or a completion token, which the dispatcher looks up). */
const ID_FIELDS = ['instanceId', 'sourceInstanceID', 'newInstanceID', 'completionToken'] as const;
/** Top-level request fields that hold a workflow or event name. */
const NAME_FIELDS = ['name'] as const;
/** Top-level request fields that hold a JSON payload in a `StringValue`. */
const PAYLOAD_FIELDS = ['input', 'output', 'reason', 'result', 'customStatus'] as const;

/**
 * A copy of a service definition whose request deserializers never throw: bytes that do not decode become
 * a marker that {@link undecodableMessage} recognises, so the handler can answer INVALID_ARGUMENT (grpc-js
 * itself answers INTERNAL when a deserializer throws).
 *
 * @param service - the service as loaded from the `.proto` files
 * @returns the same service with tolerant request deserializers
 */
export function withTolerantDeserializers<S extends ServiceDefinition>(service: S): S {
  const copy: Record<string, MethodDefinition<unknown, unknown>> = {};
  for (const [method, definition] of Object.entries(service)) {
    const decode = definition.requestDeserialize;
    copy[method] = {
      ...definition,
      requestDeserialize: (bytes: Buffer): unknown => {
        try {
          return decode(bytes);
        } catch (err) {
          const undecodable: UndecodableRequest = {
            [UNDECODABLE]: `The ${method} request (${bytes.length} bytes) is not a valid protobuf message: ${(err as Error).message}.`,
          };
          return undecodable;
        }
      },
    };
  }
  return copy as S;
}

/**
 * The reason a request could not be decoded, or undefined when it was decoded.
 *
 * @param request - what the (tolerant) deserializer produced
 * @returns a message for an INVALID_ARGUMENT answer
 */
export function undecodableMessage(request: unknown): string | undefined {
  if (typeof request !== 'object' || request === null || !(UNDECODABLE in request)) return undefined;
  return (request as UndecodableRequest)[UNDECODABLE];
}

/**
 * Checks a decoded request against {@link LIMITS} before any work is done: ids and tokens up to
 * {@link LIMITS.instanceIdLength} characters, names up to {@link LIMITS.nameLength}, payloads up to
 * {@link LIMITS.payloadBytes} bytes (JSON ones nesting at most {@link LIMITS.jsonDepth} levels), and at most
 * {@link LIMITS.actionsPerStep} actions in a workflow step. The client enforces the same limits, so a
 * Weft client never meets these errors.
 *
 * @param request - the decoded request
 * @throws {@link ValidationError} naming the field and the limit; values are quoted cut short
 */
export function checkRequestLimits(request: object): void {
  const fields = request as Record<string, unknown>;
  for (const field of ID_FIELDS) {
    const value = fields[field];
    if (typeof value === 'string' && value.length > LIMITS.instanceIdLength) {
      throw new ValidationError(
        `The request's ${field} has ${value.length} characters, over the limit of ${LIMITS.instanceIdLength}: ${quoteInput(value, 32)}.`,
      );
    }
  }
  for (const field of NAME_FIELDS) {
    const value = fields[field];
    if (typeof value === 'string' && value.length > LIMITS.nameLength) {
      throw new ValidationError(
        `The request's ${field} has ${value.length} characters, over the limit of ${LIMITS.nameLength}: ${quoteInput(value, 32)}.`,
      );
    }
  }
  for (const field of PAYLOAD_FIELDS) {
    const text = (fields[field] as WireStringValue | null | undefined)?.value;
    if (typeof text !== 'string') continue;
    const bytes = Buffer.byteLength(text, 'utf8');
    if (bytes > LIMITS.payloadBytes) {
      throw new ValidationError(
        `The request's ${field} is ${bytes} bytes, over the payload limit of ${LIMITS.payloadBytes} bytes.`,
      );
    }
    if (field !== 'reason' && jsonTextNestsDeeperThan(text, LIMITS.jsonDepth)) {
      throw new ValidationError(
        `The request's ${field} nests arrays and objects more than ${LIMITS.jsonDepth} levels deep, over the limit of ${LIMITS.jsonDepth}.`,
      );
    }
  }
  const actions = fields.actions;
  if (Array.isArray(actions) && actions.length > LIMITS.actionsPerStep) {
    throw new ValidationError(
      `The workflow step reports ${actions.length} actions, over the limit of ${LIMITS.actionsPerStep} per step; split the work over several steps.`,
    );
  }
}

/**
 * INVALID_ARGUMENT (Weft code `VALIDATION`) for a request that did not decode or breaks a limit.
 *
 * @param request - the decoded request (or the tolerant deserializer's marker)
 * @returns the status to end the call with, or undefined when the request may be served
 */
export function refusedInput(request: unknown): GrpcErrorObject | undefined {
  const undecodable = undecodableMessage(request);
  if (undecodable) return grpcError(GrpcStatus.INVALID_ARGUMENT, undecodable, ErrorCodes.VALIDATION);
  try {
    checkRequestLimits(request as object);
    return undefined;
  } catch (err) {
    return toGrpcError(err);
  }
}

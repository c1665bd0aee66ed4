import type { Deadline, handleBidiStreamingCall, Metadata, MethodDefinition } from '@grpc/grpc-js';
import { ErrorCodes } from '../../../errors';
import { LIMITS } from '../../../core/limits';
import { GrpcStatus } from '../grpc-status';
import { loadSidecarService } from '../protocol/load-protocol';
import type { WireCall, WireCallResult } from '../protocol/wire-types';
import { errorTrailers, grpcError, MAX_STATUS_MESSAGE_BYTES } from './grpc-error-response';
import type { GrpcErrorObject } from './grpc-error-response';
import { undecodableMessage } from './request-limits';

/**
 * Most calls one `Calls` stream may have waiting for an answer (`LIMITS.callsInFlightPerStream`); more are refused
 * with RESOURCE_EXHAUSTED until answers come back. A stream is one client's connection: this bounds what one
 * client holds on the server, as HTTP/2's concurrent-stream limit would bound its unary calls.
 */
export const MAX_CALLS_IN_FLIGHT = LIMITS.callsInFlightPerStream;

/** What a handler body reads of its call: the deadline and whether the caller went away. */
export interface CallContext {
  /** The call's deadline (a Date, or ms since the epoch; Infinity for none), as grpc-js's `getDeadline`. */
  getDeadline(): Deadline;
  /** True once the caller cancelled (or its stream closed). */
  readonly cancelled: boolean;
}

/** What the `Calls` stream serves from. */
export interface CallStreamOptions {
  /** The refusal for a stream opened without the right API token, or undefined. */
  unauthorized: (metadata: Metadata) => GrpcErrorObject | undefined;
  /**
   * Runs one unary method as its call would (the same checks, the same answers).
   *
   * @returns the response message, or undefined when the method is not served on the stream
   * @throws (rejects) what the call would end with, turned into a status by `answer`
   */
  serve: (method: string, request: object, context: CallContext) => Promise<object> | undefined;
  /** The status a call would end with for what `serve` threw. */
  answer: (err: unknown) => GrpcErrorObject;
  /** The largest message the server sends, bytes: a larger response fails its call with RESOURCE_EXHAUSTED. */
  maxSendBytes: number;
}

/**
 * The `Calls` stream (Weft extension): each message is a unary call of this service (its method's name and its
 * encoded request), answered in any order by a result with the call's sequence number, its status (as the call
 * would have ended) and its encoded response. A client that makes many calls (Weft's `DaprSidecarBackend`)
 * then pays for a message per call instead of an HTTP/2 stream with headers and trailers on both sides. A
 * call's `timeoutMs` is its deadline; the stream's closing cancels the calls still waiting. The API token is
 * checked once, when the stream opens.
 *
 * @param options - the token check, the method bodies, the error mapping and the send limit
 * @returns the bidi-stream handler
 */
export function createCallStream(
  options: CallStreamOptions,
): handleBidiStreamingCall<WireCall, WireCallResult> {
  const service = loadSidecarService() as unknown as Record<
    string,
    MethodDefinition<object, object> | undefined
  >;
  return (call) => {
    const denied = options.unauthorized(call.metadata);
    if (denied) {
      call.emit('error', denied);
      return;
    }
    let closed = false;
    let ended = false;
    let inFlight = 0;
    const settle = (result: WireCallResult) => {
      inFlight -= 1;
      if (!closed) call.write(result);
      if (ended && inFlight === 0 && !closed) call.end();
    };
    const failure = (sequence: number, err: GrpcErrorObject): WireCallResult => ({
      sequence,
      code: err.code,
      message: err.details,
      ...errorTrailers(err),
    });
    call.on('data', (message: WireCall) => {
      const undecodable = undecodableMessage(message);
      if (undecodable) {
        // Its sequence number is unknown: end the stream (the client fails what is pending, as a broken call).
        call.emit('error', grpcError(GrpcStatus.INVALID_ARGUMENT, undecodable, ErrorCodes.VALIDATION));
        return;
      }
      inFlight += 1;
      const sequence = Number(message.sequence ?? 0);
      if (inFlight > MAX_CALLS_IN_FLIGHT) {
        settle(
          failure(
            sequence,
            grpcError(
              GrpcStatus.RESOURCE_EXHAUSTED,
              `This Calls stream already has ${MAX_CALLS_IN_FLIGHT} calls waiting for answers (the limit); ` +
                'wait for answers before sending more.',
            ),
          ),
        );
        return;
      }
      const method = message.method ?? '';
      const definition = Object.hasOwn(service, method) ? service[method] : undefined;
      let request: object;
      try {
        if (!definition || definition.requestStream || definition.responseStream) throw new UnservedMethod();
        request = definition.requestDeserialize(message.request ?? Buffer.alloc(0));
      } catch (err) {
        const refusal =
          err instanceof UnservedMethod
            ? grpcError(
                GrpcStatus.UNIMPLEMENTED,
                `The Calls stream serves no unary method '${method.slice(0, 100)}'.`,
              )
            : grpcError(
                GrpcStatus.INVALID_ARGUMENT,
                `The ${method} request (${message.request?.length ?? 0} bytes) is not a valid protobuf message: ${(err as Error).message}.`,
                ErrorCodes.VALIDATION,
              );
        settle(failure(sequence, refusal));
        return;
      }
      const timeoutMs = Number(message.timeoutMs ?? 0);
      const deadline = timeoutMs > 0 ? Date.now() + timeoutMs : Infinity;
      const context: CallContext = {
        getDeadline: () => deadline,
        get cancelled() {
          return closed;
        },
      };
      const running = options.serve(method, request, context);
      if (!running) {
        settle(
          failure(
            sequence,
            grpcError(GrpcStatus.UNIMPLEMENTED, `The Calls stream does not serve '${method}'.`),
          ),
        );
        return;
      }
      running.then(
        (response) => {
          const bytes = definition.responseSerialize(response);
          if (bytes.length > options.maxSendBytes) {
            const details = `The ${method} response is ${bytes.length} bytes, over the sidecar's send limit of ${options.maxSendBytes} bytes.`;
            settle(
              failure(
                sequence,
                grpcError(GrpcStatus.RESOURCE_EXHAUSTED, details.slice(0, MAX_STATUS_MESSAGE_BYTES)),
              ),
            );
          } else settle({ sequence, code: 0, response: bytes });
        },
        (err: unknown) => settle(failure(sequence, options.answer(err))),
      );
    });
    call.on('end', () => {
      ended = true;
      if (inFlight === 0 && !closed) call.end();
    });
    const close = () => {
      closed = true;
    };
    call.on('cancelled', close);
    call.on('close', close);
    call.on('error', close);
  };
}

/** A method the stream does not carry (unknown, or a stream). */
class UnservedMethod extends Error {}

import { Metadata } from '@grpc/grpc-js';
import type { ClientDuplexStream, ServiceError } from '@grpc/grpc-js';
import { LIMITS } from '../../../core/limits';
import { GrpcStatus } from '../grpc-status';
import type { WireCall, WireCallResult } from '../protocol/wire-types';
import { answerError } from './completion-channel';

/** Longest delay a Node timer takes (2^31 - 1 ms); a longer one fires at once. */
const MAX_TIMER_MS = 2_147_483_647;

/** Largest request sent on the stream, bytes; a larger one goes as a call (its size errors are per call). */
const MAX_STREAMED_BYTES = 64 * 1024;

/**
 * Methods always sent as calls: `Hello` (the connection check), and those whose response has no bound (a whole
 * history, every instance id), so a response over the receive limit fails its call, not the stream.
 */
const ALWAYS_CALLS: ReadonlySet<string> = new Set(['Hello', 'GetInstanceHistory', 'ListInstanceIDs']);

/** A call written on the stream and not answered yet. */
interface Pending {
  /** The stream it was written on (an ended idle stream's late events touch only its own calls). */
  stream: ClientDuplexStream<Buffer, WireCallResult>;
  /** Sends it as a call instead, with what is left of its timeout (the sidecar does not serve the stream). */
  asCall: (timeoutMs: number | undefined) => void;
  /** When its timeout ends, ms since the epoch; undefined for none. */
  deadline: number | undefined;
  resolve: (response: Buffer) => void;
  reject: (err: Error) => void;
  timer: NodeJS.Timeout | undefined;
}

/** How a {@link CallChannel} reaches the sidecar. */
export interface CallStreamSource {
  /** Opens a `Calls` stream (with the API token); calls are written encoded. */
  openCalls(): ClientDuplexStream<Buffer, WireCallResult>;
  /** Encodes a `Call` message. */
  encodeCall(call: WireCall): Buffer;
}

/**
 * Sends a client's unary calls as messages of one `Calls` stream (Weft extension), so a call costs a message
 * instead of an HTTP/2 stream with its headers and trailers on both sides. Each answer carries the status the
 * call would have ended with and its encoded response; a call's timeout is sent with it and also kept here
 * (DEADLINE_EXCEEDED, as a call's deadline). A sidecar without the extension (daprd, or an older `weft
 * sidecar`) answers UNIMPLEMENTED once: what was on the stream is sent again as calls, and every call goes as
 * a call from then on. When the stream fails otherwise, its calls fail with its status, as calls on a broken
 * connection do. The stream is ended once no call is waiting (by the next turn of the event loop), so an idle
 * client holds no open stream and does not keep the process alive.
 */
export class CallChannel {
  private stream: ClientDuplexStream<Buffer, WireCallResult> | undefined;
  private unsupported = false;
  private closed = false;
  private idleCheck = false;
  private nextSequence = 1;
  private readonly pending = new Map<number, Pending>();

  /** @param source - opens the stream and encodes its messages */
  constructor(private readonly source: CallStreamSource) {}

  /** How many calls went on the stream so far (for tests and diagnostics). */
  sent = 0;

  /**
   * Whether a call of this method is sent on the stream (else as a call).
   *
   * @param method - the unary method's name
   */
  carries(method: string): boolean {
    return !this.unsupported && !this.closed && !ALWAYS_CALLS.has(method);
  }

  /**
   * Sends one call on the stream.
   *
   * @param method - the unary method's name
   * @param request - its encoded request
   * @param timeoutMs - its deadline, ms from now
   * @param asCall - the same call as a call of its own, with what is left of the timeout
   * @returns its encoded response
   * @throws (rejects) the call's error as a grpc-js `ServiceError`
   */
  send(
    method: string,
    request: Buffer,
    timeoutMs: number | undefined,
    asCall: (timeoutMs: number | undefined) => Promise<Buffer>,
  ): Promise<Buffer> {
    // Past the stream's in-flight limit the sidecar would refuse the call: it goes as a call of its own.
    if (
      !this.carries(method) ||
      request.length > MAX_STREAMED_BYTES ||
      this.pending.size >= LIMITS.callsInFlightPerStream
    )
      return asCall(timeoutMs);
    const sequence = this.nextSequence++;
    // 0 on the wire means no deadline: a timeout of 0 is sent as 1 ms.
    const wireTimeout = timeoutMs === undefined ? 0 : Math.max(1, Math.ceil(timeoutMs));
    const message = this.source.encodeCall({ sequence, method, request, timeoutMs: wireTimeout });
    const stream = this.stream ?? this.open();
    this.sent += 1;
    return new Promise<Buffer>((resolve, reject) => {
      const pending: Pending = {
        stream,
        asCall: (left) => asCall(left).then(resolve, reject),
        deadline: timeoutMs === undefined ? undefined : Date.now() + timeoutMs,
        resolve,
        reject,
        timer: undefined,
      };
      // Past what a Node timer holds the sidecar's deadline alone applies.
      if (timeoutMs !== undefined && timeoutMs <= MAX_TIMER_MS) {
        pending.timer = setTimeout(() => {
          if (this.pending.get(sequence) !== pending) return;
          this.pending.delete(sequence);
          reject(statusError(GrpcStatus.DEADLINE_EXCEEDED, 'Deadline exceeded'));
          this.endWhenIdle();
        }, timeoutMs);
      }
      this.pending.set(sequence, pending);
      stream.write(message);
    });
  }

  /** Ends the stream; calls still waiting fail with CANCELLED, as calls of a closed channel. */
  close(): void {
    this.closed = true;
    this.stream?.cancel();
    this.stream = undefined;
  }

  private open(): ClientDuplexStream<Buffer, WireCallResult> {
    const stream = this.source.openCalls();
    this.stream = stream;
    stream.on('data', (result: WireCallResult) => {
      const sequence = Number(result.sequence ?? 0);
      const pending = this.pending.get(sequence);
      if (!pending) return;
      this.pending.delete(sequence);
      clearTimeout(pending.timer);
      if (!result.code) pending.resolve(result.response ?? Buffer.alloc(0));
      else pending.reject(answerError(result));
      this.endWhenIdle();
    });
    const ended = (err?: ServiceError) => {
      if (this.stream === stream) this.stream = undefined;
      if (err?.code === GrpcStatus.UNIMPLEMENTED) this.unsupported = true;
      const left = [...this.pending].filter(([, pending]) => pending.stream === stream);
      for (const [sequence, pending] of left) {
        this.pending.delete(sequence);
        clearTimeout(pending.timer);
        if (this.unsupported) {
          // Nothing on the stream was run: each call goes again as a call, within what is left of its timeout.
          pending.asCall(
            pending.deadline === undefined ? undefined : Math.max(1, pending.deadline - Date.now()),
          );
        } else {
          pending.reject(
            err ?? statusError(GrpcStatus.UNAVAILABLE, 'The Calls stream ended before answering this call.'),
          );
        }
      }
    };
    stream.on('error', (err: ServiceError) => ended(err));
    stream.on('end', () => ended());
    return stream;
  }

  /** Ends the stream by the next turn of the event loop if no call is waiting then. */
  private endWhenIdle(): void {
    if (this.idleCheck || this.pending.size > 0) return;
    this.idleCheck = true;
    setImmediate(() => {
      this.idleCheck = false;
      if (this.pending.size > 0 || !this.stream) return;
      const stream = this.stream;
      this.stream = undefined;
      stream.end();
    });
  }
}

/** A grpc-js `ServiceError` shape with this status. */
function statusError(code: number, details: string): ServiceError {
  return Object.assign(new Error(`${code} ${details}`), {
    code,
    details,
    metadata: new Metadata(),
  }) as ServiceError;
}

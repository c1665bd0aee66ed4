import { Metadata } from '@grpc/grpc-js';
import type { ClientDuplexStream, ServiceError } from '@grpc/grpc-js';
import { WEFT_ERROR_CODE_HEADER, WEFT_ERROR_FIELDS_HEADER } from '../grpc-errors';
import { GrpcStatus } from '../grpc-status';
import type {
  WireActivityResponse,
  WireNextStep,
  WireTaskCompletionResult,
  WireWorkflowResponse,
} from '../protocol/wire-types';
import type { SidecarConnection } from './sidecar-connection';

/** Largest completion sent on the stream, bytes; a larger one goes as a call (its size errors are per call). */
const MAX_STREAMED_BYTES = 64 * 1024;

/** A completion written on the stream and not answered yet. */
interface Pending {
  /** Sends it again as a call (the stream ended before its answer). */
  asCall: () => Promise<unknown>;
  /** Told whether the completion was taken from the stream (false: sent again as a call). */
  resolve: (streamed: boolean) => void;
  reject: (err: Error) => void;
}

/**
 * Sends a worker's completions as messages of one `CompleteTasks` stream (Weft extension), so a completion
 * costs a message instead of a call (an HTTP/2 stream with its headers and trailers) on both sides. Each
 * answer carries the status the call would have ended with. A sidecar without the extension (daprd, or an
 * older `weft sidecar`) answers UNIMPLEMENTED once and every completion goes as a call from then on; when
 * the stream ends, what it had not answered is sent again as calls.
 */
export class CompletionChannel {
  private stream: ClientDuplexStream<Buffer, WireTaskCompletionResult> | undefined;
  private unsupported = false;
  private closed = false;
  private nextSequence = 1;
  private readonly pending = new Map<number, Pending>();

  /** @param connection - the channel to the sidecar */
  constructor(private readonly connection: SidecarConnection) {}

  /**
   * Completes a workflow step.
   *
   * @param response - the step's result
   * @param asCall - the same completion as a call, used when the stream cannot carry it
   * @throws the call's error (a grpc-js `ServiceError`, also when the answer came on the stream)
   */
  async completeWorkflow(response: WireWorkflowResponse, asCall: () => Promise<unknown>): Promise<void> {
    await this.send({ workflowResponse: response }, asCall);
  }

  /**
   * Completes an activity.
   *
   * @param response - the activity's outcome
   * @param asCall - the same completion as a call, used when the stream cannot carry it
   * @param nextStep - the workflow step run at once on the outcome (Weft extension; only the stream carries it)
   * @returns true when the sidecar took the completion from the stream (with `nextStep`), false when it
   *   went as a call (without it)
   * @throws the call's error (a grpc-js `ServiceError`, also when the answer came on the stream)
   */
  completeActivity(
    response: WireActivityResponse,
    asCall: () => Promise<unknown>,
    nextStep?: WireNextStep,
  ): Promise<boolean> {
    return this.send({ activityResponse: response, ...(nextStep && { nextStep }) }, asCall);
  }

  /** False once completions go as calls (the sidecar has no `CompleteTasks`, or the channel closed). */
  get streams(): boolean {
    return !this.unsupported && !this.closed;
  }

  /** Ends the stream; completions not answered yet are sent as calls. */
  close(): void {
    this.closed = true;
    this.stream?.end();
  }

  private async send(
    completion: {
      workflowResponse?: WireWorkflowResponse;
      activityResponse?: WireActivityResponse;
      nextStep?: WireNextStep;
    },
    asCall: () => Promise<unknown>,
  ): Promise<boolean> {
    if (this.unsupported || this.closed) {
      await asCall();
      return false;
    }
    const sequence = this.nextSequence++;
    // Its answer may come later, with others' (the sidecar holds it a few ms): nothing here waits on it but
    // the worker's slot and this channel's bookkeeping.
    const bytes = this.connection.encodeCompletion({ sequence, ...completion, deferAnswer: true });
    if (bytes.length > MAX_STREAMED_BYTES) {
      await asCall();
      return false;
    }
    const stream = this.stream ?? this.open();
    return new Promise<boolean>((resolve, reject) => {
      this.pending.set(sequence, { asCall, resolve, reject });
      stream.write(bytes);
    });
  }

  private open(): ClientDuplexStream<Buffer, WireTaskCompletionResult> {
    const stream = this.connection.openCompletions();
    this.stream = stream;
    stream.on('data', (result: WireTaskCompletionResult) => {
      for (const also of result.alsoTaken ?? []) {
        const pending = this.pending.get(Number(also));
        this.pending.delete(Number(also));
        pending?.resolve(true);
      }
      const sequence = Number(result.sequence ?? 0);
      const pending = this.pending.get(sequence);
      if (!pending) return;
      this.pending.delete(sequence);
      if (!result.code) pending.resolve(true);
      else pending.reject(answerError(result));
    });
    const ended = (err?: ServiceError) => {
      if (this.stream !== stream) return;
      this.stream = undefined;
      if (err?.code === GrpcStatus.UNIMPLEMENTED) this.unsupported = true;
      const left = [...this.pending.values()];
      this.pending.clear();
      for (const pending of left) pending.asCall().then(() => pending.resolve(false), pending.reject);
    };
    stream.on('error', (err: ServiceError) => ended(err));
    stream.on('end', () => ended());
    return stream;
  }
}

/**
 * The error a call would have ended with, from a stream's answer: a grpc-js `ServiceError` shape, Weft's code
 * and the error's fields as its trailers.
 *
 * @param result - the answer's status code, message and Weft error code
 * @returns the error
 */
export function answerError(
  result: Pick<WireTaskCompletionResult, 'code' | 'message' | 'errorCode' | 'errorFields'>,
): ServiceError {
  const code = result.code ?? GrpcStatus.UNKNOWN;
  const details = result.message ?? '';
  const metadata = new Metadata();
  if (result.errorCode) metadata.set(WEFT_ERROR_CODE_HEADER, result.errorCode);
  if (result.errorFields) metadata.set(WEFT_ERROR_FIELDS_HEADER, Buffer.from(result.errorFields, 'utf8'));
  const name = Object.keys(GrpcStatus).find((k) => GrpcStatus[k as keyof typeof GrpcStatus] === code);
  return Object.assign(new Error(`${code} ${name ?? 'UNKNOWN'}: ${details}`), {
    code,
    details,
    metadata,
  }) as ServiceError;
}

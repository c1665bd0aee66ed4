import type { handleBidiStreamingCall, Metadata } from '@grpc/grpc-js';
import { ErrorCodes } from '../../../errors';
import { GrpcStatus } from '../grpc-status';
import type { WireTaskCompletion, WireTaskCompletionResult } from '../protocol/wire-types';
import { errorTrailers, grpcError } from './grpc-error-response';
import type { GrpcErrorObject } from './grpc-error-response';
import { refusedInput, undecodableMessage } from './request-limits';
import type { WorkDispatcher } from './work-dispatcher';

/** How long a taken completion's answer may be deferred (`TaskCompletion.deferAnswer`) by default, ms. */
export const DEFER_ANSWER_MS = 10;
/** Most deferred answers held; one more sends them all. */
const MAX_DEFERRED_ANSWERS = 64;

/**
 * The answers `CompleteTasks` streams hold, by connection (peer address): sent at once when a work item is written
 * on the same connection, so both leave in one write and the worker wakes once for them, instead of once for the
 * item and once more when the deferral ends. At one caller, nearly every answer goes with the next work item.
 */
export class HeldAnswers {
  private readonly byPeer = new Map<string, Set<() => void>>();

  /**
   * Sends the answers held for streams of this connection.
   *
   * @param peer - the connection's peer address (`ip:port`, grpc-js's `getPeer()`)
   */
  send(peer: string): void {
    const flushes = this.byPeer.get(peer);
    if (flushes) for (const flush of flushes) flush();
  }

  /**
   * Registers a stream's flush until the returned function is called.
   *
   * @param peer - the stream's peer address
   * @param flush - sends what the stream holds
   * @returns removes the registration
   */
  register(peer: string, flush: () => void): () => void {
    let flushes = this.byPeer.get(peer);
    if (!flushes) this.byPeer.set(peer, (flushes = new Set()));
    flushes.add(flush);
    return () => {
      flushes.delete(flush);
      if (flushes.size === 0 && this.byPeer.get(peer) === flushes) this.byPeer.delete(peer);
    };
  }
}

/** What the `CompleteTasks` stream serves from. */
export interface CompleteTasksOptions {
  /** The refusal for a stream opened without the right API token, or undefined. */
  unauthorized: (metadata: Metadata) => GrpcErrorObject | undefined;
  /** The status a Complete call would end with for what the dispatcher threw. */
  answer: (err: unknown) => GrpcErrorObject;
  /** Takes the completions. */
  dispatcher: WorkDispatcher;
  /** How long a taken completion's answer may be held to go with others', ms. Default {@link DEFER_ANSWER_MS}. */
  deferAnswerMs?: number;
  /** Where held answers are registered, to go with the next work item written on the same connection. */
  heldAnswers?: HeldAnswers;
}

/**
 * The `CompleteTasks` stream (Weft extension): each message is a `CompleteWorkflowTask` or
 * `CompleteActivityTask` call, answered by a result with its sequence number and the status the call would
 * have ended with; one stream instead of a call (an HTTP/2 stream) per completion.
 *
 * A taken completion that may wait (`deferAnswer`) is answered within `deferAnswerMs`, or with the next work
 * item written on the same connection if that comes first ({@link HeldAnswers}), together with the others taken
 * meanwhile (`alsoTaken`), so a busy worker gets one message for many completions. A refusal is answered at
 * once. Held answers are sent when the worker ends the stream; when the stream breaks instead they are lost,
 * and the worker sends those completions again as calls: the dispatcher remembers the tokens taken here
 * ({@link WorkDispatcher.completeWorkflow}), so such a call is answered OK and applies nothing a second time.
 *
 * @param options - authorization, the dispatcher, the deferral
 * @returns the handler
 */
export function createCompleteTasksStream(
  options: CompleteTasksOptions,
): handleBidiStreamingCall<WireTaskCompletion, WireTaskCompletionResult> {
  const { dispatcher } = options;
  const deferMs = options.deferAnswerMs ?? DEFER_ANSWER_MS;
  return (call) => {
    const denied = options.unauthorized(call.metadata);
    if (denied) {
      call.emit('error', denied);
      return;
    }
    const deferred: number[] = [];
    let deferTimer: NodeJS.Timeout | undefined;
    const sendDeferred = () => {
      clearTimeout(deferTimer);
      deferTimer = undefined;
      if (deferred.length === 0) return;
      const [sequence, ...alsoTaken] = deferred.splice(0);
      call.write({ sequence, code: 0, alsoTaken });
    };
    const unregister = options.heldAnswers?.register(call.getPeer(), sendDeferred);
    const closed = () => {
      clearTimeout(deferTimer);
      unregister?.();
    };
    call.on('data', (completion: WireTaskCompletion) => {
      const undecodable = undecodableMessage(completion);
      if (undecodable) {
        // Its sequence number is unknown: end the stream, the worker sends what is pending as calls.
        call.emit('error', grpcError(GrpcStatus.INVALID_ARGUMENT, undecodable, ErrorCodes.VALIDATION));
        return;
      }
      const sequence = completion.sequence ?? 0;
      const err = take(dispatcher, completion, options.answer);
      if (err) {
        call.write({ sequence, code: err.code, message: err.details, ...errorTrailers(err) });
      } else if (completion.deferAnswer === true) {
        deferred.push(sequence);
        if (deferred.length >= MAX_DEFERRED_ANSWERS) sendDeferred();
        else deferTimer ??= setTimeout(sendDeferred, deferMs);
      } else {
        call.write({ sequence, code: 0 });
      }
    });
    call.on('end', () => {
      sendDeferred();
      closed();
      call.end();
    });
    call.on('error', closed);
    call.on('cancelled', closed);
  };
}

/** Hands one completion to the dispatcher; returns the refusal, or undefined when it was taken. */
function take(
  dispatcher: WorkDispatcher,
  completion: WireTaskCompletion,
  answer: (err: unknown) => GrpcErrorObject,
): GrpcErrorObject | undefined {
  const { workflowResponse, activityResponse } = completion;
  const request = workflowResponse ?? activityResponse;
  if (!request) {
    return grpcError(
      GrpcStatus.INVALID_ARGUMENT,
      'A task completion needs a workflowResponse or an activityResponse.',
      ErrorCodes.VALIDATION,
    );
  }
  const refused = refusedInput(request);
  if (refused) return refused;
  try {
    if (workflowResponse) dispatcher.completeWorkflow(workflowResponse, { onStream: true });
    else dispatcher.completeActivity(activityResponse ?? {}, completion.nextStep, { onStream: true });
    return undefined;
  } catch (err) {
    return answer(err);
  }
}

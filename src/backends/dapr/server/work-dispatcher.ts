import { randomUUID } from 'node:crypto';
import { Metadata } from '@grpc/grpc-js';
import type { ServerWritableStream } from '@grpc/grpc-js';
import type {
  ActivityResult,
  ActivityWorkItem,
  HistoryEvent,
  Logger,
  WorkflowStepResult,
  WorkflowWorkItem,
  WorkItemProcessor,
} from '../../../core';
import { LIMITS, sizeLimitFailure, WorkflowStatus } from '../../../core';
import { failureFromWire } from '../convert/failure-converter';
import { toStringValue } from '../convert/wire-values';
import type {
  WireActivityResponse,
  WireGetWorkItemsRequest,
  WireNextStep,
  WireWorkflowResponse,
  WireWorkItem,
} from '../protocol/wire-types';
import { traceContextToWire } from '../convert/trace-context-converter';
import { WorkItemEncoder } from './work-item-encoder';
import { HistoryCache } from './history-cache';
import {
  NEXT_STEP_FEATURE,
  SIDECAR_FEATURES_HEADER,
  STATEFUL_HISTORY_CAPABILITY,
} from '../protocol/capabilities';
import { NextSteps } from './next-steps';
import type { OfferedStep } from './next-steps';
import { payloadFromWire } from './wire-payload';
import { WarmInstances } from './warm-instances';
import { stepFromWire } from './step-from-wire';
import { describeKey, PendingWork, UnknownWorkItemError } from './pending-work';
import type { ConnectedWorker, PendingItem } from './pending-work';

/** How a completion reached the dispatcher. */
export interface CompletionVia {
  /** True for a message of a `CompleteTasks` stream (its answer may be lost with the stream). */
  onStream?: boolean;
}

/**
 * The sidecar's bridge from the embedded engine to remote workers: a {@link WorkItemProcessor} that sends
 * each item down a connected `GetWorkItems` stream (the least busy one) and resolves when the worker calls
 * the matching Complete RPC (or sends it on the `CompleteTasks` stream). Matching is by completion token,
 * or for SDKs that send none, by instance id (and task id for activities). While no worker is connected,
 * items wait. When a worker's stream closes, its items are rejected, so the engine abandons them and they
 * go to the next worker.
 *
 * Items are encoded by a {@link WorkItemEncoder} (a step's history from the events encoded for earlier
 * steps). A worker that advertised `WORKER_CAPABILITY_STATEFUL_HISTORY` gets an instance's steps while it
 * stays connected, each with only the history it was not sent before (`cachedHistory`), as durabletask-go.
 * The history itself comes from a {@link HistoryCache}: a step reads only the events committed since the
 * instance's previous step.
 *
 * A Weft worker that ran the workflow's next step at once on an activity's outcome sends it with the outcome
 * (`TaskCompletion.nextStep`); the outcome then resolves with `nextStepAt`, and when the engine asks for
 * exactly that step (its fused step) the worker's result answers it without a send ({@link NextSteps}).
 */
export class WorkDispatcher implements WorkItemProcessor {
  private readonly workers = new Set<ConnectedWorker>();
  private readonly pending = new PendingWork();
  /** The stateful worker each instance's steps go to while it stays connected (its history is there). */
  private readonly owners = new WarmInstances();
  private workerWaiters: { resolve: () => void; reject: (err: Error) => void }[] = [];
  private nextWorkerId = 1;
  private closed = false;

  private readonly encoder = new WorkItemEncoder();
  /** Each instance's committed history as read for its last step (only what was committed since is read). */
  private readonly histories = new HistoryCache();
  /** Steps workers ran at once on an activity's outcome, until the engine asks for them. */
  private readonly nextSteps: NextSteps;
  /** Steps taken from workers' offers (for tests and diagnostics). */
  offeredStepsTaken = 0;
  /** Told the connection (its peer address) each item was written on (held `CompleteTasks` answers go with it). */
  onItemWritten: ((peer: string) => void) | undefined;

  /**
   * @param logger - diagnostics
   * @param maxSendBytes - the largest work item the server may send (its `grpc.max_send_message_length`);
   *   a larger one is never written: the step fails the instance, the activity fails, naming the size
   */
  constructor(
    private readonly logger: Logger,
    private readonly maxSendBytes: number = LIMITS.sendMessageBytes,
  ) {
    this.nextSteps = new NextSteps(maxSendBytes);
  }

  /** Number of connected workers. */
  get workerCount(): number {
    return this.workers.size;
  }

  /**
   * Takes a new `GetWorkItems` stream as a worker until it closes.
   *
   * @param call - the server stream
   */
  attach(call: ServerWritableStream<WireGetWorkItemsRequest, WireWorkItem | Buffer>): void {
    if (this.closed) {
      call.end();
      return;
    }
    const stateful = (call.request?.capabilities ?? []).includes(STATEFUL_HISTORY_CAPABILITY);
    const worker: ConnectedWorker = {
      id: this.nextWorkerId++,
      call,
      peer: call.getPeer(),
      pending: new Set(),
      ...(stateful && { warm: new Map<string, number>() }),
    };
    this.workers.add(worker);
    const detach = () => this.detach(worker);
    call.on('cancelled', detach);
    call.on('close', detach);
    call.on('error', detach);
    call.on('finish', detach);
    // Headers right away: the worker knows it is connected before the first item arrives.
    const headers = new Metadata();
    headers.set(SIDECAR_FEATURES_HEADER, NEXT_STEP_FEATURE);
    call.sendMetadata(headers);
    for (const waiter of this.workerWaiters.splice(0)) waiter.resolve();
  }

  /** Ends every stream and rejects every pending item (the engine abandons them). */
  close(): void {
    this.closed = true;
    for (const waiter of this.workerWaiters.splice(0))
      waiter.reject(new Error('The sidecar is shutting down.'));
    for (const worker of [...this.workers]) {
      this.detach(worker);
      try {
        worker.call.end();
      } catch {
        // already closed
      }
    }
  }

  async processWorkflow(item: WorkflowWorkItem): Promise<WorkflowStepResult> {
    const offered = this.nextSteps.take(item, this.owners.owner(item.instanceId));
    if (offered === 'mismatch') this.owners.forget(item.instanceId);
    else if (offered && this.workers.has(offered.worker)) return this.takeOffered(item, offered);
    else if (offered) this.owners.forget(item.instanceId);
    const pastEvents = await this.histories.pastEvents(item);
    const worker = await this.pickWorker(item.instanceId);
    const token = randomUUID();
    // A stateful worker that holds the first `held` events of the history gets only the rest (as
    // durabletask-go's applyStatefulHistory); it is then known to hold the whole committed history.
    const held = this.owners.heldBy(worker, item.instanceId, pastEvents.length);
    // Encoded once, from the events encoded for earlier steps. The limit applies to the item with its whole
    // history, as a worker that holds nothing (after a reconnect) receives it: the outcome does not depend
    // on which worker has the instance.
    const { bytes: encoded, fullBytes } = this.encoder.workflowItem(
      item.instanceId,
      pastEvents,
      item.newEvents,
      token,
      held,
    );
    this.nextSteps.noteItemBytes(item.instanceId, fullBytes);
    if (fullBytes > this.maxSendBytes) {
      // Written, it would end the stream with RESOURCE_EXHAUSTED and come back on the next one, forever.
      const failure = sizeLimitFailure(
        `The workflow work item of '${item.instanceId}' (a history of ${pastEvents.length + item.newEvents.length} events)`,
        fullBytes,
        this.maxSendBytes,
        `the sidecar's sendMessageBytes, --max-send-message-bytes`,
      );
      this.logger.warn(`Weft sidecar: ${failure.message} The instance fails instead of being sent.`);
      this.forgetInstance(item.instanceId);
      return {
        actions: [
          {
            type: 'CompleteWorkflow',
            id: -1,
            workflowStatus: WorkflowStatus.FAILED,
            failureDetails: failure,
          },
        ],
      };
    }
    this.owners.hold(worker, item.instanceId, pastEvents.length);
    return new Promise<WorkflowStepResult>((resolve, reject) => {
      const history = [...pastEvents, ...item.newEvents];
      if (
        this.track({ kind: 'workflow', token, instanceId: item.instanceId, history, worker, resolve, reject })
      ) {
        this.write(worker, encoded);
      }
    });
  }

  /**
   * Forgets what a worker was sent of the instance: its step was not committed (lease lost), so the next
   * step carries the full history.
   *
   * @param instanceId - the instance
   */
  abandonWorkflow(instanceId: string): void {
    this.forgetInstance(instanceId);
  }

  async processActivity(item: ActivityWorkItem): Promise<ActivityResult> {
    const worker = await this.pickWorker();
    const token = randomUUID();
    const message: WireWorkItem = {
      activityRequest: {
        name: item.name,
        input: toStringValue(item.input),
        workflowInstance: { instanceId: item.instanceId },
        taskId: item.taskId,
        taskExecutionId: item.taskExecutionId ?? '',
        attempt: item.attempt,
        parentTraceContext: traceContextToWire(item.parentTraceContext),
      },
      completionToken: token,
    };
    const encoded = this.encoder.item(message);
    if (encoded.length > this.maxSendBytes) {
      const failure = sizeLimitFailure(
        `The work item of activity '${item.name}' (${item.instanceId}#${item.taskId})`,
        encoded.length,
        this.maxSendBytes,
        `the sidecar's sendMessageBytes, --max-send-message-bytes`,
      );
      this.logger.warn(`Weft sidecar: ${failure.message} The activity fails instead of being sent.`);
      return { failureDetails: failure };
    }
    return new Promise<ActivityResult>((resolve, reject) => {
      const tracked = this.track({
        kind: 'activity',
        token,
        instanceId: item.instanceId,
        taskId: item.taskId,
        sentAt: Date.now(),
        worker,
        resolve,
        reject,
      });
      if (tracked) this.write(worker, encoded);
    });
  }

  /**
   * The step a worker offered is the one asked for: its result answers it, and the worker holds the history.
   * The history is not read: the worker's execution holds exactly the committed one (the offer's
   * condition), so the attempts it counted by replay are the history's.
   */
  private takeOffered(item: WorkflowWorkItem, offered: OfferedStep): WorkflowStepResult {
    this.offeredStepsTaken += 1;
    this.owners.hold(offered.worker, item.instanceId, item.pastEventCount);
    return this.stepFromWire(offered.response, item.instanceId, undefined);
  }

  /**
   * Completes a workflow step sent earlier. A completion taken from a `CompleteTasks` stream and sent again
   * (with the same token) does nothing: its answer was lost with the stream, not the completion.
   *
   * @param response - the worker's answer
   * @param via - `onStream` when it came on a `CompleteTasks` stream
   * @throws {@link UnknownWorkItemError} when no such step is waiting; {@link ValidationError} for malformed
   * actions (the step then stays pending)
   */
  completeWorkflow(response: WireWorkflowResponse, via: CompletionVia = {}): void {
    const pending = this.pending.find('workflow', response.completionToken, response.instanceId);
    if (!pending || pending.kind !== 'workflow') {
      if (this.pending.wasTakenOnStream(response.completionToken)) return;
      throw new UnknownWorkItemError(
        `No workflow step ${describeKey(response.completionToken, response.instanceId)} is waiting for completion: it was completed already, or handed to another worker after its stream closed.`,
      );
    }
    const step = this.stepFromWire(response, pending.instanceId, pending.history);
    this.pending.remove(pending);
    if (via.onStream) this.pending.noteTakenOnStream(response.completionToken);
    pending.resolve(step);
  }

  /** A worker's step result as the engine takes it; a finished instance is forgotten. */
  private stepFromWire(
    response: WireWorkflowResponse,
    instanceId: string,
    history: HistoryEvent[] | undefined,
  ): WorkflowStepResult {
    const step = stepFromWire(response, history);
    if (step.actions.some((a) => a.type === 'CompleteWorkflow')) this.forgetInstance(instanceId);
    return step;
  }

  /**
   * Completes an activity sent earlier (sent again after it was taken from a stream: does nothing, as
   * {@link completeWorkflow}).
   *
   * @param response - the worker's answer
   * @param nextStep - the workflow step the worker ran at once on this outcome (Weft extension), kept for
   *   when the engine asks for that step
   * @param via - `onStream` when it came on a `CompleteTasks` stream
   * @throws {@link UnknownWorkItemError} when no such activity is waiting
   */
  completeActivity(
    response: WireActivityResponse,
    nextStep?: WireNextStep | null,
    via: CompletionVia = {},
  ): void {
    const pending = this.pending.find(
      'activity',
      response.completionToken,
      response.instanceId,
      response.taskId ?? 0,
    );
    if (!pending || pending.kind !== 'activity') {
      if (this.pending.wasTakenOnStream(response.completionToken)) return;
      throw new UnknownWorkItemError(
        `No activity ${describeKey(response.completionToken, response.instanceId, response.taskId ?? 0)} is waiting for completion: it was completed already, or handed to another worker after its stream closed.`,
      );
    }
    this.pending.remove(pending);
    if (via.onStream) this.pending.noteTakenOnStream(response.completionToken);
    const result = payloadFromWire(response.result);
    let nextStepAt: number | undefined;
    if (nextStep) {
      const holder = this.owners.owner(pending.instanceId);
      nextStepAt = this.nextSteps.offer(pending, nextStep, result, holder);
      // Refused: the worker's execution went past the history, so it is sent the whole history next.
      if (nextStepAt === undefined && holder === pending.worker) this.owners.forget(pending.instanceId);
    }
    pending.resolve({
      result,
      failureDetails: failureFromWire(response.failureDetails),
      ...(nextStepAt !== undefined && { nextStepAt }),
    });
  }

  private write(worker: ConnectedWorker, encoded: Buffer): void {
    worker.call.write(encoded);
    this.onItemWritten?.(worker.peer);
  }

  private track(pending: PendingItem): boolean {
    if (!this.workers.has(pending.worker)) {
      pending.reject(new Error(`The worker chosen for this ${pending.kind} work item disconnected.`));
      return false;
    }
    this.pending.add(pending);
    return true;
  }

  /** A finished instance is not sent again: drop what is remembered of it. */
  private forgetInstance(instanceId: string): void {
    this.owners.forget(instanceId);
    this.encoder.forget(instanceId);
    this.histories.forget(instanceId);
    this.nextSteps.forget(instanceId);
  }

  private detach(worker: ConnectedWorker): void {
    if (!this.workers.delete(worker)) return;
    this.nextSteps.dropWorker(worker);
    this.owners.dropWorker(worker);
    if (worker.pending.size > 0) {
      this.logger.warn(
        `Weft sidecar: a worker disconnected with ${worker.pending.size} work item(s) in flight; they go to the next worker.`,
      );
    }
    for (const pending of [...worker.pending]) {
      this.pending.remove(pending);
      pending.reject(new Error(`The worker holding this ${pending.kind} work item disconnected.`));
    }
  }

  /**
   * The stateful worker that holds the instance's history (as durabletask-go's instance affinity), else the
   * connected worker with the fewest items in flight; waits while there is none.
   *
   * @param instanceId - the workflow instance, for a workflow step
   */
  private async pickWorker(instanceId?: string): Promise<ConnectedWorker> {
    for (;;) {
      if (this.closed) throw new Error('The sidecar is shutting down.');
      const owner = instanceId === undefined ? undefined : this.owners.owner(instanceId);
      if (owner && this.workers.has(owner)) return owner;
      let best: ConnectedWorker | undefined;
      for (const worker of this.workers) {
        if (!best || worker.pending.size < best.pending.size) best = worker;
      }
      if (best) return best;
      await new Promise<void>((resolve, reject) => this.workerWaiters.push({ resolve, reject }));
    }
  }
}

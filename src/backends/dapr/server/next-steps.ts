import type { WorkflowWorkItem } from '../../../core';
import { fromTimestamp } from '../convert/wire-values';
import type { WireNextStep, WireWorkflowResponse } from '../protocol/wire-types';
import type { ConnectedWorker } from './pending-work';

/** Most offered steps kept (one per instance; an offer the engine never asks for is dropped oldest first). */
const MAX_OFFERED = 10_000;

/** Most instances whose work item size is kept (a forgotten one gets its next step sent, and measured). */
const MAX_SIZES = 40_000;

/** Bytes counted per history event an offered step adds, beyond its payloads (ids, times, names, framing). */
const EVENT_OVERHEAD_BYTES = 256;

/** A workflow step a worker ran at once on an activity's outcome (`TaskCompletion.nextStep`). */
export interface OfferedStep {
  /** The worker that ran it (it holds the instance's execution). */
  worker: ConnectedWorker;
  /** The activity whose outcome the step consumed (its TaskScheduled event's id). */
  taskId: number;
  /** The history length the step ran after. */
  pastEventCount: number;
  /** The time of the step's WorkflowStarted and of the outcome event, epoch ms. */
  startedAt: number;
  /** The step's result as the worker sent it. */
  response: WireWorkflowResponse;
  /** At least how many bytes the step adds to the instance's work item (its history), for the send limit. */
  growth: number;
}

/**
 * The steps remote workers ran at once on an activity's outcome, kept until the engine asks for the
 * instance's next step. When the engine commits the outcome together with the next step (its fused
 * step) and that step is exactly the one the worker ran — the same history length, and as new events only
 * the WorkflowStarted and the outcome, stamped with the worker's time, for the instance the same worker
 * holds — the worker's result is the step's result and nothing is sent. Otherwise (another event came
 * first, the instance moved on, another worker holds it) the offer is dropped and the step is sent as
 * usual; the worker's execution then replays from the history it is sent.
 */
export class NextSteps {
  private readonly offered = new Map<string, OfferedStep>();
  /**
   * Per instance, at least how large its workflow work item with the whole history is, bytes: as encoded for
   * its last step sent, plus what offered steps added since. An offered step is taken only while this stays
   * under the send limit; past it, the step is sent as usual, which measures it and fails the instance when
   * it is over (the outcome does not depend on whether steps were offered).
   */
  private readonly itemBytes = new Map<string, number>();

  /** @param maxSendBytes - the largest work item the sidecar sends */
  constructor(private readonly maxSendBytes: number) {}

  /** Number of offers kept (for tests). */
  get size(): number {
    return this.offered.size;
  }

  /**
   * Keeps a worker's step for the instance's next step (replacing an older offer), if it comes from the worker
   * that holds the instance and its time is plausible on this clock: not before the activity was sent, not
   * ahead of now.
   *
   * @param activity - the activity whose outcome the step consumed, as sent
   * @param nextStep - the step
   * @param result - the activity's result (JSON text), part of what the step adds to the history
   * @param holder - the worker that holds the instance's history
   * @returns the step's time when kept, else undefined
   */
  offer(
    activity: { instanceId: string; taskId: number; sentAt: number; worker: ConnectedWorker },
    nextStep: WireNextStep,
    result: string | undefined,
    holder: ConnectedWorker | undefined,
  ): number | undefined {
    const startedAt = fromTimestamp(nextStep.startedAt);
    const response = nextStep.response;
    if (
      startedAt === undefined ||
      !response ||
      startedAt < activity.sentAt ||
      startedAt > Date.now() ||
      holder !== activity.worker
    ) {
      return undefined;
    }
    // The outcome and the step's events: their payloads (JSON is not smaller than their encoding) and a
    // generous allowance per event.
    const events = 2 + (response.actions?.length ?? 0);
    const growth =
      Buffer.byteLength(JSON.stringify(response), 'utf8') +
      Buffer.byteLength(result ?? '', 'utf8') +
      events * EVENT_OVERHEAD_BYTES;
    const instanceId = activity.instanceId;
    this.offered.delete(instanceId);
    this.offered.set(instanceId, {
      worker: activity.worker,
      taskId: activity.taskId,
      pastEventCount: nextStep.pastEventCount ?? 0,
      startedAt,
      response,
      growth,
    });
    if (this.offered.size > MAX_OFFERED) this.offered.delete(this.offered.keys().next().value as string);
    return startedAt;
  }

  /**
   * Notes the size of an instance's work item with its whole history, as encoded for a step sent.
   *
   * @param instanceId - the instance
   * @param bytes - its size
   */
  noteItemBytes(instanceId: string, bytes: number): void {
    this.itemBytes.delete(instanceId);
    this.itemBytes.set(instanceId, bytes);
    if (this.itemBytes.size > MAX_SIZES) this.itemBytes.delete(this.itemBytes.keys().next().value as string);
  }

  /**
   * The offered step when it is exactly the step the engine asks for; the offer is consumed either way.
   *
   * @param item - the step the engine asks for
   * @param holder - the worker that holds the instance's history (its stateful owner)
   * @returns the step, `'mismatch'` when an offer was dropped (its worker's execution went past the
   *   history): it is not that step, or it would bring the work item past the send limit; undefined when
   *   there was none
   */
  take(item: WorkflowWorkItem, holder: ConnectedWorker | undefined): OfferedStep | 'mismatch' | undefined {
    const step = this.offered.get(item.instanceId);
    if (!step) return undefined;
    this.offered.delete(item.instanceId);
    const [started, outcome] = item.newEvents;
    const same =
      step.worker === holder &&
      item.newEvents.length === 2 &&
      item.pastEventCount === step.pastEventCount &&
      started.type === 'WorkflowStarted' &&
      started.timestamp === step.startedAt &&
      (outcome.type === 'TaskCompleted' || outcome.type === 'TaskFailed') &&
      outcome.taskScheduledId === step.taskId &&
      outcome.timestamp === step.startedAt;
    const bytes = this.itemBytes.get(item.instanceId);
    if (!same || bytes === undefined || bytes + step.growth > this.maxSendBytes) return 'mismatch';
    this.noteItemBytes(item.instanceId, bytes + step.growth);
    return step;
  }

  /**
   * Drops the offer of an instance (it finished, or its step was abandoned).
   *
   * @param instanceId - the instance
   */
  forget(instanceId: string): void {
    this.offered.delete(instanceId);
    this.itemBytes.delete(instanceId);
  }

  /**
   * Drops a disconnected worker's offers.
   *
   * @param worker - the worker
   */
  dropWorker(worker: ConnectedWorker): void {
    for (const [instanceId, step] of this.offered)
      if (step.worker === worker) this.offered.delete(instanceId);
  }
}

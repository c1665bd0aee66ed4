import type { WorkflowWorkItem } from '../../../core';
import type { WireWorkflowResponse } from '../protocol/wire-types';
import type { ConnectedWorker } from './pending-work';

/** Most offered steps kept (one per instance; an offer the engine never asks for is dropped oldest first). */
const MAX_OFFERED = 10_000;

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

  /** Number of offers kept (for tests). */
  get size(): number {
    return this.offered.size;
  }

  /**
   * Keeps a worker's step for the instance's next step (replacing an older offer).
   *
   * @param instanceId - the instance
   * @param step - the offered step
   */
  offer(instanceId: string, step: OfferedStep): void {
    this.offered.delete(instanceId);
    this.offered.set(instanceId, step);
    if (this.offered.size > MAX_OFFERED) this.offered.delete(this.offered.keys().next().value as string);
  }

  /**
   * The offered step when it is exactly the step the engine asks for; the offer is consumed either way.
   *
   * @param item - the step the engine asks for
   * @param holder - the worker that holds the instance's history (its stateful owner)
   * @returns the step, `'mismatch'` when an offer was dropped (its worker's execution went past the
   *   history), or undefined when there was none
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
    return same ? step : 'mismatch';
  }

  /**
   * Drops the offer of an instance (it finished, or its step was abandoned).
   *
   * @param instanceId - the instance
   */
  forget(instanceId: string): OfferedStep | undefined {
    const step = this.offered.get(instanceId);
    this.offered.delete(instanceId);
    return step;
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

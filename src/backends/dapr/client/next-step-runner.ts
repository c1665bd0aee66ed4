import type { ActivityWorkItem, HistoryEvent, WorkflowStepResult, WorkItemProcessor } from '../../../core';
import { activityOutcomeEvent, stepEvents } from '../../../core';
import { fromStringValue, toStringValue, toTimestamp } from '../convert/wire-values';
import type { WireNextStep, WireWorkflowResponse } from '../protocol/wire-types';

/** Most instances whose history length is remembered (a forgotten one just does not get the fast path). */
const MAX_REMEMBERED = 10_000;

/**
 * Offers seen not taken after which, when they are at least half of those made, none is made until the stream
 * reconnects: each one not taken costs a replay, so a sidecar that does not take them (e.g. this worker's clock
 * is off from the sidecar's, which refuses a step stamped before its activity was sent or after it arrived) is
 * left alone.
 */
const MIN_REFUSED_TO_STOP = 8;

/** The worker's execution of the instance is not the one the step needs: the step is not run here. */
class NotHeldHere extends Error {
  constructor() {
    super('The execution of this instance is not held by this worker.');
    this.name = 'NotHeldHere';
  }
}

/**
 * The worker's half of the fused step over the sidecar (Weft extension, `TaskCompletion.nextStep`): when an
 * activity succeeds and its workflow is idle in this worker (its live execution cached, no step of it queued
 * or running), the worker runs the workflow's next step at once — on the same new events the sidecar's
 * engine would send, a WorkflowStarted and the TaskCompleted, stamped with this worker's time — and sends it
 * with the outcome. A sidecar that takes it (`weft sidecar`, which says so in the `weft-sidecar-features`
 * header) commits the outcome and the step together, and no step item comes back: two messages and a commit
 * fewer per activity. When the sidecar does not take it (another event came first), it sends its own step;
 * this worker's execution went past the history then, so that step replays ({@link beforeStep}).
 */
export class NextStepRunner {
  /** Per instance, the history length after the last step this worker ran (what its execution holds). */
  private readonly lengths = new Map<string, number>();
  /** Per instance, the history length the sidecar has if it took the step offered last. */
  private readonly offered = new Map<string, number>();
  /** Per instance, steps of it queued or running here. */
  private readonly busy = new Map<string, number>();
  /**
   * Instances two of whose steps were here at once (the sidecar's engine may send a step while another of
   * the instance is out, e.g. its fused step and a step for a second activity's outcome; only one commits).
   * Each step left its execution in the runtime's cache, so the one cached last may be the one not
   * committed, with the same history length: once the last of them is done, the execution is dropped and
   * the next step replays from the history.
   */
  private readonly overlapped = new Set<string>();
  /** Whether the connected sidecar takes next steps (its `weft-sidecar-features` header). */
  enabled = false;
  /** Steps offered so far (for tests and diagnostics). */
  offeredCount = 0;
  /** Offers made and offers seen not taken since the stream opened. */
  private made = 0;
  private refused = 0;

  /** @param processor - runs the steps */
  constructor(private readonly processor: WorkItemProcessor) {}

  /**
   * A step of the instance arrived (queued).
   *
   * @param instanceId - the instance
   */
  stepQueued(instanceId: string): void {
    this.hold(instanceId);
  }

  /**
   * A step of the instance that arrived was dropped unrun.
   *
   * @param instanceId - the instance
   */
  stepDropped(instanceId: string): void {
    this.release(instanceId);
  }

  /**
   * Before a step the sidecar sent runs: when a step offered since was not taken (the history is not the
   * one it ran after, or the sidecar sends the whole history, as it does once it stops counting on this
   * worker's execution), the execution is dropped so the step replays from the history.
   *
   * @param instanceId - the instance
   * @param pastEventCount - the history length the step comes after
   * @param sentWhole - true when the step carries the whole history (no `cachedHistory`)
   */
  beforeStep(instanceId: string, pastEventCount: number, sentWhole: boolean): void {
    const offered = this.offered.get(instanceId);
    if (offered === undefined) return;
    this.offered.delete(instanceId);
    if (pastEventCount !== offered || sentWhole) {
      this.processor.abandonWorkflow?.(instanceId);
      this.refused += 1;
    }
  }

  /**
   * A step the sidecar sent ran (or failed, `step` undefined): remembers the history length its execution
   * holds now.
   *
   * @param instanceId - the instance
   * @param pastEventCount - the history length before the step
   * @param newEvents - how many new events it applied
   * @param step - its result
   */
  afterStep(
    instanceId: string,
    pastEventCount: number,
    newEvents: number,
    step: WorkflowStepResult | undefined,
  ): void {
    if (this.release(instanceId)) return;
    this.remember(instanceId, step && pastEventCount + newEvents + step.actions.length, step);
  }

  /**
   * Runs the workflow's next step on an activity's result when the workflow is idle here.
   *
   * @param item - the activity that succeeded
   * @param result - its result (JSON text)
   * @param toResponse - the step's result as the completion's `WorkflowResponse`
   * @returns the step to send with the outcome, or undefined when none was run
   */
  async run(
    item: ActivityWorkItem,
    result: string | undefined,
    toResponse: (step: WorkflowStepResult) => WireWorkflowResponse,
  ): Promise<WireNextStep | undefined> {
    const { instanceId } = item;
    const length = this.lengths.get(instanceId);
    if (!this.enabled || length === undefined || this.busy.has(instanceId)) return undefined;
    if (this.refused >= MIN_REFUSED_TO_STOP && this.refused * 2 >= this.made) return undefined;
    this.lengths.delete(instanceId);
    this.hold(instanceId);
    const at = Date.now();
    // The outcome as the sidecar will read it from the wire (an empty result is none).
    const outcome = { result: fromStringValue(toStringValue(result)) };
    const newEvents = stepEvents([activityOutcomeEvent(item.taskId, outcome, at)], at);
    let step: WorkflowStepResult;
    try {
      step = await this.processor.processWorkflow({
        instanceId,
        pastEventCount: length,
        newEvents,
        loadPastEvents: (): Promise<HistoryEvent[]> => Promise.reject(new NotHeldHere()),
      });
    } catch {
      this.release(instanceId);
      this.processor.abandonWorkflow?.(instanceId);
      return undefined;
    }
    // A step of this instance arrived meanwhile (queued still, or run and finished: the execution cached now
    // may be either one, and `release` then drops it), or the step stalls: not offered, and the execution is
    // dropped (the sidecar's next step replays). Steps of other instances do not touch this execution.
    if (this.release(instanceId) || this.busy.has(instanceId) || step.stalled) {
      this.lengths.delete(instanceId);
      this.processor.abandonWorkflow?.(instanceId);
      return undefined;
    }
    const after = length + newEvents.length + step.actions.length;
    this.remember(instanceId, after, step);
    this.offered.set(instanceId, after);
    this.offeredCount += 1;
    this.made += 1;
    return { pastEventCount: length, startedAt: toTimestamp(at), response: toResponse(step) };
  }

  /**
   * The step offered with an outcome did not reach the sidecar (the completion went as a call): the
   * execution went past the history, drop it.
   *
   * @param instanceId - the instance
   */
  notSent(instanceId: string): void {
    this.refused += 1;
    this.offered.delete(instanceId);
    this.lengths.delete(instanceId);
    this.processor.abandonWorkflow?.(instanceId);
  }

  /**
   * The stream to the sidecar closed: it no longer counts on this worker's executions, so none is offered
   * on until a step of it ran again (steps offered and not confirmed still replay, {@link beforeStep}).
   */
  reset(): void {
    this.lengths.clear();
    this.made = 0;
    this.refused = 0;
  }

  private hold(instanceId: string): void {
    const n = this.busy.get(instanceId) ?? 0;
    if (n > 0) this.overlapped.add(instanceId);
    this.busy.set(instanceId, n + 1);
  }

  /** Drops one hold; returns true when the execution was dropped (steps overlapped). */
  private release(instanceId: string): boolean {
    const n = (this.busy.get(instanceId) ?? 1) - 1;
    if (n > 0) {
      this.busy.set(instanceId, n);
      return false;
    }
    this.busy.delete(instanceId);
    if (!this.overlapped.delete(instanceId)) return false;
    this.lengths.delete(instanceId);
    this.processor.abandonWorkflow?.(instanceId);
    return true;
  }

  private remember(
    instanceId: string,
    length: number | undefined,
    step: WorkflowStepResult | undefined,
  ): void {
    this.lengths.delete(instanceId);
    const finished = step?.actions.some((a) => a.type === 'CompleteWorkflow');
    if (length === undefined || !step || step.stalled || finished) return;
    this.lengths.set(instanceId, length);
    if (this.lengths.size > MAX_REMEMBERED) this.lengths.delete(this.lengths.keys().next().value as string);
  }
}

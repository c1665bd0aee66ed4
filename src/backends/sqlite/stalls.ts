import type { PlannedCompletion } from '../../core';
import type { Statements } from './statements';

/**
 * STALLED instances in the embedded engine, as daprd keeps them. The planner decides a stall (a `stall`
 * completion); this persists it: the step's new events stay in the inbox, hidden until the stall's retry
 * time or until a worker starts (which may have the right code); future timers and the custom status stay
 * as they are. The next step that runs clears the stall.
 */
export class Stalls {
  /** @param s - the statement catalog */
  constructor(private readonly s: Statements) {}

  /**
   * Records a stalled step (its history, an ExecutionStalled event at most, is already appended).
   *
   * @param messageIds - the inbox messages the step would have consumed: held back until `retryAt`
   * @param historyLength - the history length after the step
   * @param addedBytes - the bytes of history the step appended
   */
  record(
    instanceId: string,
    messageIds: readonly number[],
    stall: Extract<PlannedCompletion, { kind: 'stall' }>,
    historyLength: number,
    addedBytes: number,
    now: number,
  ): void {
    for (const id of messageIds) this.s.holdMessage.run(stall.retryAt, id, instanceId);
    this.s.markStalled.run({
      reason: stall.reason,
      retryAt: stall.retryAt,
      now,
      historyLength,
      addedBytes,
      instanceId,
    });
  }

  /** A step ran: the stall (if any) is over; the version (when the step had one) is recorded. */
  noteStep(instanceId: string, version: string | undefined): void {
    this.s.noteStepRun.run(version ?? null, instanceId);
  }

  /**
   * Ends a stall because a suspend or terminate was requested: the held-back events are due now (a
   * suspended instance keeps them queued for the step after its resume; a termination consumes them) and
   * the stall's reason and retry time are cleared.
   */
  release(instanceId: string, now: number): void {
    this.s.releaseStall.run({ now, instanceId });
    this.s.noteStepRun.run(null, instanceId);
  }

  /** Makes every stalled instance's held-back events due now (a worker that may have their code started). */
  wakeAll(now: number): void {
    this.s.wakeStalled.run({ now });
  }
}

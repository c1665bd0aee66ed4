import type { ActivityResult, Clock, WorkflowStepResult } from '../../core';
import { activityOutcomeEvent, stepEvents, WorkflowStatus } from '../../core';
import type { CommitScope } from './commit-queue';
import type { ActivityClaim, WorkflowClaim } from './handover';
import type { IdleInstances } from './idle-instances';
import type { Inbox } from './inbox';
import type { InstanceReads } from './instance-reads';
import { parseEvent } from './rows';
import type { StepCommit } from './step-commit';

/** How a fused commit went: both written, only the outcome delivered, or the activity's lease lost. */
export type FusedOutcome = 'fused' | 'delivered' | 'lost';

/**
 * The fast path: an activity's outcome and the workflow step that consumes it commit together (one
 * commit instead of two) when the workflow is idle. The step itself still commits through
 * {@link StepCommit}.
 */
export class FusedStep {
  /**
   * @param reads - instance rows
   * @param inbox - queues and leases
   * @param steps - the step commit
   * @param clock - the engine's time
   * @param idle - instances this process left idle, with their history length
   */
  constructor(
    private readonly reads: InstanceReads,
    private readonly inbox: Inbox,
    private readonly steps: StepCommit,
    private readonly clock: Clock,
    private readonly idle: IdleInstances,
  ) {}

  /**
   * What the next step of an instance would be if an activity's outcome were delivered now, without
   * writing: from this process's note when it left the instance idle (no read), else read. Undefined when
   * the instance cannot take it now (leased, not RUNNING). {@link FusedStep.commit} checks it either way.
   */
  preview(claim: ActivityClaim, outcome: ActivityResult): WorkflowClaim | undefined {
    const instanceId = claim.item.instanceId;
    const now = this.clock.now();
    // The time the processor ran the next step at, when it already did (see `ActivityResult.nextStepAt`).
    const at = outcome.nextStepAt ?? now;
    const noted = this.idle.take(instanceId);
    if (noted !== undefined) {
      return {
        instanceId,
        messageIds: [],
        newEvents: stepEvents([activityOutcomeEvent(claim.item.taskId, outcome, at)], at),
        pastEventCount: noted,
        claimedStatus: WorkflowStatus.RUNNING,
      };
    }
    const read = this.reads.leaseStateAndInbox(instanceId, now);
    if (!read) return undefined;
    const { row, messages } = read;
    if (row.status !== WorkflowStatus.RUNNING || !this.inbox.isFree(row)) return undefined;
    return {
      instanceId,
      messageIds: messages.map((m) => m.id),
      newEvents: stepEvents(
        [...messages.map((m) => parseEvent(m.event)), activityOutcomeEvent(claim.item.taskId, outcome, at)],
        at,
      ),
      pastEventCount: row.history_length,
      claimedStatus: row.status,
    };
  }

  /**
   * Commits the outcome together with the step run on {@link FusedStep.preview}'s claim. If the instance
   * moved on meanwhile (another worker's step, a new message), or the step stalled, the outcome is
   * delivered to its inbox as usual and the step is discarded.
   */
  commit(
    scope: CommitScope,
    owner: string,
    claim: ActivityClaim,
    outcome: ActivityResult,
    stepClaim: WorkflowClaim,
    step: WorkflowStepResult,
  ): FusedOutcome {
    const read = this.reads.stepRowWithDue(stepClaim.instanceId, this.clock.now());
    const row = read?.row;
    const unchanged =
      read !== undefined &&
      row !== undefined &&
      row.status === WorkflowStatus.RUNNING &&
      this.inbox.isFree(row) &&
      row.history_length === stepClaim.pastEventCount &&
      read.dueIds.length === stepClaim.messageIds.length &&
      read.dueIds.every((id, i) => id === stepClaim.messageIds[i]);
    // A stalled step consumes nothing, and the outcome exists only in this preview: deliver it to the inbox,
    // where the ordinary step (which stalls again) holds it back with the rest.
    if (!unchanged || step.stalled)
      return this.steps.completeActivity(scope, owner, claim, outcome) ? 'delivered' : 'lost';
    if (!this.inbox.finishActivity(claim, owner)) return 'lost';
    // The row just read is the one the step ran on: it commits without a lease taken and given back.
    this.steps.commitFused(scope, owner, row, stepClaim, step);
    return 'fused';
  }
}

import type { Clock, CreateInstanceRequest, WorkflowStepResult } from '../../core';
import { stepEvents, WorkflowStatus } from '../../core';
import type { CommitScope } from './commit-queue';
import type { WorkflowClaim } from './handover';
import type { InstanceOperations } from './instance-operations';
import { executionStarted } from './instance-operations';
import type { InstanceReads } from './instance-reads';
import type { StepCommit } from './step-commit';

/**
 * The eager start: when a client creates an instance in a process whose worker has room, the instance's
 * first step runs before anything is written, and the instance and that step commit together (one commit
 * instead of two, and no hand-over between them), as Temporal's eager workflow start. The step commits
 * through {@link StepCommit}; the id rules are {@link InstanceOperations.create}'s.
 */
export class EagerStart {
  /**
   * @param reads - instance rows
   * @param instances - id rules and the insert
   * @param steps - the step commit
   * @param clock - the engine's time
   */
  constructor(
    private readonly reads: InstanceReads,
    private readonly instances: InstanceOperations,
    private readonly steps: StepCommit,
    private readonly clock: Clock,
  ) {}

  /**
   * The first step's claim, when the instance can start eagerly: due now (no `startAt` in the future) and
   * its id not taken at all (a finished instance being replaced, or a live one refusing the id, go the
   * usual way). Undefined otherwise.
   */
  preview(request: CreateInstanceRequest): WorkflowClaim | undefined {
    const now = this.clock.now();
    if (request.startAt !== undefined && request.startAt > now) return undefined;
    if (this.reads.status(request.instanceId) !== undefined) return undefined;
    return {
      instanceId: request.instanceId,
      messageIds: [],
      newEvents: stepEvents([executionStarted(request, now)], now),
      pastEventCount: 0,
      claimedStatus: WorkflowStatus.PENDING,
    };
  }

  /**
   * Inserts the instance and commits the step run on {@link EagerStart.preview}'s claim.
   *
   * @throws {@link WorkflowAlreadyExistsError} when the id was taken meanwhile by an instance that has not finished
   */
  commit(
    scope: CommitScope,
    owner: string,
    request: CreateInstanceRequest,
    claim: WorkflowClaim,
    step: WorkflowStepResult,
  ): void {
    const started = claim.newEvents.find((e) => e.type === 'ExecutionStarted');
    const row = this.instances.createForFirstStep(request, started?.timestamp ?? this.clock.now());
    this.steps.commitFused(scope, owner, row, claim, step);
  }
}

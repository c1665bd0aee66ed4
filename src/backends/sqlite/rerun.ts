import { ValidationError, WorkflowNotFoundError, WorkflowNotTerminalError } from '../../errors';
import type { Clock, HistoryEvent, RerunRequest } from '../../core';
import { isTerminalStatus, WorkflowStatus } from '../../core';
import type { CommitScope } from './commit-queue';
import type { Inbox } from './inbox';
import type { InstanceOperations } from './instance-operations';
import type { InstanceReads } from './instance-reads';
import type { InstanceWatchers } from './instance-watchers';
import type { HistoryWriter } from './history-writer';
import type { Statements } from './statements';

/** Events a rerun drops from the re-run step: the step schedules them again. */
const RESCHEDULED = new Set(['TaskScheduled', 'TimerCreated', 'ChildWorkflowInstanceCreated', 'EventSent']);

/**
 * Rerun from an event: starts a new instance from a finished one's history cut at the step that scheduled
 * `eventId` (an activity or child workflow). Events of earlier steps become its history, the other
 * events of that step its inbox, so the step runs again.
 */
export class Rerun {
  /**
   * @param s - the statement catalog
   * @param history - appends the new instance's history
   * @param reads - reads the source
   * @param instances - creates the new instance
   * @param inbox - where the re-run step's events go
   * @param watchers - told of the new instance after commit
   * @param clock - the engine's time
   */
  constructor(
    private readonly s: Statements,
    private readonly history: HistoryWriter,
    private readonly reads: InstanceReads,
    private readonly instances: InstanceOperations,
    private readonly inbox: Inbox,
    private readonly watchers: InstanceWatchers,
    private readonly clock: Clock,
  ) {}

  /**
   * Writes the new instance, in the caller's transaction.
   *
   * @throws {@link ValidationError} for the source's own id or an event that is not a scheduling event;
   *   {@link WorkflowNotFoundError}; {@link WorkflowNotTerminalError} when the source has not finished;
   *   {@link WorkflowAlreadyExistsError} when the new id is in use
   */
  run(scope: CommitScope, req: RerunRequest): void {
    if (req.newInstanceId === req.sourceInstanceId) {
      throw new ValidationError(
        `A rerun needs a new instance id; '${req.sourceInstanceId}' is the source itself.`,
      );
    }
    const source = this.reads.full(req.sourceInstanceId);
    if (!source) {
      throw new WorkflowNotFoundError(`No workflow instance with id '${req.sourceInstanceId}' exists.`, {
        instanceId: req.sourceInstanceId,
      });
    }
    if (!isTerminalStatus(source.status))
      throw new WorkflowNotTerminalError(req.sourceInstanceId, source.status);
    const history = this.reads.getHistory(req.sourceInstanceId) ?? [];
    const target = history.findIndex(
      (e) =>
        e.eventId === req.eventId &&
        (e.type === 'TaskScheduled' || e.type === 'ChildWorkflowInstanceCreated'),
    );
    if (target < 0) {
      const found = history.find((e) => e.eventId === req.eventId);
      throw new ValidationError(
        found
          ? `Event ${req.eventId} of '${req.sourceInstanceId}' is a ${found.type}; a rerun starts from an activity ` +
              `(TaskScheduled) or child workflow (ChildWorkflowInstanceCreated) event.`
          : `Instance '${req.sourceInstanceId}' has no activity or child workflow event with id ${req.eventId}.`,
      );
    }
    let stepStart = target;
    while (stepStart > 0 && history[stepStart].type !== 'WorkflowStarted') stepStart -= 1;
    const past = history.slice(0, stepStart);
    const replayed = history.slice(stepStart + 1, target).filter((e) => !RESCHEDULED.has(e.type));
    // The new instance stands alone: no parent, and the replaced input when one was given.
    const rewrite = (e: HistoryEvent): HistoryEvent =>
      e.type === 'ExecutionStarted'
        ? { ...e, parentInstance: undefined, ...(req.overwriteInput ? { input: req.input } : {}) }
        : e;

    const id = req.newInstanceId;
    this.instances.claimId(id);
    const now = this.clock.now();
    this.instances.insert(
      { instanceId: id, name: source.name, input: req.overwriteInput ? (req.input ?? null) : source.input },
      now,
    );
    const addedBytes = this.history.append(
      id,
      now,
      0,
      past.map((e) => JSON.stringify(rewrite(e))),
    );
    this.s.updateStep.run({
      status: past.length > 0 ? WorkflowStatus.RUNNING : WorkflowStatus.PENDING,
      customStatus: null,
      now,
      historyLength: past.length,
      addedBytes,
      waitingForEvents: null,
      leaseOwner: null,
      leaseUntil: 0,
      instanceId: id,
    });
    for (const e of replayed) this.inbox.append(id, e.type, JSON.stringify(rewrite(e)), now);
    this.inbox.offer(scope, id);
    scope.afterCommit(() => this.watchers.notify(id));
  }
}

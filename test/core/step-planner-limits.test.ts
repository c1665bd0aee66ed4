import { newEvent, planStep, stepEvents, WorkflowStatus } from '../../src/core';
import type { PlanInstance, WorkflowAction } from '../../src/core';

const t0 = Date.UTC(2026, 0, 1);
const child: PlanInstance = {
  instanceId: 'c1',
  name: 'ship',
  status: WorkflowStatus.RUNNING,
  parent: { instanceId: 'p1', taskScheduledId: 4 },
  historyBytes: 1000,
};
const schedule: WorkflowAction[] = [
  {
    type: 'ScheduleTask',
    id: 0,
    name: 'pack',
    input: JSON.stringify('x'.repeat(500)),
    taskExecutionId: 'x0',
    attempt: 1,
  },
];
const events = stepEvents([newEvent('EventRaised', t0, { name: 'go', input: '1' })], t0);

/** `maxHistoryBytes` in the planner: the one place a step's meaning is decided, for both engines. */
describe('planStep with maxHistoryBytes', () => {
  it('plans the step as asked while the history stays within the limit', () => {
    const plan = planStep({
      instance: child,
      newEvents: events,
      actions: schedule,
      now: t0,
      maxHistoryBytes: 10_000,
    });
    expect(plan.activities).toHaveLength(1);
    expect(plan.completion).toBeUndefined();
  });

  it('fails the instance instead of growing the history past the limit: no work, the parent told, the size named', () => {
    const plan = planStep({
      instance: child,
      newEvents: events,
      actions: schedule,
      now: t0,
      maxHistoryBytes: 1200,
    });
    expect(plan.activities).toEqual([]);
    expect(plan.nextStatus).toBe(WorkflowStatus.FAILED);
    expect(plan.history.map((e) => e.type)).toEqual(['WorkflowStarted', 'EventRaised', 'ExecutionCompleted']);
    expect(plan.completion).toMatchObject({
      kind: 'finish',
      status: WorkflowStatus.FAILED,
      failureDetails: { errorType: 'SizeLimitExceededError', isNonRetriable: true },
      parentNotice: { instanceId: 'p1', event: { type: 'ChildWorkflowInstanceFailed', taskScheduledId: 4 } },
    });
    const completion = plan.completion as { failureDetails: { message: string } };
    expect(completion.failureDetails.message).toMatch(
      /^The history of 'c1' after this step \(3 new events\) is \d+ bytes, over the limit of 1200 bytes \(maxHistoryBytes/,
    );
  });

  it('lets a step that ends the execution pass the limit (the history stops growing there)', () => {
    const done: WorkflowAction[] = [
      {
        type: 'CompleteWorkflow',
        id: 1,
        workflowStatus: WorkflowStatus.COMPLETED,
        result: JSON.stringify('y'.repeat(500)),
      },
    ];
    const plan = planStep({
      instance: child,
      newEvents: events,
      actions: done,
      now: t0,
      maxHistoryBytes: 1200,
    });
    expect(plan.completion).toMatchObject({ kind: 'finish', status: WorkflowStatus.COMPLETED });
  });

  it('stalls a stalled step even past the limit, and checks the limit on the step that runs after the stall', () => {
    // A stall consumes nothing and runs no actions: failing the instance for size there would end an
    // execution that a worker with the right version could still run (and could continue-as-new).
    const stall = { reason: 'VERSION_NOT_AVAILABLE' as const, description: "No version 'v2' of 'ship'." };
    const stalled = planStep({
      instance: child,
      newEvents: events,
      actions: schedule,
      stalled: stall,
      now: t0,
      maxHistoryBytes: 1000,
    });
    expect(stalled.nextStatus).toBe(WorkflowStatus.STALLED);
    expect(stalled.completion).toMatchObject({ kind: 'stall', reason: 'VERSION_NOT_AVAILABLE' });
    expect(stalled.activities).toEqual([]);

    const retried = planStep({
      instance: { ...child, status: WorkflowStatus.STALLED },
      newEvents: events,
      actions: schedule,
      now: t0 + 60_000,
      maxHistoryBytes: 1000,
    });
    expect(retried.activities).toEqual([]);
    expect(retried.completion).toMatchObject({
      kind: 'finish',
      status: WorkflowStatus.FAILED,
      failureDetails: { errorType: 'SizeLimitExceededError' },
    });
  });
});

import 'reflect-metadata';
import {
  Activity,
  ActivityBase,
  NonRetryableError,
  RetryPolicy,
  TaskFailedError,
  Workflow,
  WorkflowBase,
  WorkflowStatus,
  WorkflowTestEnvironment,
} from 'weft-workflows';
import type { ActivityContext, WorkflowContext } from 'weft-workflows';

const attempts: Record<string, number[]> = {};

@Activity({ name: 'flaky' })
class Flaky extends ActivityBase<{ key: string; failTimes: number; nonRetryable?: boolean }, string> {
  async run(
    ctx: ActivityContext,
    input: { key: string; failTimes: number; nonRetryable?: boolean },
  ): Promise<string> {
    (attempts[input.key] ??= []).push(ctx.attempt);
    if (input.nonRetryable) throw new NonRetryableError('do not retry me');
    if (ctx.attempt <= input.failTimes) throw new Error(`attempt ${ctx.attempt} failed`);
    return `ok after ${ctx.attempt}`;
  }
}

interface RetryInput {
  key: string;
  failTimes: number;
  nonRetryable?: boolean;
  policy: {
    maxNumberOfAttempts: number;
    firstRetryInterval: number;
    backoffCoefficient?: number;
    maxRetryInterval?: number;
    retryTimeout?: number;
  };
  onlyRetryNamed?: string;
}

@Workflow({ name: 'retrying' })
class Retrying extends WorkflowBase<RetryInput, unknown> {
  async run(ctx: WorkflowContext, input: RetryInput): Promise<unknown> {
    const retryPolicy = new RetryPolicy({
      ...input.policy,
      handle: input.onlyRetryNamed
        ? (err) => err.details.message.includes(input.onlyRetryNamed as string)
        : undefined,
    });
    try {
      return await ctx.callActivity(
        Flaky,
        { key: input.key, failTimes: input.failTimes, nonRetryable: input.nonRetryable },
        { retryPolicy },
      );
    } catch (err) {
      return {
        failed: (err as TaskFailedError).details.message,
        type: (err as TaskFailedError).details.errorType,
      };
    }
  }
}

@Workflow({ name: 'child' })
class Child extends WorkflowBase<{ fail: boolean; value: number }, number> {
  async run(ctx: WorkflowContext, input: { fail: boolean; value: number }): Promise<number> {
    if (input.fail) throw new Error(`child ${ctx.instanceId} failed`);
    return input.value * 2;
  }
}

@Workflow({ name: 'parent' })
class Parent extends WorkflowBase<{ fail: boolean; explicitId?: string }, unknown> {
  async run(ctx: WorkflowContext, input: { fail: boolean; explicitId?: string }): Promise<unknown> {
    const a = await ctx.callChildWorkflow<number>(Child, { fail: false, value: 21 });
    try {
      await ctx.callChildWorkflow(Child, { fail: input.fail, value: 1 }, { instanceId: input.explicitId });
      return { a };
    } catch (err) {
      const e = err as TaskFailedError;
      return { a, isTaskFailed: e instanceof TaskFailedError, message: e.details.message };
    }
  }
}

@Workflow({ name: 'parent_retrying_child' })
class ParentRetryingChild extends WorkflowBase<void, unknown> {
  async run(ctx: WorkflowContext): Promise<unknown> {
    try {
      await ctx.callChildWorkflow(
        Child,
        { fail: true, value: 0 },
        { retryPolicy: { maxNumberOfAttempts: 3, firstRetryInterval: 500 } },
      );
    } catch (err) {
      return (err as TaskFailedError).details.message;
    }
    return 'unexpected';
  }
}

function retryDelays(
  history: Awaited<ReturnType<WorkflowTestEnvironment['client']['getWorkflowHistory']>>,
): number[] {
  return history
    .filter((e) => e.type === 'TimerCreated')
    .map((e) => (e.fireAt as number) - e.timestamp.getTime());
}

describe('retry policies with durable backoff timers', () => {
  let env: WorkflowTestEnvironment;
  beforeEach(async () => {
    env = await WorkflowTestEnvironment.create({
      workflows: [Retrying, Parent, Child, ParentRetryingChild],
      activities: [Flaky],
    });
  });
  afterEach(() => env.teardown());

  it('retries with exponential backoff capped by maxRetryInterval, waiting on durable timers', async () => {
    const id = await env.client.scheduleNewWorkflow(Retrying, {
      key: 'backoff',
      failTimes: 4,
      policy: {
        maxNumberOfAttempts: 5,
        firstRetryInterval: 1000,
        backoffCoefficient: 2,
        maxRetryInterval: 5000,
      },
    });
    const state = await env.client.waitForWorkflowCompletion(id);
    expect(state.output).toBe('ok after 5');
    expect(attempts.backoff).toEqual([1, 2, 3, 4, 5]);
    const history = await env.client.getWorkflowHistory(id);
    expect(retryDelays(history)).toEqual([1000, 2000, 4000, 5000]);
    // each timer fires (is stamped) no earlier than it was due
    for (const created of history.filter((e) => e.type === 'TimerCreated')) {
      const fired = history.find((e) => e.type === 'TimerFired' && e.timerId === created.eventId);
      expect(fired?.timestamp.getTime()).toBeGreaterThanOrEqual(created.fireAt as number);
    }
    expect(
      history
        .filter((e) => e.type === 'TimerCreated')
        .every((e) => (e.origin as { kind: string }).kind === 'activityRetry'),
    ).toBe(true);
  });

  it('gives up after maxNumberOfAttempts with TaskFailedError carrying the last failure', async () => {
    const id = await env.client.scheduleNewWorkflow(Retrying, {
      key: 'exhaust',
      failTimes: 10,
      policy: { maxNumberOfAttempts: 3, firstRetryInterval: 100 },
    });
    const state = await env.client.waitForWorkflowCompletion(id);
    expect(state.output).toEqual({ failed: 'attempt 3 failed', type: 'Error' });
    expect(attempts.exhaust).toEqual([1, 2, 3]);
  });

  it('never retries NonRetryableError', async () => {
    const id = await env.client.scheduleNewWorkflow(Retrying, {
      key: 'nonretryable',
      failTimes: 0,
      nonRetryable: true,
      policy: { maxNumberOfAttempts: 5, firstRetryInterval: 100 },
    });
    const state = await env.client.waitForWorkflowCompletion(id);
    expect(state.output).toEqual({ failed: 'do not retry me', type: 'NonRetryableError' });
    expect(attempts.nonretryable).toEqual([1]);
  });

  it('stops retrying when handle() says no, and when retryTimeout has passed', async () => {
    const handled = await env.client.scheduleNewWorkflow(Retrying, {
      key: 'handled',
      failTimes: 10,
      onlyRetryNamed: 'attempt 1',
      policy: { maxNumberOfAttempts: 5, firstRetryInterval: 100 },
    });
    expect((await env.client.waitForWorkflowCompletion(handled)).output).toEqual({
      failed: 'attempt 2 failed',
      type: 'Error',
    });
    expect(attempts.handled).toEqual([1, 2]);

    const timedOut = await env.client.scheduleNewWorkflow(Retrying, {
      key: 'timeout',
      failTimes: 10,
      policy: {
        maxNumberOfAttempts: 10,
        firstRetryInterval: 1000,
        backoffCoefficient: 2,
        retryTimeout: 5000,
      },
    });
    await env.client.waitForWorkflowCompletion(timedOut);
    // attempts start at 0 s, 1 s, 3 s; the next would start at 7 s, past the 5 s timeout
    expect(attempts.timeout).toEqual([1, 2, 3]);
  });
});

describe('child workflows', () => {
  let env: WorkflowTestEnvironment;
  beforeEach(async () => {
    env = await WorkflowTestEnvironment.create({
      workflows: [Parent, Child, ParentRetryingChild],
      activities: [Flaky],
    });
  });
  afterEach(() => env.teardown());

  it('gives children the default id <parentId>:<4 hex digits of the task id> and returns their output', async () => {
    const id = await env.client.scheduleNewWorkflow(Parent, { fail: false }, { instanceId: 'p1' });
    const state = await env.client.waitForWorkflowCompletion(id);
    expect(state.output).toEqual({ a: 42 });
    const child0 = await env.client.getWorkflowState('p1:0000');
    const child1 = await env.client.getWorkflowState('p1:0001');
    expect(child0).toMatchObject({
      status: WorkflowStatus.COMPLETED,
      output: 42,
      parentInstanceId: 'p1',
      name: 'child',
    });
    expect(child1?.parentInstanceId).toBe('p1');
  });

  it('delivers a child failure to the parent as TaskFailedError; an explicit child id is used', async () => {
    const id = await env.client.scheduleNewWorkflow(
      Parent,
      { fail: true, explicitId: 'my-child' },
      { instanceId: 'p2' },
    );
    const state = await env.client.waitForWorkflowCompletion(id);
    expect(state.output).toEqual({ a: 42, isTaskFailed: true, message: 'child my-child failed' });
    expect((await env.client.getWorkflowState('my-child'))?.status).toBe(WorkflowStatus.FAILED);
  });

  it('retries a failing child as new instances on durable timers', async () => {
    const id = await env.client.scheduleNewWorkflow(ParentRetryingChild, undefined, { instanceId: 'p3' });
    const state = await env.client.waitForWorkflowCompletion(id);
    // attempts are tasks 0, 2 and 4 (1 and 3 are the retry timers)
    expect(state.output).toBe('child p3:0004 failed');
    const children = (await env.client.listWorkflows({ name: 'child' })).items
      .map((s) => s.instanceId)
      .sort();
    expect(children).toEqual(['p3:0000', 'p3:0002', 'p3:0004']);
    const history = await env.client.getWorkflowHistory(id);
    expect(
      history.filter((e) => e.type === 'TimerCreated').map((e) => (e.origin as { kind: string }).kind),
    ).toEqual(['childWorkflowRetry', 'childWorkflowRetry']);
  });
});

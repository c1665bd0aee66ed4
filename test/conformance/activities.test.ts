import 'reflect-metadata';
import {
  Activity,
  ActivityBase,
  TaskFailedError,
  Workflow,
  WorkflowBase,
  WorkflowStatus,
} from 'weft-workflows';
import type { ActivityContext, WorkflowContext } from 'weft-workflows';
import { BACKENDS, freshId, unlessDiffers, useBackend } from './support/backends';

jest.setTimeout(60_000);

@Activity({ name: 'cf_echo' })
class Echo extends ActivityBase<unknown, unknown> {
  async run(_ctx: ActivityContext, input: unknown): Promise<unknown> {
    return input;
  }
}

@Activity({ name: 'cf_flaky' })
class Flaky extends ActivityBase<{ succeedAt: number }, number> {
  async run(ctx: ActivityContext, input: { succeedAt: number }): Promise<number> {
    if (ctx.attempt < input.succeedAt) throw new RangeError(`attempt ${ctx.attempt}`);
    return ctx.attempt;
  }
}

@Workflow({ name: 'cf_sequence' })
class Sequence extends WorkflowBase<unknown[], unknown[]> {
  async run(ctx: WorkflowContext, inputs: unknown[]): Promise<unknown[]> {
    const out: unknown[] = [];
    for (const value of inputs) out.push(await ctx.callActivity(Echo, value));
    ctx.setCustomStatus({ stage: 'done', n: out.length });
    return out;
  }
}

@Workflow({ name: 'cf_fan_out' })
class FanOut extends WorkflowBase<number, number[]> {
  async run(ctx: WorkflowContext, n: number): Promise<number[]> {
    return ctx.whenAll(Array.from({ length: n }, (_, i) => ctx.callActivity<number>(Echo, i * i)));
  }
}

@Workflow({ name: 'cf_retries' })
class Retries extends WorkflowBase<{ succeedAt: number; attempts: number }, unknown> {
  async run(ctx: WorkflowContext, input: { succeedAt: number; attempts: number }): Promise<unknown> {
    const retryPolicy = { maxNumberOfAttempts: input.attempts, firstRetryInterval: 5, backoffCoefficient: 2 };
    try {
      return {
        attempt: await ctx.callActivity<number>(Flaky, { succeedAt: input.succeedAt }, { retryPolicy }),
      };
    } catch (err) {
      const e = err as TaskFailedError;
      return { failed: e instanceof TaskFailedError, code: e.code, details: e.details };
    }
  }
}

@Workflow({ name: 'cf_child' })
class Child extends WorkflowBase<{ fail: boolean; value: unknown }, unknown> {
  async run(ctx: WorkflowContext, input: { fail: boolean; value: unknown }): Promise<unknown> {
    if (input.fail) throw new TypeError(`child refused ${String(input.value)}`);
    return ctx.callActivity(Echo, input.value);
  }
}

@Workflow({ name: 'cf_parent' })
class Parent extends WorkflowBase<{ fail: boolean; value: unknown }, unknown> {
  async run(ctx: WorkflowContext, input: { fail: boolean; value: unknown }): Promise<unknown> {
    try {
      return { output: await ctx.callChildWorkflow(Child, input, { instanceId: `${ctx.instanceId}-child` }) };
    } catch (err) {
      const e = err as TaskFailedError;
      return {
        failed: e instanceof TaskFailedError,
        errorType: e.details.errorType,
        message: e.details.message,
      };
    }
  }
}

@Activity({ name: 'cf_throws_values' })
class ThrowsValues extends ActivityBase<string, void> {
  async run(_ctx: ActivityContext, kind: string): Promise<void> {
    if (kind === 'string') throw 'plain string';
    if (kind === 'object') throw { reason: 'object thrown' };
    if (kind === 'undefined') throw undefined;
    throw new RangeError('a real error');
  }
}

@Workflow({ name: 'cf_catches' })
class Catches extends WorkflowBase<string[], unknown[]> {
  async run(ctx: WorkflowContext, kinds: string[]): Promise<unknown[]> {
    const out: unknown[] = [];
    for (const kind of kinds) {
      try {
        await ctx.callActivity(ThrowsValues, kind);
      } catch (err) {
        const e = err as TaskFailedError;
        out.push({
          isTaskFailed: e instanceof TaskFailedError,
          ...e.details,
          stackTrace: !!e.details.stackTrace,
        });
      }
    }
    return out;
  }
}

@Workflow({ name: 'cf_calls_missing' })
class CallsMissing extends WorkflowBase<void, void> {
  async run(ctx: WorkflowContext): Promise<void> {
    await ctx.callActivity('no_such_activity');
  }
}

@Workflow({ name: 'cf_throws' })
class Throws extends WorkflowBase<void, void> {
  async run(): Promise<void> {
    throw new TypeError('workflow code broke');
  }
}

@Workflow({ name: 'cf_context_facts' })
class ContextFacts extends WorkflowBase<void, unknown> {
  async run(ctx: WorkflowContext): Promise<unknown> {
    const first = {
      time: ctx.currentUtcDateTime.toISOString(),
      guid: ctx.newGuid(),
      replaying: ctx.isReplaying,
    };
    await ctx.callActivity(Echo, 1);
    const second = { time: ctx.currentUtcDateTime.toISOString(), guid: ctx.newGuid() };
    return { first, second, name: ctx.name, id: ctx.instanceId };
  }
}

const RETRY =
  "durabletask-go reference: the workflow sees the first failure and schedules no retry (Weft's retry over the protocol depends on something the reference does not return; see the report)";

describe.each(BACKENDS)('activities, retries and children on %s', (kind) => {
  const setup = useBackend(kind, {
    workflows: [Sequence, FanOut, Retries, Child, Parent, Catches, CallsMissing, Throws, ContextFacts],
    activities: [Echo, Flaky, ThrowsValues],
  });

  it('runs activities in sequence; 0, "", false, null and nested JSON survive; custom status is kept', async () => {
    const { client } = setup();
    const values = [0, '', false, null, { a: [1, 'x', { b: null }] }, 'unicode ✓ 漢字'];
    const id = await client.scheduleNewWorkflow(Sequence, values, { instanceId: freshId('seq') });
    const state = await client.waitForWorkflowCompletion(id);
    expect(state.status).toBe(WorkflowStatus.COMPLETED);
    expect(state.input).toEqual(values);
    expect(state.output).toEqual(values);
    expect(state.customStatus).toEqual({ stage: 'done', n: values.length });
  });

  it('records history in protocol order with task ids linking outcomes to their schedules', async () => {
    const { client } = setup();
    const id = await client.scheduleNewWorkflow(Sequence, ['a', 'b'], { instanceId: freshId('hist') });
    await client.waitForWorkflowCompletion(id);
    const history = await client.getWorkflowHistory(id);
    expect(history.map((e) => e.type)).toEqual([
      'WorkflowStarted',
      'ExecutionStarted',
      'TaskScheduled',
      'WorkflowStarted',
      'TaskCompleted',
      'TaskScheduled',
      'WorkflowStarted',
      'TaskCompleted',
      'ExecutionCompleted',
    ]);
    const scheduled = history.filter((e) => e.type === 'TaskScheduled');
    expect(scheduled.map((e) => [e.eventId, e.name, e.input])).toEqual([
      [0, 'cf_echo', 'a'],
      [1, 'cf_echo', 'b'],
    ]);
    expect(
      history.filter((e) => e.type === 'TaskCompleted').map((e) => [e.taskScheduledId, e.result]),
    ).toEqual([
      [0, 'a'],
      [1, 'b'],
    ]);
  });

  it('fans out and in with whenAll, results in task order', async () => {
    const { client } = setup();
    const id = await client.scheduleNewWorkflow(FanOut, 8, { instanceId: freshId('fan') });
    const state = await client.waitForWorkflowCompletion(id);
    expect(state.output).toEqual([0, 1, 4, 9, 16, 25, 36, 49]);
  });

  unlessDiffers(kind, { reference: RETRY })(
    'retries on durable timers; ActivityContext.attempt counts from 1',
    async () => {
      const { client } = setup();
      const id = await client.scheduleNewWorkflow(
        Retries,
        { succeedAt: 3, attempts: 5 },
        { instanceId: freshId('retry') },
      );
      const state = await client.waitForWorkflowCompletion(id);
      expect(state.output).toEqual({ attempt: 3 });
      const history = await client.getWorkflowHistory(id);
      expect(history.filter((e) => e.type === 'TaskFailed')).toHaveLength(2);
      expect(history.filter((e) => e.type === 'TimerCreated')).toHaveLength(2);
    },
  );

  unlessDiffers(kind, { reference: RETRY })(
    'gives up after maxNumberOfAttempts with TaskFailedError carrying the last failure',
    async () => {
      const { client } = setup();
      const id = await client.scheduleNewWorkflow(
        Retries,
        { succeedAt: 99, attempts: 2 },
        { instanceId: freshId('giveup') },
      );
      const state = await client.waitForWorkflowCompletion(id);
      expect(state.output).toMatchObject({
        failed: true,
        code: 'TASK_FAILED',
        details: { errorType: 'RangeError', message: 'attempt 2' },
      });
      expect((state.output as { details: { stackTrace?: string } }).details.stackTrace).toContain(
        'attempt 2',
      );
    },
  );

  it('returns a child workflow output to its parent, with the parent link on the child', async () => {
    const { client } = setup();
    const id = await client.scheduleNewWorkflow(
      Parent,
      { fail: false, value: 0 },
      { instanceId: freshId('parent') },
    );
    const state = await client.waitForWorkflowCompletion(id);
    expect(state.output).toEqual({ output: 0 });
    const child = await client.getWorkflowState(`${id}-child`);
    expect(child?.status).toBe(WorkflowStatus.COMPLETED);
    expect(child?.parentInstanceId).toBe(id);
  });

  it('delivers a child failure to the parent as TaskFailedError with the child error type', async () => {
    const { client } = setup();
    const id = await client.scheduleNewWorkflow(
      Parent,
      { fail: true, value: 'x' },
      { instanceId: freshId('parentf') },
    );
    const state = await client.waitForWorkflowCompletion(id);
    expect(state.status).toBe(WorkflowStatus.COMPLETED);
    expect(state.output).toMatchObject({ failed: true, errorType: 'TypeError' });
    expect((state.output as { message: string }).message).toContain('child refused x');
    expect((await client.getWorkflowState(`${id}-child`))?.status).toBe(WorkflowStatus.FAILED);
  });

  it('turns thrown non-Error values into TaskFailedError with a readable message', async () => {
    const { client } = setup();
    const id = await client.scheduleNewWorkflow(Catches, ['string', 'object', 'undefined', 'error'], {
      instanceId: freshId('catches'),
    });
    const state = await client.waitForWorkflowCompletion(id);
    expect(state.status).toBe(WorkflowStatus.COMPLETED);
    expect(state.output).toEqual([
      { isTaskFailed: true, errorType: 'string', message: 'plain string', stackTrace: false },
      { isTaskFailed: true, errorType: 'Object', message: '{"reason":"object thrown"}', stackTrace: false },
      { isTaskFailed: true, errorType: 'undefined', message: 'undefined', stackTrace: false },
      { isTaskFailed: true, errorType: 'RangeError', message: 'a real error', stackTrace: true },
    ]);
  });

  it('fails the instance when it calls an unknown activity, naming it', async () => {
    const { client } = setup();
    const id = await client.scheduleNewWorkflow(CallsMissing, undefined, { instanceId: freshId('missing') });
    const state = await client.waitForWorkflowCompletion(id);
    expect(state.status).toBe(WorkflowStatus.FAILED);
    expect(state.failureDetails?.errorType).toBe('TaskFailedError');
    expect(state.failureDetails?.message).toContain("No activity named 'no_such_activity' is registered");
  });

  it('fails the instance with the type, message and stack of an unhandled error', async () => {
    const { client } = setup();
    const id = await client.scheduleNewWorkflow(Throws, undefined, { instanceId: freshId('throws') });
    const state = await client.waitForWorkflowCompletion(id);
    expect(state.status).toBe(WorkflowStatus.FAILED);
    expect(state.failureDetails).toMatchObject({ errorType: 'TypeError', message: 'workflow code broke' });
    expect(state.failureDetails?.stackTrace).toContain('TypeError: workflow code broke');
  });

  it('gives a deterministic time (the WorkflowStarted timestamps) and guid, a name and an id', async () => {
    const { client } = setup();
    const id = await client.scheduleNewWorkflow(ContextFacts, undefined, { instanceId: freshId('facts') });
    const state = await client.waitForWorkflowCompletion(id);
    const out = state.output as {
      first: { time: string; guid: string; replaying: boolean };
      second: { time: string; guid: string };
      name: string;
      id: string;
    };
    expect(out.name).toBe('cf_context_facts');
    expect(out.id).toBe(id);
    expect(out.first.replaying).toBe(false);
    expect(out.first.guid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(out.first.guid).not.toBe(out.second.guid);
    const history = await client.getWorkflowHistory(id);
    const started = history.filter((e) => e.type === 'WorkflowStarted').map((e) => e.timestamp.toISOString());
    expect(started.slice(0, 2)).toEqual([out.first.time, out.second.time]);
  });
});

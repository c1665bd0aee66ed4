import 'reflect-metadata';
import {
  Activity,
  ActivityBase,
  NonDeterminismError,
  TaskFailedError,
  Workflow,
  WorkflowBase,
  WorkflowStatus,
  WorkflowTestEnvironment,
} from 'weft-workflows';
import type { ActivityContext, WorkflowContext } from 'weft-workflows';

@Activity({ name: 'echo' })
class Echo extends ActivityBase<unknown, unknown> {
  async run(_ctx: ActivityContext, input: unknown): Promise<unknown> {
    return input;
  }
}

@Workflow({ name: 'echo_all' })
class EchoAll extends WorkflowBase<unknown[], unknown[]> {
  async run(ctx: WorkflowContext, inputs: unknown[]): Promise<unknown[]> {
    const out: unknown[] = [];
    for (const value of inputs) out.push(await ctx.callActivity(Echo, value));
    return out;
  }
}

@Workflow({ name: 'fan_out' })
class FanOut extends WorkflowBase<number, number[]> {
  async run(ctx: WorkflowContext, n: number): Promise<number[]> {
    const tasks = Array.from({ length: n }, (_, i) => ctx.callActivity<number>('echo', i * i));
    return ctx.whenAll(tasks);
  }
}

@Workflow({ name: 'context_facts' })
class ContextFacts extends WorkflowBase<void, unknown> {
  async run(ctx: WorkflowContext): Promise<unknown> {
    const first = {
      time: ctx.currentUtcDateTime.toISOString(),
      guid: ctx.newGuid(),
      replaying: ctx.isReplaying,
    };
    await ctx.callActivity(Echo, 1);
    const second = {
      time: ctx.currentUtcDateTime.toISOString(),
      guid: ctx.newGuid(),
      replaying: ctx.isReplaying,
    };
    ctx.setCustomStatus({ stage: 'done', n: 0 });
    return { first, second, name: ctx.name, id: ctx.instanceId };
  }
}

describe('activities and workflows through the public API', () => {
  let env: WorkflowTestEnvironment;
  beforeEach(async () => {
    env = await WorkflowTestEnvironment.create({
      workflows: [EchoAll, FanOut, ContextFacts],
      activities: [Echo],
    });
  });
  afterEach(() => env.teardown());

  it('round-trips 0, "", false, null and nested JSON through activities and workflow output', async () => {
    const values = [0, '', false, null, { a: [1, 'x', { b: null }] }, 'unicode ✓ 漢字'];
    const id = await env.client.scheduleNewWorkflow(EchoAll, values);
    const state = await env.client.waitForWorkflowCompletion(id);
    expect(state.status).toBe(WorkflowStatus.COMPLETED);
    expect(state.output).toEqual(values);
    expect(state.input).toEqual(values);
  });

  it('whenAll returns every result in order', async () => {
    const id = await env.client.scheduleNewWorkflow('fan_out', 6);
    const state = await env.client.waitForWorkflowCompletion(id);
    expect(state.output).toEqual([0, 1, 4, 9, 16, 25]);
  });

  it('gives a deterministic time and guid, a name and id, and keeps custom status', async () => {
    const id = await env.client.scheduleNewWorkflow(ContextFacts, undefined, { instanceId: 'facts-1' });
    const state = await env.client.waitForWorkflowCompletion(id);
    const out = state.output as {
      first: { time: string; guid: string; replaying: boolean };
      second: { time: string; guid: string };
      name: string;
      id: string;
    };
    expect(out.name).toBe('context_facts');
    expect(out.id).toBe('facts-1');
    expect(out.first.replaying).toBe(false);
    expect(out.first.guid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(out.first.guid).not.toBe(out.second.guid);
    expect(state.customStatus).toEqual({ stage: 'done', n: 0 });
    // The times are the WorkflowStarted timestamps recorded in history.
    const history = await env.client.getWorkflowHistory(id);
    const started = history.filter((e) => e.type === 'WorkflowStarted').map((e) => e.timestamp.toISOString());
    expect(started.slice(0, 2)).toEqual([out.first.time, out.second.time]);
  });

  it('records history in protocol order with sequence numbers as event ids', async () => {
    const id = await env.client.scheduleNewWorkflow(EchoAll, ['a', 'b']);
    await env.client.waitForWorkflowCompletion(id);
    const history = await env.client.getWorkflowHistory(id);
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
      [0, 'echo', 'a'],
      [1, 'echo', 'b'],
    ]);
    expect(
      history.filter((e) => e.type === 'TaskCompleted').map((e) => [e.taskScheduledId, e.result]),
    ).toEqual([
      [0, 'a'],
      [1, 'b'],
    ]);
    expect(history.every((e) => e.timestamp instanceof Date)).toBe(true);
  });
});

describe('errors inside workflows', () => {
  @Activity({ name: 'throws_values' })
  class ThrowsValues extends ActivityBase<string, void> {
    async run(_ctx: ActivityContext, kind: string): Promise<void> {
      if (kind === 'string') throw 'plain string';
      if (kind === 'object') throw { reason: 'object thrown' };
      if (kind === 'undefined') throw undefined;
      throw new RangeError('a real error');
    }
  }

  @Workflow({ name: 'catches' })
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
            code: e.code,
            ...e.details,
            stackTrace: !!e.details.stackTrace,
          });
        }
      }
      return out;
    }
  }

  @Workflow({ name: 'calls_missing' })
  class CallsMissing extends WorkflowBase<void, void> {
    async run(ctx: WorkflowContext): Promise<void> {
      await ctx.callActivity('no_such_activity');
    }
  }

  @Workflow({ name: 'throws' })
  class Throws extends WorkflowBase<void, void> {
    async run(): Promise<void> {
      throw new TypeError('workflow code broke');
    }
  }

  let env: WorkflowTestEnvironment;
  beforeEach(async () => {
    env = await WorkflowTestEnvironment.create({
      workflows: [Catches, CallsMissing, Throws],
      activities: [ThrowsValues],
    });
  });
  afterEach(() => env.teardown());

  it('turns thrown non-Error values into TaskFailedError with a readable message', async () => {
    const id = await env.client.scheduleNewWorkflow(Catches, ['string', 'object', 'undefined', 'error']);
    const state = await env.client.waitForWorkflowCompletion(id);
    expect(state.status).toBe(WorkflowStatus.COMPLETED);
    expect(state.output).toEqual([
      {
        isTaskFailed: true,
        code: 'TASK_FAILED',
        errorType: 'string',
        message: 'plain string',
        stackTrace: false,
      },
      {
        isTaskFailed: true,
        code: 'TASK_FAILED',
        errorType: 'Object',
        message: '{"reason":"object thrown"}',
        stackTrace: false,
      },
      {
        isTaskFailed: true,
        code: 'TASK_FAILED',
        errorType: 'undefined',
        message: 'undefined',
        stackTrace: false,
      },
      {
        isTaskFailed: true,
        code: 'TASK_FAILED',
        errorType: 'RangeError',
        message: 'a real error',
        stackTrace: true,
      },
    ]);
  });

  it('fails the instance when it calls an unknown activity, naming it', async () => {
    const id = await env.client.scheduleNewWorkflow(CallsMissing);
    const state = await env.client.waitForWorkflowCompletion(id);
    expect(state.status).toBe(WorkflowStatus.FAILED);
    expect(state.failureDetails?.errorType).toBe('TaskFailedError');
    expect(state.failureDetails?.message).toContain("No activity named 'no_such_activity' is registered");
  });

  it('fails the instance with the type, message and stack of an unhandled error', async () => {
    const id = await env.client.scheduleNewWorkflow(Throws);
    const state = await env.client.waitForWorkflowCompletion(id);
    expect(state.status).toBe(WorkflowStatus.FAILED);
    expect(state.failureDetails).toMatchObject({ errorType: 'TypeError', message: 'workflow code broke' });
    expect(state.failureDetails?.stackTrace).toContain('TypeError: workflow code broke');
  });

  it('exports NonDeterminismError with its stable code', () => {
    expect(new NonDeterminismError('x').code).toBe('NON_DETERMINISM');
  });
});

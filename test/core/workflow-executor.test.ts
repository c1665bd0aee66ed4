import { WorkflowExecutor, WorkflowStatus, newEvent } from '../../src/core';
import type {
  ExecutionEnvironment,
  HistoryEvent,
  WorkflowContext,
  WorkflowAction,
  WorkflowFunction,
  WorkflowWorkItem,
} from '../../src/core';
import { uuidV5 } from '../../src/core/uuid-v5';
import { silentLogger } from '../../src/core';

function envWith(workflows: Record<string, WorkflowFunction>): ExecutionEnvironment {
  return {
    resolveWorkflow: (name) => (workflows[name] ? { code: workflows[name] } : undefined),
    nameOf: (target) => (typeof target === 'string' ? target : target.name),
    logger: silentLogger,
    maxPayloadBytes: 1 << 20,
  };
}

function item(instanceId: string, past: HistoryEvent[], fresh: HistoryEvent[]): WorkflowWorkItem {
  return { instanceId, pastEventCount: past.length, loadPastEvents: async () => past, newEvents: fresh };
}

const t0 = Date.UTC(2026, 0, 1);

/** History of an order workflow that reserved inventory (step 0), as recorded by an earlier version. */
const recorded: HistoryEvent[] = [
  newEvent('WorkflowStarted', t0, {}),
  newEvent('ExecutionStarted', t0, { name: 'order', input: '{"qty":1}' }),
  newEvent('TaskScheduled', t0, { eventId: 0, name: 'ReserveInventory', input: '1' }),
  newEvent('WorkflowStarted', t0 + 10, {}),
  newEvent('TaskCompleted', t0 + 10, { taskScheduledId: 0, result: 'true' }),
  newEvent('TaskScheduled', t0 + 10, { eventId: 1, name: 'ProcessPayment', input: '1' }),
];

describe('WorkflowExecutor (replay from built histories)', () => {
  it('replays a history and emits only the new step', async () => {
    const order = async (ctx: WorkflowContext, input: { qty: number }) => {
      const ok = await ctx.callActivity<boolean>('ReserveInventory', input.qty);
      const paid = await ctx.callActivity<string>('ProcessPayment', input.qty);
      return { ok, paid, replayingAtEnd: ctx.isReplaying };
    };
    const executor = new WorkflowExecutor(envWith({ order }), 0);
    const result = await executor.execute(
      item('o1', recorded, [
        newEvent('WorkflowStarted', t0 + 20, {}),
        newEvent('TaskCompleted', t0 + 20, { taskScheduledId: 1, result: '"paid"' }),
      ]),
    );
    expect(result.actions).toEqual([
      {
        type: 'CompleteWorkflow',
        id: 2,
        workflowStatus: WorkflowStatus.COMPLETED,
        result: JSON.stringify({ ok: true, paid: 'paid', replayingAtEnd: false }),
      },
    ]);
  });

  it('names both steps when replayed code calls a different activity', async () => {
    const changed = async (ctx: WorkflowContext) => {
      await ctx.callActivity('ReserveInventory', 1);
      await ctx.callActivity('ChargeCard', 1);
    };
    const executor = new WorkflowExecutor(envWith({ order: changed }), 0);
    const result = await executor.execute(item('o2', recorded, [newEvent('WorkflowStarted', t0 + 20, {})]));
    expect(result.actions).toHaveLength(1);
    const [done] = result.actions;
    expect(done).toMatchObject({ type: 'CompleteWorkflow', workflowStatus: WorkflowStatus.FAILED });
    const failure = (done as { failureDetails: { errorType: string; message: string } }).failureDetails;
    expect(failure.errorType).toBe('NonDeterminismError');
    expect(failure.message).toContain(
      "step 1: history scheduled activity 'ProcessPayment', the code now calls activity 'ChargeCard'",
    );
  });

  it('names the step when replayed code schedules nothing where history has a step', async () => {
    const shorter = async (ctx: WorkflowContext) => {
      await ctx.callActivity('ReserveInventory', 1);
      return 'done early';
    };
    const executor = new WorkflowExecutor(envWith({ order: shorter }), 0);
    const result = await executor.execute(item('o3', recorded, [newEvent('WorkflowStarted', t0 + 20, {})]));
    const failure = (result.actions[0] as { failureDetails: { message: string } }).failureDetails;
    expect(failure.message).toContain(
      "step 1: history scheduled activity 'ProcessPayment', the code now schedules nothing at this step",
    );
  });

  it('drives generator workflows: yield gives the task result, and a failed task is thrown into the generator', async () => {
    function* gen(ctx: WorkflowContext): Generator<unknown, string, unknown> {
      const a = (yield ctx.callActivity('ReserveInventory', 1)) as boolean;
      try {
        yield ctx.callActivity('ProcessPayment', 1);
      } catch (err) {
        return `reserved=${a}, payment failed: ${(err as Error).message}`;
      }
      return 'paid';
    }
    const executor = new WorkflowExecutor(envWith({ order: gen as unknown as WorkflowFunction }), 10);
    const result = await executor.execute(
      item('g1', recorded, [
        newEvent('WorkflowStarted', t0 + 20, {}),
        newEvent('TaskFailed', t0 + 20, {
          taskScheduledId: 1,
          failureDetails: { errorType: 'Error', message: 'card declined' },
        }),
      ]),
    );
    expect(result.actions[0]).toMatchObject({
      type: 'CompleteWorkflow',
      workflowStatus: WorkflowStatus.COMPLETED,
      result: JSON.stringify(
        "reserved=true, payment failed: Activity 'ProcessPayment' failed: card declined",
      ),
    });
  });

  it('continues a cached execution with only new events, and replays identically after eviction', async () => {
    let runs = 0;
    const wf = async (ctx: WorkflowContext) => {
      runs += 1;
      const x = await ctx.callActivity<number>('a', 1);
      const y = await ctx.callActivity<number>('b', x);
      return x + y;
    };
    const executor = new WorkflowExecutor(envWith({ wf }), 10);
    const h: HistoryEvent[] = [
      newEvent('WorkflowStarted', t0, {}),
      newEvent('ExecutionStarted', t0, { name: 'wf' }),
    ];
    const step1 = await executor.execute(item('c1', [], h));
    expect(step1.actions.map((a) => a.type)).toEqual(['ScheduleTask']);
    const history = [...h, newEvent('TaskScheduled', t0, { eventId: 0, name: 'a', input: '1' })];
    const step2New = [
      newEvent('WorkflowStarted', t0 + 1, {}),
      newEvent('TaskCompleted', t0 + 1, { taskScheduledId: 0, result: '5' }),
    ];
    const cached = await executor.execute(item('c1', history, step2New));
    expect(runs).toBe(1);
    executor.evict('c1');
    const replayed = await executor.execute(item('c1', history, step2New));
    expect(runs).toBe(2);
    expect(replayed).toEqual(cached);
    expect(cached.actions).toEqual([
      expect.objectContaining({ type: 'ScheduleTask', id: 1, name: 'b', input: '5' }),
    ]);
  });
});

describe('WorkflowExecutor deterministic GUIDs', () => {
  it("names each GUID by instance id, the step's time and a counter (Dapr .NET's NewGuid), also across steps", async () => {
    const guids = async (ctx: WorkflowContext) => {
      const first = [ctx.newGuid(), ctx.newGuid()];
      await ctx.callActivity('Tick');
      return [...first, ctx.newGuid()];
    };
    const executor = new WorkflowExecutor(envWith({ guids }), 10);
    const started = [
      newEvent('WorkflowStarted', t0, {}),
      newEvent('ExecutionStarted', t0, { name: 'guids' }),
    ];
    const first = await executor.execute(item('g1', [], started));
    const scheduled = first.actions[0] as Extract<WorkflowAction, { type: 'ScheduleTask' }>;
    const second = await executor.execute({
      instanceId: 'g1',
      pastEventCount: 3,
      loadPastEvents: async () => [],
      newEvents: [
        newEvent('WorkflowStarted', t0 + 1500, {}),
        newEvent('TaskCompleted', t0 + 1500, { taskScheduledId: 0 }),
      ],
    });
    const ns = '9e952958-5e33-4daf-827f-2fa12937b875';
    const at = (ms: number) => new Date(ms).toISOString();
    // GUID 2 went to the activity's task execution id, in the first step.
    expect(scheduled.taskExecutionId).toBe(uuidV5(`g1_${at(t0)}_2`, ns));
    const output = (second.actions[0] as Extract<WorkflowAction, { type: 'CompleteWorkflow' }>).result;
    expect(JSON.parse(output ?? '')).toEqual([
      uuidV5(`g1_${at(t0)}_0`, ns),
      uuidV5(`g1_${at(t0)}_1`, ns),
      uuidV5(`g1_${at(t0 + 1500)}_3`, ns),
    ]);
  });
});

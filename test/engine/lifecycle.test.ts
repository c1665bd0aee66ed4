import 'reflect-metadata';
import {
  Activity,
  ActivityBase,
  ValidationError,
  Workflow,
  WorkflowAlreadyExistsError,
  WorkflowBase,
  WorkflowNotFoundError,
  WorkflowNotRunningError,
  WorkflowNotTerminalError,
  WorkflowStatus,
  WorkflowTestEnvironment,
  TimeoutError,
} from 'weft-workflows';
import type { WorkflowContext } from 'weft-workflows';

@Activity({ name: 'step' })
class Step extends ActivityBase<number, number> {
  async run(_ctx: unknown, n: number): Promise<number> {
    return n + 1;
  }
}

@Workflow({ name: 'waits_for_events' })
class WaitsForEvents extends WorkflowBase<number, unknown[]> {
  async run(ctx: WorkflowContext, count: number): Promise<unknown[]> {
    const got: unknown[] = [];
    for (let i = 0; i < count; i++) {
      got.push(await ctx.waitForExternalEvent('go'));
      ctx.setCustomStatus({ received: got.length });
    }
    return got;
  }
}

@Workflow({ name: 'family' })
class Family extends WorkflowBase<number, void> {
  async run(ctx: WorkflowContext, depth: number): Promise<void> {
    if (depth > 0) await ctx.callChildWorkflow(Family, depth - 1);
    else await ctx.waitForExternalEvent('never');
  }
}

@Workflow({ name: 'counter_loop' })
class CounterLoop extends WorkflowBase<{ n: number; until: number; events: unknown[] }, unknown> {
  async run(ctx: WorkflowContext, state: { n: number; until: number; events: unknown[] }): Promise<unknown> {
    const n = await ctx.callActivity<number>(Step, state.n);
    if (n === 2) {
      // Events raised before this point wait in the buffer; carry them into the next execution.
      await ctx.createTimer(1000);
    }
    if (n < state.until) {
      ctx.continueAsNew({ ...state, n }, { preserveUnprocessedEvents: true });
      return undefined;
    }
    const e1 = await ctx.waitForExternalEvent('carry');
    const e2 = await ctx.waitForExternalEvent('carry');
    return { n, events: [e1, e2] };
  }
}

describe('instance lifecycle', () => {
  let env: WorkflowTestEnvironment;
  beforeEach(async () => {
    env = await WorkflowTestEnvironment.create({
      workflows: [WaitsForEvents, Family, CounterLoop],
      activities: [Step],
    });
  });
  afterEach(() => env.teardown());

  it('suspend holds progress and keeps events; resume delivers them', async () => {
    const id = await env.client.scheduleNewWorkflow(WaitsForEvents, 2);
    await env.client.waitForWorkflowStart(id);
    await env.client.suspendWorkflow(id, 'maintenance');
    await env.client.raiseEvent(id, 'go', 'first');
    await env.client.raiseEvent(id, 'go', 'second');
    await env.sleep(1000);
    const suspended = await env.client.getWorkflowState(id);
    expect(suspended?.status).toBe(WorkflowStatus.SUSPENDED);
    expect(suspended?.customStatus).toBeUndefined();
    await env.client.resumeWorkflow(id);
    const done = await env.client.waitForWorkflowCompletion(id);
    expect(done.status).toBe(WorkflowStatus.COMPLETED);
    expect(done.output).toEqual(['first', 'second']);
    const types = (await env.client.getWorkflowHistory(id)).map((e) => e.type);
    expect(types).toContain('ExecutionSuspended');
    expect(types).toContain('ExecutionResumed');
  });

  it('terminate ends the instance and its children; purge removes the whole tree', async () => {
    const id = await env.client.scheduleNewWorkflow(Family, 2, { instanceId: 'root' });
    await env.sleep(100);
    expect((await env.client.getWorkflowState('root:0000:0000'))?.status).toBe(WorkflowStatus.RUNNING);
    await env.client.terminateWorkflow(id, { output: { reason: 'test' } });
    const state = await env.client.waitForWorkflowCompletion(id);
    expect(state.status).toBe(WorkflowStatus.TERMINATED);
    expect(state.output).toEqual({ reason: 'test' });
    expect((await env.client.waitForWorkflowCompletion('root:0000')).status).toBe(WorkflowStatus.TERMINATED);
    expect((await env.client.waitForWorkflowCompletion('root:0000:0000')).status).toBe(
      WorkflowStatus.TERMINATED,
    );

    expect(await env.client.purgeWorkflow(id)).toBe(true);
    for (const gone of ['root', 'root:0000', 'root:0000:0000']) {
      expect(await env.client.getWorkflowState(gone)).toBeUndefined();
    }
    await expect(env.client.getWorkflowHistory('root')).rejects.toBeInstanceOf(WorkflowNotFoundError);
    expect(await env.client.purgeWorkflow(id)).toBe(false);
  });

  it('terminate with recursive: false leaves children running', async () => {
    const id = await env.client.scheduleNewWorkflow(Family, 1, { instanceId: 'solo' });
    await env.sleep(100);
    await env.client.terminateWorkflow(id, { recursive: false });
    await env.client.waitForWorkflowCompletion(id);
    await env.sleep(100);
    expect((await env.client.getWorkflowState('solo:0000'))?.status).toBe(WorkflowStatus.RUNNING);
    // purge of the parent is refused while the child runs; forced and not recursive, it keeps the child
    await expect(env.client.purgeWorkflow(id)).rejects.toBeInstanceOf(WorkflowNotTerminalError);
    expect(await env.client.purgeWorkflow(id, { recursive: false, force: true })).toBe(true);
    expect((await env.client.getWorkflowState('solo:0000'))?.status).toBe(WorkflowStatus.RUNNING);
  });

  it('continueAsNew restarts with new input under the same id and carries unprocessed events when asked', async () => {
    const id = await env.client.scheduleNewWorkflow(CounterLoop, { n: 0, until: 4, events: [] });
    await env.client.raiseEvent(id, 'carry', 'e1');
    await env.client.raiseEvent(id, 'carry', 'e2');
    const state = await env.client.waitForWorkflowCompletion(id);
    expect(state.status).toBe(WorkflowStatus.COMPLETED);
    expect(state.output).toEqual({ n: 4, events: ['e1', 'e2'] });
    expect(state.input).toEqual({ n: 3, until: 4, events: [] });
    const history = await env.client.getWorkflowHistory(id);
    expect(history.filter((e) => e.type === 'ExecutionStarted')).toHaveLength(1);
  });

  it('startAt keeps the instance PENDING until the time comes', async () => {
    const startAt = new Date(env.currentTime.getTime() + 60_000);
    const id = await env.client.scheduleNewWorkflow(WaitsForEvents, 0, { startAt });
    await env.sleep(30_000);
    expect((await env.client.getWorkflowState(id))?.status).toBe(WorkflowStatus.PENDING);
    await env.sleep(31_000);
    const state = await env.client.getWorkflowState(id);
    expect(state?.status).toBe(WorkflowStatus.COMPLETED);
    const history = await env.client.getWorkflowHistory(id);
    expect(history[0].timestamp.getTime()).toBeGreaterThanOrEqual(startAt.getTime());
  });
});

describe('client errors: a clear error and nothing stored', () => {
  let env: WorkflowTestEnvironment;
  beforeEach(async () => {
    env = await WorkflowTestEnvironment.create({
      workflows: [WaitsForEvents],
      activities: [Step],
      maxPayloadBytes: 1024,
    });
  });
  afterEach(() => env.teardown());

  const count = async () => (await env.client.listWorkflows()).items.length;

  it('refuses unknown workflow names', async () => {
    await expect(env.client.scheduleNewWorkflow('nope')).rejects.toThrow(WorkflowNotFoundError);
    await expect(env.client.scheduleNewWorkflow('nope')).rejects.toThrow(
      /No workflow named 'nope' is registered. Registered: waits_for_events/,
    );
    expect(await count()).toBe(0);
  });

  it('refuses input that is not JSON-serialisable or over the size limit', async () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    await expect(env.client.scheduleNewWorkflow(WaitsForEvents, BigInt(1))).rejects.toThrow(ValidationError);
    await expect(env.client.scheduleNewWorkflow(WaitsForEvents, cyclic)).rejects.toThrow(
      /not JSON-serialisable/,
    );
    await expect(env.client.scheduleNewWorkflow(WaitsForEvents, () => 1)).rejects.toThrow(ValidationError);
    await expect(env.client.scheduleNewWorkflow(WaitsForEvents, 'x'.repeat(2000))).rejects.toThrow(
      /over the limit of 1024 bytes/,
    );
    await expect(env.client.scheduleNewWorkflow(WaitsForEvents, 1, { instanceId: '' })).rejects.toThrow(
      ValidationError,
    );
    expect(await count()).toBe(0);
  });

  it('refuses a duplicate id while the instance runs, and reuses it once finished', async () => {
    await env.client.scheduleNewWorkflow(WaitsForEvents, 1, { instanceId: 'dup' });
    const err = await env.client
      .scheduleNewWorkflow(WaitsForEvents, 1, { instanceId: 'dup' })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WorkflowAlreadyExistsError);
    expect((err as WorkflowAlreadyExistsError).code).toBe('WORKFLOW_ALREADY_EXISTS');
    await env.client.raiseEvent('dup', 'go', 'x');
    expect((await env.client.waitForWorkflowCompletion('dup')).output).toEqual(['x']);
    await env.client.scheduleNewWorkflow(WaitsForEvents, 0, { instanceId: 'dup' });
    const second = await env.client.waitForWorkflowCompletion('dup');
    expect(second.output).toEqual([]);
    expect((await env.client.getWorkflowHistory('dup')).filter((e) => e.type === 'EventRaised')).toHaveLength(
      0,
    );
  });

  it('answers operations on unknown and finished instances with coded errors', async () => {
    await expect(env.client.raiseEvent('ghost', 'go')).rejects.toThrow(WorkflowNotFoundError);
    await expect(env.client.suspendWorkflow('ghost')).rejects.toThrow(WorkflowNotFoundError);
    await expect(env.client.terminateWorkflow('ghost')).rejects.toThrow(WorkflowNotFoundError);
    await expect(env.client.waitForWorkflowCompletion('ghost')).rejects.toThrow(WorkflowNotFoundError);
    expect(await env.client.getWorkflowState('ghost')).toBeUndefined();
    expect(await env.client.purgeWorkflow('ghost')).toBe(false);

    const id = await env.client.scheduleNewWorkflow(WaitsForEvents, 0);
    await env.client.waitForWorkflowCompletion(id);
    const before = (await env.client.getWorkflowHistory(id)).length;
    for (const op of [
      () => env.client.raiseEvent(id, 'go', 1),
      () => env.client.suspendWorkflow(id),
      () => env.client.resumeWorkflow(id),
      () => env.client.terminateWorkflow(id),
    ]) {
      const err = await op().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(WorkflowNotRunningError);
      expect((err as Error).message).toMatch(/it is COMPLETED/);
    }
    expect((await env.client.getWorkflowHistory(id)).length).toBe(before);
  });

  it('refuses to purge a running instance', async () => {
    const id = await env.client.scheduleNewWorkflow(WaitsForEvents, 1);
    const err = await env.client.purgeWorkflow(id).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WorkflowNotTerminalError);
    expect((err as Error).message).toContain('Terminate it first');
    expect(await env.client.getWorkflowState(id)).toBeDefined();
  });

  it('times out waits with TimeoutError', async () => {
    const id = await env.client.scheduleNewWorkflow(WaitsForEvents, 1);
    await expect(env.client.waitForWorkflowCompletion(id, { timeoutMs: 50 })).rejects.toThrow(TimeoutError);
  });
});

describe('work of an earlier execution never reports into a later one', () => {
  @Activity({ name: 'slow_echo' })
  class SlowEcho extends ActivityBase<{ ms: number; value: string }, string> {
    async run(_ctx: unknown, input: { ms: number; value: string }): Promise<string> {
      await new Promise((r) => setTimeout(r, input.ms));
      return input.value;
    }
  }

  @Workflow({ name: 'child_sleeper' })
  class ChildSleeper extends WorkflowBase<number, string> {
    async run(ctx: WorkflowContext, ms: number): Promise<string> {
      return ctx.callActivity(SlowEcho, { ms, value: 'old child' });
    }
  }

  @Workflow({ name: 'restarts_with_work_in_flight' })
  class RestartsWithWorkInFlight extends WorkflowBase<number, unknown> {
    async run(ctx: WorkflowContext, round: number): Promise<unknown> {
      if (round === 0) {
        // task 0 (an activity) and task 1 (a child) are still running when the execution continues as new
        ctx.callActivity(SlowEcho, { ms: 100, value: 'old activity' });
        ctx.callChildWorkflow(ChildSleeper, 100);
        ctx.continueAsNew(1);
        return undefined;
      }
      const a = ctx.callActivity<string>(SlowEcho, { ms: 600, value: 'new activity' });
      const b = ctx.callActivity<string>(SlowEcho, { ms: 600, value: 'new second' });
      return ctx.whenAll([a, b]);
    }
  }

  it('drops results of activities and children started before continue-as-new', async () => {
    const env = await WorkflowTestEnvironment.create({
      workflows: [RestartsWithWorkInFlight, ChildSleeper],
      activities: [SlowEcho],
    });
    try {
      const id = await env.client.scheduleNewWorkflow(RestartsWithWorkInFlight, 0, { instanceId: 'can' });
      const state = await env.client.waitForWorkflowCompletion(id, { timeoutMs: 10_000 });
      expect(state.output).toEqual(['new activity', 'new second']);
      expect((await env.client.waitForWorkflowCompletion('can:0001')).output).toBe('old child');
    } finally {
      await env.teardown();
    }
  });
});

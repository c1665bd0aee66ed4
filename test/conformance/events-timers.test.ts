import 'reflect-metadata';
import { TimeoutError, Workflow, WorkflowBase, WorkflowStatus } from 'weft-workflows';
import type { WorkflowContext } from 'weft-workflows';
import { BACKENDS, freshId, useBackend } from './support/backends';

jest.setTimeout(60_000);

@Workflow({ name: 'cf_collect' })
class Collect extends WorkflowBase<{ name: string; count: number }, unknown[]> {
  async run(ctx: WorkflowContext, input: { name: string; count: number }): Promise<unknown[]> {
    const got: unknown[] = [];
    for (let i = 0; i < input.count; i++) got.push(await ctx.waitForExternalEvent(input.name));
    return got;
  }
}

@Workflow({ name: 'cf_race' })
class Race extends WorkflowBase<{ timerMs: number }, string> {
  async run(ctx: WorkflowContext, input: { timerMs: number }): Promise<string> {
    const approval = ctx.waitForExternalEvent<string>('approval');
    const timer = ctx.createTimer(input.timerMs);
    const winner = await ctx.whenAny([approval, timer]);
    return winner === approval ? `event:${await approval}` : winner === timer ? 'timer' : 'neither';
  }
}

@Workflow({ name: 'cf_timeout' })
class Timeout extends WorkflowBase<{ timeoutMs: number }, unknown> {
  async run(ctx: WorkflowContext, input: { timeoutMs: number }): Promise<unknown> {
    try {
      return { event: await ctx.waitForExternalEvent('late', { timeoutMs: input.timeoutMs }) };
    } catch (err) {
      return { timedOut: err instanceof TimeoutError, code: (err as TimeoutError).code };
    }
  }
}

@Workflow({ name: 'cf_timer' })
class Timer extends WorkflowBase<number, number> {
  async run(ctx: WorkflowContext, ms: number): Promise<number> {
    const before = ctx.currentUtcDateTime.getTime();
    await ctx.createTimer(ms);
    return ctx.currentUtcDateTime.getTime() - before;
  }
}

describe.each(BACKENDS)('external events and timers on %s', (kind) => {
  const setup = useBackend(kind, { workflows: [Collect, Race, Timeout, Timer], activities: [] });

  it('buffers events raised before the wait, matches names case-insensitively, FIFO per name', async () => {
    const { client } = setup();
    const id = freshId('fifo');
    await client.scheduleNewWorkflow(Collect, { name: 'Approval', count: 3 }, { instanceId: id });
    await client.raiseEvent(id, 'APPROVAL', 0);
    await client.raiseEvent(id, 'other', 'ignored');
    await client.raiseEvent(id, 'approval', '');
    await client.raiseEvent(id, 'Approval', null);
    const state = await client.waitForWorkflowCompletion(id);
    expect(state.status).toBe(WorkflowStatus.COMPLETED);
    expect(state.output).toEqual([0, '', null]);
  });

  it('delivers an event raised while the workflow is already waiting', async () => {
    const { client } = setup();
    const id = await client.scheduleNewWorkflow(
      Collect,
      { name: 'go', count: 1 },
      { instanceId: freshId('live') },
    );
    await client.waitForWorkflowStart(id);
    await client.raiseEvent(id, 'go', { ok: false });
    expect((await client.waitForWorkflowCompletion(id)).output).toEqual([{ ok: false }]);
  });

  it('whenAny returns the event task when the event comes first', async () => {
    const { client } = setup();
    const id = freshId('race-event');
    await client.scheduleNewWorkflow(Race, { timerMs: 3_600_000 }, { instanceId: id });
    await client.raiseEvent(id, 'approval', 'yes');
    expect((await client.waitForWorkflowCompletion(id)).output).toBe('event:yes');
  });

  it('whenAny returns the timer task when the timer fires first', async () => {
    const { client } = setup();
    const id = await client.scheduleNewWorkflow(Race, { timerMs: 20 }, { instanceId: freshId('race-timer') });
    expect((await client.waitForWorkflowCompletion(id)).output).toBe('timer');
  });

  it('waitForExternalEvent with timeoutMs rejects with TimeoutError', async () => {
    const { client } = setup();
    const id = await client.scheduleNewWorkflow(
      Timeout,
      { timeoutMs: 20 },
      { instanceId: freshId('timeout') },
    );
    expect((await client.waitForWorkflowCompletion(id)).output).toEqual({ timedOut: true, code: 'TIMEOUT' });
  });

  it('an event buffered before a wait with timeoutMs completes it', async () => {
    const { client } = setup();
    const id = freshId('no-timeout');
    await client.scheduleNewWorkflow(Timeout, { timeoutMs: 3_600_000 }, { instanceId: id });
    await client.raiseEvent(id, 'late', 7);
    expect((await client.waitForWorkflowCompletion(id)).output).toEqual({ event: 7 });
  });

  it('fires a durable timer no earlier than its due time, in workflow time', async () => {
    const { client } = setup();
    const id = await client.scheduleNewWorkflow(Timer, 30, { instanceId: freshId('timer') });
    const state = await client.waitForWorkflowCompletion(id);
    expect(state.output).toBeGreaterThanOrEqual(30);
    const history = await client.getWorkflowHistory(id);
    expect(history.map((e) => e.type)).toEqual(
      expect.arrayContaining(['TimerCreated', 'TimerFired', 'ExecutionCompleted']),
    );
  });
});
